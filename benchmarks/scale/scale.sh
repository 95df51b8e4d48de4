#!/usr/bin/env bash
# Scale (issue 17): data of 10k, 100k and 1M cells x 2,000 genes resampled with noise from the real Kang control
# counts (bench.ScaleBenchmark make; written to OUT, a temporary folder unless given, never committed; files already
# there are reused), then per size: read throughput, predict and encode from .h5ad to .h5ad a block of cells at a time
# (wall, cells/s, peak RSS with the Java heap capped at HEAP), the whole-file route (CSV output) for comparison, training
# in memory (TRAIN_SIZES) and with --on-disk (ONDISK_SIZES, heap capped at TRAIN_HEAP), 2 epochs each; the Leiden
# baseline (exact kNN) at LEIDEN_SIZES.
#   bash benchmarks/scale/scale.sh                     # all sizes (about 40 min on 2 cores, 3.5 GB of disk)
#   SIZES="10000 100000" ONDISK_SIZES="10000 100000" bash benchmarks/scale/scale.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
OUT=${OUT:-$(mktemp -d)}
SIZES=${SIZES:-"10000 100000 1000000"}
TRAIN_SIZES=${TRAIN_SIZES:-"10000 100000"}
ONDISK_SIZES=${ONDISK_SIZES:-"10000 100000 1000000"}
TRAIN_HEAP=${TRAIN_HEAP:-2g}
LEIDEN_SIZES=${LEIDEN_SIZES:-"10000 100000"}
WHOLE_SIZES=${WHOLE_SIZES:-"10000 100000"}
HEAP=${HEAP:-1g}
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
./mvnw -B -q package -DskipTests -pl org.scgmvae.cli,org.scgmvae.bench -am
JAR=org.scgmvae.cli/target/scgmvae.jar
BENCH=org.scgmvae.bench/target/scgmvae-bench.jar
echo "out $OUT; $(java -jar $JAR --version | tr '\n' ' ')"

# run LABEL CELLS [JAVA_OPTIONS] -- COMMAND...: prints wall seconds, cells/s and the peak RSS /usr/bin/time measured
run() {
  local label=$1 cells=$2; shift 2
  if /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" > "$OUT/log.txt" 2>&1; then status=ok; else status="FAILED: $(grep -m1 -i 'error\|exception' "$OUT/log.txt" || tail -1 "$OUT/log.txt")"; fi
  read -r wall kb < <(tail -1 "$OUT/time.txt")
  printf '%-44s %9d cells  %8.1f s  %9.0f cells/s  peak RSS %5.2f GB  %s\n' "$label" "$cells" "$wall" \
    "$(echo "$cells / $wall" | bc -l)" "$(echo "$kb / 1048576" | bc -l)" "$status"
}

for n in $SIZES; do
  [ -f "$OUT/cells_$n.h5ad" ] || java -cp $BENCH org.scgmvae.bench.ScaleBenchmark make "$DATA/kang_ctrl_muscat.h5ad" "$n" "$OUT/cells_$n.h5ad"
done
first=$(echo $SIZES | cut -d' ' -f1)
java -jar $JAR train -i "$OUT/cells_$first.h5ad" --labels cell_type -e 3 -o "$OUT/model.scgmvae" > "$OUT/train.log" 2>&1
for n in $SIZES; do
  f="$OUT/cells_$n.h5ad"
  java -Xmx$HEAP -cp $BENCH org.scgmvae.bench.ScaleBenchmark read "$f"
  run "predict blockwise, --no-x, -Xmx$HEAP" "$n" java -Xmx$HEAP -jar $JAR predict -i "$f" -m "$OUT/model.scgmvae" -o "$OUT/pred_$n.h5ad" --no-x
  run "predict blockwise, X copied, -Xmx$HEAP" "$n" java -Xmx$HEAP -jar $JAR predict -i "$f" -m "$OUT/model.scgmvae" -o "$OUT/predx_$n.h5ad"
  run "encode blockwise, --no-x, -Xmx$HEAP" "$n" java -Xmx$HEAP -jar $JAR encode -i "$f" -m "$OUT/model.scgmvae" -o "$OUT/enc_$n.h5ad" --no-x
  rm -f "$OUT/predx_$n.h5ad"
done
for n in $WHOLE_SIZES; do
  run "predict whole file (CSV out), default heap" "$n" java -jar $JAR predict -i "$OUT/cells_$n.h5ad" -m "$OUT/model.scgmvae" -o "$OUT/pred_$n.csv" --no-x
done
epochs() { # seconds of each epoch and the final line of the run
  echo "  seconds per epoch: $(tail -n +2 "$1" | awk -F, '{print $NF}' | paste -sd' '); $(grep -m1 'accuracy' "$OUT/log.txt")"
}
for n in $LEIDEN_SIZES; do
  run "leiden (PCA 50, exact 15-NN), default heap" "$n" java -jar $JAR leiden -i "$OUT/cells_$n.h5ad" --evaluate cell_type --no-x \
    -o "$OUT/leiden_$n.h5ad"
  echo "  $(grep -m1 -i 'accuracy\|clusters' "$OUT/log.txt")"
done
for n in $TRAIN_SIZES; do
  run "train 2 epochs in memory, default heap" "$n" java -jar $JAR train -i "$OUT/cells_$n.h5ad" --labels cell_type -e 2 --patience 0 \
    -o "$OUT/train_$n.scgmvae" --history "$OUT/history_$n.csv"
  epochs "$OUT/history_$n.csv"
done
for n in $ONDISK_SIZES; do
  run "train 2 epochs --on-disk, -Xmx$TRAIN_HEAP" "$n" java -Xmx$TRAIN_HEAP -jar $JAR train -i "$OUT/cells_$n.h5ad" --labels cell_type -e 2 \
    --patience 0 --on-disk -o "$OUT/ondisk_$n.scgmvae" --history "$OUT/ondisk_history_$n.csv"
  epochs "$OUT/ondisk_history_$n.csv"
done
