package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.ExpressionMatrix;

import java.util.Locale;

/**
 * Recognises values that were already normalised and log-transformed where the pipeline is about to
 * normalise and log-transform them (the usual trap with published .h5ad files such as scGen's Kang data,
 * whose X is log-normalised): normalize_total accepts any non-negative values, so the result would be
 * log(log(...)) without any error. Raw counts are whole numbers; estimated counts (salmon, kallisto) are
 * not, but reach far beyond {@value #LOG_LEVEL}, which log1p of counts per 10^4 or 10^6 stays below.
 */
public final class LogTransformedCheck {

    /** log1p(10^6) = 13.8: log-normalised values stay below this; counts of a typical cell exceed it. */
    static final double LOG_LEVEL = 20;
    private static final int SAMPLED_CELLS = 200;

    private LogTransformedCheck() {
    }

    /**
     * A warning when most stored non-zero values of the sampled cells are not whole numbers and none exceeds
     * {@value #LOG_LEVEL}; null otherwise, also when there are negative values (not log-transformed counts: normalize_total's
     * counts check rejects them, a log1p-only pipeline is left to its caller).
     */
    public static String warning(ExpressionMatrix values) {
        int step = Math.max(1, values.nCells() / SAMPLED_CELLS);
        long[] nonZero = {0};
        long[] fractional = {0};
        double[] max = {0};
        boolean[] negative = {false};
        for (int i = 0; i < values.nCells(); i += step) {
            values.forEachNonZero(i, (gene, v) -> {
                nonZero[0]++;
                if (v != Math.rint(v)) {
                    fractional[0]++;
                }
                max[0] = Math.max(max[0], v);
                negative[0] |= v < 0;
            });
        }
        if (negative[0] || nonZero[0] == 0 || fractional[0] * 2 <= nonZero[0] || max[0] > LOG_LEVEL) {
            return null;
        }
        return String.format(Locale.ROOT, "the values to normalise look log-transformed already (%.0f%% are not whole numbers,"
                + " the largest is %.2f): normalize_total and log1p would transform them a second time. Give raw counts (X or a"
                + " 'counts' layer), or switch normalisation off for data that is already normalised", 100.0 * fractional[0] / nonZero[0], max[0]);
    }
}
