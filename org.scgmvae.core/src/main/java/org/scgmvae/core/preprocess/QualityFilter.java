package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.NumericColumn;

import java.util.Arrays;
import java.util.stream.IntStream;

/** scanpy's {@code filter_cells} and {@code filter_genes}: drop cells/genes below minimums. */
public final class QualityFilter {

    private QualityFilter() {
    }

    /**
     * Keeps cells with at least {@code minCounts} total counts and {@code minGenes} expressed
     * genes; adds obs columns {@code n_counts} and {@code n_genes}.
     */
    public static AnnData filterCells(AnnData data, double minCounts, int minGenes) {
        double[][] t = GeneStats.cellTotals(data.x());
        int[] keep = IntStream.range(0, data.nCells()).filter(i -> t[0][i] >= minCounts && t[1][i] >= minGenes).toArray();
        if (keep.length == 0) {
            throw new IllegalArgumentException("filter_cells removed every cell (min_counts=" + minCounts + ", min_genes=" + minGenes
                    + "; largest total count is " + Arrays.stream(t[0]).max().orElse(0) + ")");
        }
        AnnData annotated = data.withObs(data.obs().withColumn("n_counts", new NumericColumn(t[0]))
                .withColumn("n_genes", new NumericColumn(t[1], true)));
        return keep.length == data.nCells() ? annotated : annotated.selectCells(keep);
    }

    /** The genes whose total counts reach {@code minCounts} and that are detected in at least {@code minCells} cells. */
    static int[] keptGenes(double[] totals, int[] nonZeroCells, double minCounts, int minCells) {
        int[] keep = IntStream.range(0, totals.length).filter(j -> totals[j] >= minCounts && nonZeroCells[j] >= minCells).toArray();
        if (keep.length == 0) {
            throw new IllegalArgumentException("filter_genes removed every gene (min_counts=" + minCounts + ", min_cells=" + minCells + ")");
        }
        return keep;
    }

    /** Keeps genes detected in at least {@code minCells} cells with at least {@code minCounts} counts in total. */
    public static AnnData filterGenes(AnnData data, double minCounts, int minCells) {
        GeneStats s = GeneStats.of(data.x());
        // Sum the counts directly: mean * n_cells is not exact in floating point (15.0 / 11 * 11 <
        // 15), which would drop genes whose total equals min_counts.
        double[] totals = new double[data.nGenes()];
        for (int i = 0; i < data.nCells(); i++) {
            data.x().forEachNonZero(i, (j, v) -> totals[j] += v);
        }
        int[] keep = keptGenes(totals, s.nonZeroCells(), minCounts, minCells);
        double[] nCells = Arrays.stream(s.nonZeroCells()).asDoubleStream().toArray();
        AnnData annotated = data.withVar(data.var().withColumn("n_cells", new NumericColumn(nCells, true)));
        return keep.length == data.nGenes() ? annotated : annotated.selectGenes(keep);
    }
}
