#!/usr/bin/env bash
# DL4J/ND4J (sc*GMVAE) vs a PyTorch implementation of the identical cGMVAE: seconds per epoch and
# encode throughput on the same 4,000 x 2,000 data, timed alternately (ROUNDS rounds, default 3).
# Needs Debian's python3-torch and python3-anndata; run after ./mvnw -B -q package -DskipTests.
# SYSTEM_OPENBLAS=/path/to/libopenblas.so adds a run of ours per round with that OpenBLAS preloaded (the
# library Debian's PyTorch uses; nd4j-native bundles its own, older one), to separate BLAS from framework cost.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=org.scgmvae.core/target/scgmvae.jar
DATA=$(mktemp -d)/speed.h5ad
EPOCHS=${EPOCHS:-4}
ROUNDS=${ROUNDS:-3}
java -cp "$JAR" org.scgmvae.core.bench.EpochTiming prepare "$DATA"
for round in $(seq "$ROUNDS"); do
  echo "round $round"
  java -cp "$JAR" org.scgmvae.core.bench.EpochTiming train "$DATA" "$EPOCHS"
  if [ -n "${SYSTEM_OPENBLAS:-}" ]; then
    echo -n "(preloaded $(basename "$SYSTEM_OPENBLAS")) "
    OPENBLAS_NUM_THREADS=1 LD_PRELOAD="$SYSTEM_OPENBLAS" java -cp "$JAR" org.scgmvae.core.bench.EpochTiming train "$DATA" "$EPOCHS"
  fi
  # Debian's PyTorch uses the system OpenBLAS, which ignores torch.set_num_threads: pin its threads too
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 benchmarks/pytorch/gmvae_reference.py "$DATA" "$EPOCHS" 1
  OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 /usr/bin/python3 benchmarks/pytorch/gmvae_reference.py "$DATA" "$EPOCHS" 2
done
