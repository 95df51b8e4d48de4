package org.scgmvae.core.model.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an observation model scores a batch against: the model-input values {@code x} [B, G] and, for count models,
 * the raw {@code counts} [B, G], the log library sizes [B, 1] and the constant sum_g lgamma(count + 1) per cell [B]
 * (computed once per data set, not per step).
 */
public record Observed(INDArray x, INDArray counts, INDArray logLibrary, INDArray lgammaCounts) {

    /** Values only, for the models that do not look at counts. */
    public static Observed values(INDArray x) {
        return new Observed(x, null, null, null);
    }

    public boolean hasCounts() {
        return counts != null && logLibrary != null && lgammaCounts != null;
    }
}
