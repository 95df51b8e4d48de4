#!/usr/bin/env bash
# Cell types on the real files of ../shared/data: unsupervised GMVAE at K = number of types and over-clustered, the
# project's Leiden, annotation with all and 10% of the labels, next to k-means, a Gaussian mixture, logistic
# regression and 15-NN on 50 PCs of the same preprocessed cells, in one run.
#   bash benchmarks/realdata/celltypes.sh
# Needs Debian's python3-anndata and python3-sklearn (installed here when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
OUT=${OUT:-$(mktemp -d)}
PY=/usr/bin/python3
if [ "$(id -u)" = 0 ] && ! $PY -c "import anndata, sklearn" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-anndata python3-sklearn >/dev/null
fi
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
./mvnw -B -q package -DskipTests -pl org.scgmvae.bench -am
JAR=org.scgmvae.bench/target/scgmvae-bench.jar
run() { # name file type-column Ks [donor-column]
  java -cp $JAR org.scgmvae.bench.CellTypeBenchmark "$DATA/$2" "$OUT" "$1" "$3" "$4" ${5:-}
  $PY benchmarks/realdata/celltypes_peers.py "$OUT" "$1" "$3" "$4"
}
echo "out $OUT"
run kang_ctrl kang_ctrl_muscat.h5ad cell_type 8,21 sample_id
run pbmc68k pbmc68k_reduced.h5ad bulk_labels 10,21
run kang_scgen kang_valid_scgen.h5ad cell_type 7,21
