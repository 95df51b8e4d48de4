package org.scgmvae.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.preprocess.GeneStats;
import org.scgmvae.core.preprocess.StatisticsPasses;
import scala.Tuple2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The preprocessing's passes over the cells as Spark aggregations: each task reads its blocks of the file from the shared
 * file system, applies the pass's step (the fitted steps so far, the same core code) and sums; the driver merges the sums
 * (per-gene statistics) or places the blocks' per-cell totals. The driver reads no cell values.
 */
final class SparkStatisticsPasses implements StatisticsPasses {

    private final JavaSparkContext sc;
    private final ReadOptions read;
    /** The file's blocks of cells, in file order ({@link SparkInference#plan}). */
    private final List<CellRange> blocks;
    private final int nCells;
    private final int slices;

    SparkStatisticsPasses(JavaSparkContext sc, Path file, ReadOptions read, int blockCells) throws IOException {
        this.sc = sc;
        this.read = read;
        this.blocks = SparkInference.plan(List.of(file), read, blockCells);
        this.nCells = blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).to();
        this.slices = Math.max(1, Math.min(blocks.size(), 2 * sc.defaultParallelism()));
    }

    @Override
    public GeneStats.Accumulator geneStats(Step step, int genes, boolean expm1) {
        ReadOptions r = read;
        return sc.parallelize(blocks, slices).mapPartitions(it -> {
            GeneStats.Accumulator sums = new GeneStats.Accumulator(genes);
            SparkInference.forEachBlock(it, r, (range, block) -> sums.add(step.apply(block), expm1));
            return List.of(sums).iterator();
        }).collect().stream() // in partition order, so that a fixed input gives the same sums to the bit (reduce merges as tasks end)
                .reduce(new GeneStats.Accumulator(genes), GeneStats.Accumulator::merge);
    }

    @Override
    public double[] cellTotals(Step step) {
        ReadOptions r = read;
        List<Tuple2<Integer, double[]>> parts = sc.parallelize(blocks, slices).mapPartitions(it -> {
            List<Tuple2<Integer, double[]>> out = new ArrayList<>();
            SparkInference.forEachBlock(it, r, (range, block) -> out.add(new Tuple2<>(range.from(), GeneStats.cellTotals(step.apply(block))[0])));
            return out.iterator();
        }).collect();
        double[] totals = new double[nCells];
        parts.forEach(t -> System.arraycopy(t._2(), 0, totals, t._1(), t._2().length));
        return totals;
    }
}
