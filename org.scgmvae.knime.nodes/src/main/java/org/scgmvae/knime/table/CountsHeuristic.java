package org.scgmvae.knime.table;

import org.scgmvae.core.data.ExpressionMatrix;

/**
 * Recognises raw counts fed where normalised values are expected (the most common wiring mistake:
 * Reader straight into a learner or predictor that expects the Normalizer's output).
 */
public final class CountsHeuristic {
    /** Counts of a normal cell reach this value; log-normalised values (log1p of 1e4-scaled data) stay below ~10. */
    private static final double COUNT_LEVEL = 20;
    private static final int SAMPLED_CELLS = 200;

    private CountsHeuristic() {
    }

    /** True when the sampled cells hold only non-negative whole numbers and some exceed {@value #COUNT_LEVEL}. */
    public static boolean looksLikeRawCounts(final ExpressionMatrix m) {
        int step = Math.max(1, m.nCells() / SAMPLED_CELLS);
        boolean[] integral = {true};
        double[] max = {0};
        for (int i = 0; i < m.nCells() && integral[0]; i += step) {
            m.forEachNonZero(i, (gene, value) -> {
                if (value < 0 || value != Math.rint(value)) {
                    integral[0] = false;
                }
                max[0] = Math.max(max[0], value);
            });
        }
        return integral[0] && max[0] > COUNT_LEVEL;
    }

    public static String warning(final String where) {
        return "The gene values look like raw counts (whole numbers above " + (int)COUNT_LEVEL + "), but " + where
            + ". Normalise them first with the sc*GMVAE Normalizer";
    }
}
