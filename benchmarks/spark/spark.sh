#!/usr/bin/env bash
# Spark local mode (issue 17): the same work on one machine with the single-machine CLI and with the Spark entry points
# on 1 and 2 local executor threads (local[1], local[2]), in one run:
#   - predict over a 100,000-cell file (resampled from the real Kang control counts by bench.ScaleBenchmark, reused from
#     OUT when present), a model trained on 10,000 such cells;
#   - training on the real Kang control cells (12,261 x 1,287, counts, --labels cell_type, 5 epochs, no early stop);
#   - training on the N-cell file (2 epochs), where the per-round overhead no longer dominates.
#   - the 100,000 cells written as a Parquet table of sparse cells (to-parquet), predicted from it and trained on it;
#   bash benchmarks/spark/spark.sh            (about 15 min on 2 cores; PARTS=predict stops after the prediction part)
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
OUT=${OUT:-$(mktemp -d)}
N=${N:-100000}
EPOCHS=${EPOCHS:-5}
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
./mvnw -B -q install -DskipTests -pl org.scgmvae.core
./mvnw -B -q package -DskipTests -pl org.scgmvae.cli,org.scgmvae.bench,org.scgmvae.spark
./mvnw -B -q dependency:build-classpath -pl org.scgmvae.spark -Dmdep.outputFile="$OUT/cp.txt"
JAR=org.scgmvae.cli/target/scgmvae.jar
BENCH=org.scgmvae.bench/target/scgmvae-bench.jar
OPENS=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' org.scgmvae.spark/pom.xml)
SPARK="java $OPENS -Dlog4j2.level=warn -cp org.scgmvae.spark/target/scgmvae-spark.jar:$(cat "$OUT/cp.txt") org.scgmvae.spark.ScGmvaeSpark"
echo "out $OUT"
[ -f "$OUT/cells_$N.h5ad" ] || java -cp $BENCH org.scgmvae.bench.ScaleBenchmark make "$DATA/kang_ctrl_muscat.h5ad" "$N" "$OUT/cells_$N.h5ad"
[ -f "$OUT/cells_10000.h5ad" ] || java -cp $BENCH org.scgmvae.bench.ScaleBenchmark make "$DATA/kang_ctrl_muscat.h5ad" 10000 "$OUT/cells_10000.h5ad"
[ -f "$OUT/model.scgmvae" ] || java -jar $JAR train -i "$OUT/cells_10000.h5ad" --labels cell_type -e 3 -o "$OUT/model.scgmvae" > /dev/null 2>&1

# the history CSV of 'scgmvae train --history': a row per epoch, named columns (validation_accuracy, seconds last)
last_accuracy() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "validation_accuracy") c = i; next } { v = $c } END { print v }' "$1"; }
epoch_seconds() { awk -F, 'NR > 1 { print $NF }' "$1" | paste -sd' '; }
wall() { /usr/bin/time -f "%e" -o "$OUT/t.txt" "$@" > "$OUT/log.txt" 2>&1; tail -1 "$OUT/t.txt"; }
echo "== predict, $N cells (wall includes JVM and Spark start)"
w=$(wall java -jar $JAR predict -i "$OUT/cells_$N.h5ad" -m "$OUT/model.scgmvae" -o "$OUT/single.h5ad" --no-x)
printf '%-28s wall %6.1f s  %8.0f cells/s\n' "one machine (CLI)" "$w" "$(echo "$N / $w" | bc -l)"
for t in 1 2; do
  w=$(wall $SPARK predict --master "local[$t]" -m "$OUT/model.scgmvae" -o "$OUT/spark$t" "$OUT/cells_$N.h5ad")
  printf '%-28s wall %6.1f s  %8.0f cells/s   job: %s\n' "Spark local[$t]" "$w" "$(echo "$N / $w" | bc -l)" \
    "$(grep -o 'in [0-9.]* s ([0-9]* cells/s' "$OUT/log.txt")"
done

# the same cells as a Parquet table of sparse cells (to-parquet), then predicted from the table
rm -rf "$OUT/cells_$N.parquet"
w=$(wall $SPARK to-parquet --master "local[2]" -o "$OUT/cells_$N.parquet" "$OUT/cells_$N.h5ad")
printf '%-28s wall %6.1f s  (%s MB)\n' "to-parquet local[2]" "$w" "$(du -sm "$OUT/cells_$N.parquet" | cut -f1)"
w=$(wall $SPARK predict --master "local[2]" -m "$OUT/model.scgmvae" -o "$OUT/spark_table" "$OUT/cells_$N.parquet")
printf '%-28s wall %6.1f s  %8.0f cells/s   job: %s\n' "Spark local[2], Parquet" "$w" "$(echo "$N / $w" | bc -l)" \
  "$(grep -o 'in [0-9.]* s ([0-9]* cells/s' "$OUT/log.txt")"
[ "${PARTS:-all}" = predict ] && exit 0

echo "== training on kang_ctrl_muscat.h5ad, $EPOCHS epochs"
w=$(wall java -jar $JAR train -i "$DATA/kang_ctrl_muscat.h5ad" --labels cell_type -e "$EPOCHS" --patience 0 -o "$OUT/single.scgmvae" \
  --history "$OUT/single_history.csv")
acc=$(last_accuracy "$OUT/single_history.csv")
printf '%-28s wall %6.1f s  validation accuracy %s  s/epoch %s\n' "one machine (CLI)" "$w" "$acc" \
  "$(epoch_seconds "$OUT/single_history.csv")"
for t in 1 2; do
  w=$(wall $SPARK train --master "local[$t]" --partitions "$t" --rounds 4 -i "$DATA/kang_ctrl_muscat.h5ad" --labels cell_type \
    -e "$EPOCHS" -o "$OUT/spark$t.scgmvae")
  printf '%-28s wall %6.1f s  %s\n' "Spark local[$t], $t partition(s)" "$w" "$(grep "^epoch $EPOCHS:" "$OUT/log.txt")"
done

echo "== training on the $N-cell file, 2 epochs"
w=$(wall java -jar $JAR train -i "$OUT/cells_$N.h5ad" --labels cell_type -e 2 --patience 0 -o "$OUT/single_big.scgmvae" \
  --history "$OUT/single_big_history.csv")
acc=$(last_accuracy "$OUT/single_big_history.csv")
printf '%-28s wall %6.1f s  validation accuracy %s  s/epoch %s\n' "one machine (CLI)" "$w" "$acc" \
  "$(epoch_seconds "$OUT/single_big_history.csv")"
for t in 1 2; do
  w=$(wall $SPARK train --master "local[$t]" --partitions "$t" --rounds 4 -i "$OUT/cells_$N.h5ad" --labels cell_type -e 2 \
    -o "$OUT/spark_big$t.scgmvae")
  printf '%-28s wall %6.1f s  %s\n' "Spark local[$t], $t partition(s)" "$w" "$(grep '^epoch ' "$OUT/log.txt" | paste -sd' ')"
done
# the same cells trained from their Parquet table (written as one .h5ad through the driver first, then the same training)
rm -f "$OUT/spark_table.scgmvae"
w=$(wall $SPARK train --master "local[2]" --partitions 2 --rounds 4 -i "$OUT/cells_$N.parquet" --labels cell_type -e 2 \
  -o "$OUT/spark_table.scgmvae")
printf '%-28s wall %6.1f s  %s  %s\n' "Spark local[2], from Parquet" "$w" "$(grep -o 'genes written to .* in [0-9.]* s' "$OUT/log.txt")" \
  "$(grep '^epoch ' "$OUT/log.txt" | paste -sd' ')"
