package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.ExpressionMatrix;

import java.util.Locale;

/**
 * Recognises values that were already normalised and log-transformed where the pipeline is about to
 * normalise and log-transform them (the usual trap with published .h5ad files such as scGen's Kang data,
 * whose X is log-normalised): normalize_total accepts any non-negative values, so the result would be
 * log(log(...)) without any error. Raw counts are whole numbers; estimated counts (salmon, kallisto) are
 * not, but reach far beyond {@value ValueSample#COUNT_LEVEL}, which log1p of counts per 10^4 or 10^6 stays below.
 */
public final class LogTransformedCheck {

    private LogTransformedCheck() {
    }

    /**
     * A warning when {@link ValueSample#looksLogTransformed}: most stored non-zero values of the sampled cells are not
     * whole numbers and none exceeds {@value ValueSample#COUNT_LEVEL}; null otherwise, also when there are negative
     * values (not log-transformed counts: normalize_total's counts check rejects them, a log1p-only pipeline is left
     * to its caller).
     */
    public static String warning(ExpressionMatrix values) {
        ValueSample s = ValueSample.of(values);
        if (!s.looksLogTransformed()) {
            return null;
        }
        return String.format(Locale.ROOT, "the values to normalise look log-transformed already (%.0f%% are not whole numbers,"
                + " the largest is %.2f): normalize_total and log1p would transform them a second time. Give raw counts (X or a"
                + " 'counts' layer), or switch normalisation off for data that is already normalised", 100.0 * s.fractional() / s.nonZero(), s.max());
    }
}
