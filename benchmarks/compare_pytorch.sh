#!/usr/bin/env bash
# DL4J/ND4J (sc*GMVAE) vs a PyTorch implementation of the identical cGMVAE: seconds per epoch and
# encode throughput on the same 4,000 x 2,000 data, timed alternately (ROUNDS rounds, default 3, of EPOCHS
# epochs, default 10). Each run reports the mean and the median of its epochs after the first; the summary
# prints the median over rounds of each figure and the ratios ours / PyTorch (one thread each).
# SOURCE=FILE.h5ad times a Kang-like data set instead (cell types x two conditions, e.g. ../shared/data/kang.h5ad; its
# 2,000 most variable genes, all its cells), as issue 4 asks once the Kang data is there; JAVA_OPTS=-D... names its
# condition column and control value where they are not found by name (see bench/SingleCellBenchmarks).
# Needs Debian's python3-torch and python3-anndata; run after ./mvnw -B -q package -DskipTests. Prints the BLAS each
# side runs (library, version, CPU kernel) and refuses to compare against PyTorch on the reference BLAS. Our encode figure
# runs on the default inference threads (one chunk of cells per core, each with a one-thread BLAS); the figure on one
# inference thread is printed beside it (encode_1thread_cells_per_s) for the like-for-like comparison. Encode throughput
# is, on both sides, the median pass after a second of warm-up over at least two seconds of passes (a long encode); the
# first pass right after training is printed on its own (encode_first_pass_cells_per_s: cold, before the JIT compiles
# our encode path).
# SYSTEM_OPENBLAS=/path/to/libopenblas.so adds a run of ours per round with that OpenBLAS preloaded (the
# library Debian's PyTorch uses; nd4j-native bundles its own, older one), to separate BLAS from framework cost.
set -euo pipefail
# a relative SOURCE means relative to where the script was started, not to the repository root it moves to
if [ -n "${SOURCE:-}" ]; then SOURCE=$(realpath "$SOURCE"); fi
cd "$(dirname "$0")/.."
# timings as users see them: this machine's OpenBLAS overrides (a forced kernel) are not on theirs
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
# PyTorch on Debian's OpenBLAS (libopenblas0-pthread), not the reference BLAS it falls back to otherwise
if [ "$(id -u)" = 0 ] && ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread >/dev/null
fi
OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/pytorch/blas_info.py --require-optimised
java -jar org.scgmvae.cli/target/scgmvae.jar --version | sed 's/^/  /'
JAR=org.scgmvae.bench/target/scgmvae-bench.jar
DATA=$(mktemp -d)/speed.h5ad
EPOCHS=${EPOCHS:-10}
ROUNDS=${ROUNDS:-3}
LOG=$(dirname "$DATA")/runs.log
trap 'rm -rf "$(dirname "$DATA")"' EXIT
# JAVA_OPTS passes -Dscgmvae.kang.conditionColumn=... / .control=... where SOURCE's columns are not found by name, or
# -Dscgmvae.condition=COL for any condition column (JAVA_OPTS=-Dscgmvae.condition=sample_id SOURCE=../shared/data/kang_ctrl_muscat.h5ad)
java ${JAVA_OPTS:-} -cp "$JAR" org.scgmvae.bench.EpochTiming prepare "$DATA" ${SOURCE:+"$SOURCE"}
for round in $(seq "$ROUNDS"); do
  echo "round $round"
  java -cp "$JAR" org.scgmvae.bench.EpochTiming train "$DATA" "$EPOCHS"
  if [ -n "${SYSTEM_OPENBLAS:-}" ]; then
    echo -n "(preloaded $(basename "$SYSTEM_OPENBLAS")) "
    OPENBLAS_NUM_THREADS=1 LD_PRELOAD="$SYSTEM_OPENBLAS" java -cp "$JAR" org.scgmvae.bench.EpochTiming train "$DATA" "$EPOCHS"
  fi
  # Debian's PyTorch uses the system OpenBLAS, which ignores torch.set_num_threads: pin its threads too
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 benchmarks/pytorch/gmvae_reference.py "$DATA" "$EPOCHS" 1
  OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 /usr/bin/python3 benchmarks/pytorch/gmvae_reference.py "$DATA" "$EPOCHS" 2
done | tee "$LOG"
# summary: per implementation, the median over rounds of each figure; ratios against PyTorch on one thread
awk '
  /threads=/ {
    impl = $1 " " $2; if ($0 ~ /preloaded/) impl = "dl4j/nd4j (preloaded OpenBLAS)"
    for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] ~ /s\/epoch|encode_.*cells_per_s/) { n[impl, kv[1]]++; v[impl, kv[1], n[impl, kv[1]]] = kv[2] } }
    if (!(impl in seen)) { seen[impl] = 1; order[++m] = impl }
  }
  function med(impl, key,   k, a, i, j, t) {
    k = n[impl, key]; for (i = 1; i <= k; i++) a[i] = v[impl, key, i]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    ref = "pytorch threads=1"
    printf "summary over %d rounds (median of the rounds):\n", n[ref, "median_s/epoch"]
    for (o = 1; o <= m; o++) {
      impl = order[o]
      printf "  %-32s mean s/epoch %.3f  median s/epoch %.3f  encode cells/s %.0f", impl, med(impl, "s/epoch"), med(impl, "median_s/epoch"), med(impl, "encode_cells_per_s")
      if (n[impl, "encode_1thread_cells_per_s"] > 0) printf " (one inference thread: %.0f, ratio %.2f)", med(impl, "encode_1thread_cells_per_s"),
          med(impl, "encode_1thread_cells_per_s") / med(ref, "encode_cells_per_s")
      if (n[impl, "encode_first_pass_cells_per_s"] > 0) printf "; first pass %.0f cells/s", med(impl, "encode_first_pass_cells_per_s")
      if (impl != ref) printf "  | ratio to PyTorch 1 thread: s/epoch mean %.2f, median %.2f; encode %.2f",
          med(impl, "s/epoch") / med(ref, "s/epoch"), med(impl, "median_s/epoch") / med(ref, "median_s/epoch"),
          med(impl, "encode_cells_per_s") / med(ref, "encode_cells_per_s")
      printf "\n"
    }
  }' "$LOG"
