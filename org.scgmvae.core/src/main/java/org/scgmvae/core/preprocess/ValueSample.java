package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.ExpressionMatrix;

/**
 * What kind of values a matrix holds, from the stored values of about {@value #SAMPLED_CELLS} evenly spaced cells:
 * the one scan behind the checks that tell raw counts from normalised values (the KNIME nodes' raw-counts warning,
 * {@link LogTransformedCheck}).
 *
 * @param nonZero    stored non-zero values seen
 * @param fractional how many of them are not whole numbers
 * @param negatives  how many of them are negative
 * @param max        the largest (0 when none)
 */
public record ValueSample(long nonZero, long fractional, long negatives, double max) {

    /**
     * The level that separates counts from log values: counts of a typical cell exceed it, log1p of counts per 10^4
     * or 10^6 (at most 9.2 or 13.8) stays below.
     */
    public static final double COUNT_LEVEL = 20;
    private static final int SAMPLED_CELLS = 200;

    public static ValueSample of(ExpressionMatrix m) {
        int step = Math.max(1, m.nCells() / SAMPLED_CELLS);
        long[] nonZero = {0};
        long[] fractional = {0};
        long[] negatives = {0};
        double[] max = {0};
        for (int i = 0; i < m.nCells(); i += step) {
            m.forEachNonZero(i, (gene, v) -> {
                nonZero[0]++;
                if (v != Math.rint(v)) {
                    fractional[0]++;
                }
                negatives[0] += v < 0 ? 1 : 0;
                max[0] = Math.max(max[0], v);
            });
        }
        return new ValueSample(nonZero[0], fractional[0], negatives[0], max[0]);
    }

    /** Whether any sampled value is negative. */
    public boolean negative() {
        return negatives > 0;
    }

    /**
     * Whole numbers with a few (under 1%) negative values: counts with corrupt entries rather than centred data, where
     * about half the values are negative and most are fractional.
     */
    public boolean looksLikeCountsWithStrayNegatives() {
        return negatives > 0 && fractional == 0 && negatives * 100 < nonZero;
    }

    /** Only non-negative whole numbers, some above {@value #COUNT_LEVEL}. */
    public boolean looksLikeRawCounts() {
        return fractional == 0 && !negative() && max > COUNT_LEVEL;
    }

    /** Non-negative, mostly not whole numbers, none above {@value #COUNT_LEVEL}. */
    public boolean looksLogTransformed() {
        return !negative() && nonZero > 0 && fractional * 2 > nonZero && max <= COUNT_LEVEL;
    }
}
