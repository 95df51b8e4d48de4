package org.scgmvae.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
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
    private final String path;
    private final ReadOptions read;
    private final int nCells;
    /** [from, to) of each block, in file order. */
    private final List<int[]> blocks = new ArrayList<>();
    private final int slices;

    SparkStatisticsPasses(JavaSparkContext sc, Path file, ReadOptions read, int blockCells) throws IOException {
        if (blockCells < 1) {
            throw new IllegalArgumentException("cells per block must be at least 1, got " + blockCells);
        }
        this.sc = sc;
        this.path = file.toAbsolutePath().toString();
        this.read = read;
        try (H5adCellBlocks cells = H5adCellBlocks.open(file, read)) {
            nCells = cells.nCells();
        }
        for (int from = 0; from < nCells; from += blockCells) {
            blocks.add(new int[] {from, Math.min(nCells, from + blockCells)});
        }
        slices = Math.max(1, Math.min(blocks.size(), 2 * sc.defaultParallelism()));
    }

    @Override
    public GeneStats.Accumulator geneStats(Step step, int genes, boolean expm1) {
        String p = path;
        ReadOptions r = read;
        return sc.parallelize(blocks, slices).mapPartitions(it -> {
            GeneStats.Accumulator sums = new GeneStats.Accumulator(genes);
            try (H5adCellBlocks cells = H5adCellBlocks.open(Path.of(p), r)) {
                while (it.hasNext()) {
                    int[] b = it.next();
                    sums.add(step.apply(cells.block(b[0], b[1])), expm1);
                }
            }
            return List.of(sums).iterator();
        }).collect().stream() // in partition order, so that a fixed input gives the same sums to the bit (reduce merges as tasks end)
                .reduce(new GeneStats.Accumulator(genes), GeneStats.Accumulator::merge);
    }

    @Override
    public double[] cellTotals(Step step) {
        String p = path;
        ReadOptions r = read;
        List<Tuple2<Integer, double[]>> parts = sc.parallelize(blocks, slices).mapPartitions(it -> {
            List<Tuple2<Integer, double[]>> out = new ArrayList<>();
            try (H5adCellBlocks cells = H5adCellBlocks.open(Path.of(p), r)) {
                while (it.hasNext()) {
                    int[] b = it.next();
                    AnnData block = cells.block(b[0], b[1]);
                    out.add(new Tuple2<>(b[0], GeneStats.cellTotals(step.apply(block))[0]));
                }
            }
            return out.iterator();
        }).collect();
        double[] totals = new double[nCells];
        parts.forEach(t -> System.arraycopy(t._2(), 0, totals, t._1(), t._2().length));
        return totals;
    }
}
