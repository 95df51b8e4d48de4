package org.scgmvae.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.scgmvae.core.model.likelihood.Observed;

/**
 * One mini-batch as the module consumes it: what is observed (values, and counts for count models), the condition
 * one-hot {@code c} [B, C] (null for an unconditional model), the label one-hot {@code y} [B, K] (all-zero rows for
 * unlabelled cells; null at inference) and the reparameterisation noise {@code epsZ} [B, Dz], {@code epsW} [B, Dw]
 * (null until the trainer draws it; all randomness is the caller's).
 */
public record Batch(Observed observed, INDArray c, INDArray y, INDArray epsZ, INDArray epsW) {

    public INDArray x() {
        return observed.x();
    }

    public int size() {
        return (int) observed.x().size(0);
    }

    /** The same cells with this noise. */
    public Batch withNoise(INDArray epsZ, INDArray epsW) {
        return new Batch(observed, c, y, epsZ, epsW);
    }

    /** The same cells with other observed values (a test's second call, say). */
    public Batch withObserved(Observed other) {
        return new Batch(other, c, y, epsZ, epsW);
    }
}
