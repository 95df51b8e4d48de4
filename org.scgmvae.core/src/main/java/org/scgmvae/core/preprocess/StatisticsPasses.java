package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.ExpressionMatrix;

import java.io.Serializable;

/**
 * The passes over the cells that fitting a preprocessing needs ({@link FittedPreprocessing#fit(AnnData, PreprocessConfig,
 * StatisticsPasses, org.scgmvae.core.task.Progress)}): per-gene statistics and per-cell totals of the values that a step
 * makes of the cells. Each pass is a sum over cells, so it can run where the cells are: here over the whole matrix
 * ({@link #local}), or a block at a time on a cluster's workers, merged (module org.scgmvae.spark).
 */
public interface StatisticsPasses {

    /** What a pass looks at: values made from cells (a block of them, or all), as the fitted steps so far make them. */
    @FunctionalInterface
    interface Step extends Serializable {
        ExpressionMatrix apply(AnnData cells);
    }

    /** Per-gene sums of {@code step}'s values over every cell (of exp(x)-1 with {@code expm1}). */
    GeneStats.Accumulator geneStats(Step step, int genes, boolean expm1);

    /** Per-cell totals of {@code step}'s values, in the cells' order. */
    double[] cellTotals(Step step);

    /** Both passes over {@code cells} here, in one piece. */
    static StatisticsPasses local(AnnData cells) {
        return new StatisticsPasses() {
            @Override
            public GeneStats.Accumulator geneStats(Step step, int genes, boolean expm1) {
                return new GeneStats.Accumulator(genes).add(step.apply(cells), expm1);
            }

            @Override
            public double[] cellTotals(Step step) {
                return GeneStats.cellTotals(step.apply(cells))[0];
            }
        };
    }
}
