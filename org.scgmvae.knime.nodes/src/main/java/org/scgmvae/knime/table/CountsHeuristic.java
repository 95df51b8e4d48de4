package org.scgmvae.knime.table;

import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.preprocess.ValueSample;

/**
 * Recognises raw counts fed where normalised values are expected (the most common wiring mistake:
 * Reader straight into a learner or predictor that expects the Normalizer's output).
 */
public final class CountsHeuristic {
    private CountsHeuristic() {
    }

    /** True when the sampled cells hold only non-negative whole numbers and some exceed {@value ValueSample#COUNT_LEVEL}. */
    public static boolean looksLikeRawCounts(final ExpressionMatrix m) {
        return ValueSample.of(m).looksLikeRawCounts();
    }

    public static String warning(final String where) {
        return "The gene values look like raw counts (whole numbers above " + (int)ValueSample.COUNT_LEVEL + "), but " + where
            + ". Normalise them first with the sc*GMVAE Normalizer";
    }
}
