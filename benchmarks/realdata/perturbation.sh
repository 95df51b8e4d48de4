#!/usr/bin/env bash
# scGen's perturbation protocol on scGen's Kang file, every cell type held out in turn: the cGMVAE (CLI defaults)
# next to a scGen-style VAE, "mean shift" and "no change", on the same training cells and genes, in one run.
#   bash benchmarks/realdata/perturbation.sh            (2,000 HVGs: the default route)
#   N_TOP_GENES=0 bash benchmarks/realdata/perturbation.sh   (every gene of the file, scGen's own set-up)
# Needs Debian's python3-anndata, python3-torch, python3-scipy (installed here when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data/kang_valid_scgen.h5ad}
OUT=${OUT:-$(mktemp -d)}
N_TOP_GENES=${N_TOP_GENES:-2000}
VAE_EPOCHS=${VAE_EPOCHS:-100}
PY=/usr/bin/python3
# PyTorch on Debian's OpenBLAS (libopenblas0-pthread), not the reference BLAS it falls back to otherwise
if [ "$(id -u)" = 0 ] && { ! $PY -c "import anndata, torch, scipy" 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; }; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-anndata python3-torch python3-scipy libopenblas0-pthread >/dev/null
fi
# timings as users see them: this machine's OpenBLAS overrides are not on theirs
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
./mvnw -B -q package -DskipTests -pl org.scgmvae.bench -am
echo "data $DATA, genes: ${N_TOP_GENES} (0 = all), out $OUT"
java -cp org.scgmvae.bench/target/scgmvae-bench.jar org.scgmvae.bench.PerturbationBenchmark "$DATA" "$OUT" "$N_TOP_GENES"
$PY benchmarks/realdata/perturbation_peers.py "$DATA" "$OUT" "$VAE_EPOCHS"
