#!/usr/bin/env bash
# Cell types on the real files of ../shared/data: unsupervised GMVAE at K = number of types and over-clustered, the
# project's Leiden, annotation with all and 10% of the labels, next to k-means, a Gaussian mixture, logistic
# regression and 15-NN on 50 PCs of the same preprocessed cells, in one run.
#   bash benchmarks/realdata/celltypes.sh
# On the file with raw counts (Kang control) an scVI-style peer (scvi_peer.py: scVI's model and defaults in PyTorch, then
# k-means and a Gaussian mixture on its latent space) trains once per seed of SCVI_SEEDS (default 0,1,2; about 9 min each
# on one core, two at a time; SCVI_SEEDS= leaves it out).
# JAVA_OPTS=-Dscgmvae.annotationOnly=true leaves out the GMVAE clusterings (the runner's Leiden and the peers' k-means and
# Gaussian mixture still run; the GMVAE trains only for annotation, transfer and generated cells: a few minutes) and JAVA_OPTS=-Dscgmvae.seeds=42 trains each clustering with one seed instead of three.
# Needs Debian's python3-anndata and python3-sklearn (installed here when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
OUT=${OUT:-$(mktemp -d)}
PY=/usr/bin/python3
SCVI_SEEDS=${SCVI_SEEDS-0,1,2}
if [ "$(id -u)" = 0 ] && ! $PY -c "import anndata, sklearn" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-anndata python3-sklearn >/dev/null
fi
if [ -n "$SCVI_SEEDS" ] && [ "$(id -u)" = 0 ] && ! $PY -c "import torch" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null
fi
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
./mvnw -B -q package -DskipTests -pl org.scgmvae.bench,org.scgmvae.cli -am
JAR=org.scgmvae.bench/target/scgmvae-bench.jar
CLI=org.scgmvae.cli/target/scgmvae.jar
run() { # name file type-column Ks [donor-column]
  java ${JAVA_OPTS:-} -cp $JAR org.scgmvae.bench.CellTypeBenchmark "$DATA/$2" "$OUT" "$1" "$3" "$4" ${5:-}
  $PY benchmarks/realdata/celltypes_peers.py "$OUT" "$1" "$3" "$4"
}
echo "out $OUT"
run kang_ctrl kang_ctrl_muscat.h5ad cell_type 8,21 sample_id
if [ -n "$SCVI_SEEDS" ]; then # the seeds two at a time (one thread each), their lines and means printed in seed order
  pids=(); i=0
  for seed in ${SCVI_SEEDS//,/ }; do
    $PY benchmarks/realdata/scvi_peer.py "$DATA/kang_ctrl_muscat.h5ad" cell_type 8,21 "$seed" "$OUT" > "$OUT/scvi_$seed.log" 2>&1 &
    pids+=($!); i=$((i + 1))
    if [ $((i % 2)) = 0 ]; then wait "${pids[@]}"; pids=(); fi
  done
  wait "${pids[@]}" 2>/dev/null || true
  for seed in ${SCVI_SEEDS//,/ }; do
    for k in 8 21; do # the project's Leiden on the latent (10 PCs = the latent rotated), resolution chosen to reach K
      java -jar $CLI leiden -i "$OUT/scvi_latent_$seed.h5ad" --no-preprocess --pcs 10 --clusters $k --evaluate cell_type --no-x \
        -o "$OUT/scvi_leiden_$seed.h5ad" 2>&1 | awk -v s="$seed" -v k="$k" '/^accuracy \(majority/{m=$NF} /^accuracy \(one-to-one/{o=$NF}
        /Rand index/{r=$NF} /mutual information/{n=$NF} END{printf "  scVI-style latent + Leiden K=%s seed %s: majority %.3f 1:1 %.3f ARI %.3f NMI %.3f\n", k, s, m, o, r, n}' \
        >> "$OUT/scvi_$seed.log"
    done
    cat "$OUT/scvi_$seed.log"
  done
  $PY benchmarks/realdata/scvi_peer.py --means "$SCVI_SEEDS" $(for seed in ${SCVI_SEEDS//,/ }; do echo "$OUT/scvi_$seed.log"; done)
fi
run pbmc68k pbmc68k_reduced.h5ad bulk_labels 10,21
run kang_scgen kang_valid_scgen.h5ad cell_type 7,21
