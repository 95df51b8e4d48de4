package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.ExpressionMatrix;

import java.util.Arrays;

/**
 * scanpy's {@code normalize_total}: scale each cell so its counts sum to {@code targetSum}; the
 * default target is the median total of the cells with non-zero totals. Cells with zero counts
 * stay zero.
 */
public final class NormalizeTotal {

    private NormalizeTotal() {
    }

    /** Median of the non-zero cell totals (scanpy's default target_sum). */
    public static double medianTotal(ExpressionMatrix m) {
        return medianOf(GeneStats.cellTotals(m)[0]);
    }

    /** Median of the non-zero values of per-cell {@code totals}, however they were summed. */
    static double medianOf(double[] totals) {
        double[] positive = Arrays.stream(totals).filter(t -> t > 0).toArray();
        if (positive.length == 0) {
            throw new IllegalArgumentException("normalize_total: every cell has zero counts");
        }
        return GeneStats.median(positive);
    }

    /**
     * A warning when some cells have no counts at all (they stay zero, so the model places them by its prior alone),
     * naming how many and the first; empty otherwise. scanpy keeps such cells silently; a user usually wants them
     * filtered (empty droplets).
     */
    public static java.util.Optional<String> emptyCellsWarning(double[] totals, String[] cellNames) {
        EmptyCells e = EmptyCells.of(totals);
        int empty = e.count();
        int first = e.first();
        if (empty == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%,d of %,d cells have no counts (e.g. '%s'): they stay zero"
                + " after normalize_total and carry no information; filter them out (a minimum number of genes per cell)",
                empty, totals.length, cellNames[first]));
    }

    /** Cells whose total is zero: how many, and the first (-1 when none). */
    record EmptyCells(int count, int first) {
        static EmptyCells of(double[] totals) {
            int count = 0;
            int first = -1;
            for (int i = 0; i < totals.length; i++) {
                if (totals[i] <= 0) {
                    count++;
                    first = first < 0 ? i : first;
                }
            }
            return new EmptyCells(count, first);
        }
    }

    public static ExpressionMatrix apply(ExpressionMatrix m, double targetSum) {
        double[] totals = GeneStats.cellTotals(m)[0];
        return m.map((cell, gene, v) -> totals[cell] > 0 ? (float) (v / totals[cell] * targetSum) : v);
    }
}
