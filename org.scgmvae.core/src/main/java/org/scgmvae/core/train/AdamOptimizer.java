package org.scgmvae.core.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam on the flat parameter buffer, using ND4J's fused Adam kernel (one native call updates the
 * moments and computes the step; written out op by op it was ~10 passes over all parameters).
 * Kept as our own class so that a batch with non-finite gradients is rejected before it touches
 * the parameters, and so that clipping and the learning-rate schedule stay explicit.
 */
final class AdamOptimizer {

    private final INDArray params;
    private final Adam config = new Adam(1e-3, 0.9, 0.999, 1e-8);
    private final INDArray state;
    private final GradientUpdater<?> updater;
    private int step;

    AdamOptimizer(INDArray flatParams) {
        this.params = flatParams;
        this.state = Nd4j.zeros(DataType.FLOAT, 1, 2 * flatParams.length());
        this.updater = config.instantiate(state, true);
    }

    /** Forgets the moment estimates (after restoring parameters). */
    void reset() {
        step = 0;
        state.assign(0);
    }

    /** L2 norm of the flat gradient (NaN/Inf when any gradient is not finite). */
    static double globalNorm(INDArray flatGradient) {
        return flatGradient.norm2Number().doubleValue();
    }

    /**
     * Applies one step; {@code flatGradient} is consumed (overwritten with the update).
     * {@code norm} is its L2 norm, already computed by the caller's finiteness check.
     */
    void apply(INDArray flatGradient, double norm, double learningRate, double clipNorm) {
        if (clipNorm > 0 && norm > clipNorm) {
            flatGradient.muli(clipNorm / norm);
        }
        config.setLearningRate(learningRate);
        updater.applyUpdater(flatGradient, step++, 0);
        params.subi(flatGradient);
    }
}
