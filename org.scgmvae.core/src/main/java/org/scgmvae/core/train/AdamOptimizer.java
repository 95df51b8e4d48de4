package org.scgmvae.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;


/**
 * Adam on the flat parameter buffer, updated in place (a few ND4J calls per step whatever the
 * number of layers). Kept explicit (rather than an ND4J
 * updater) so that a batch with non-finite gradients is rejected before it touches the
 * parameters, and so that clipping and the learning-rate schedule are visible here.
 */
final class AdamOptimizer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final INDArray params;
    private final INDArray m;
    private final INDArray v;
    private long step;

    AdamOptimizer(INDArray flatParams) {
        this.params = flatParams;
        this.m = flatParams.ulike();
        this.v = flatParams.ulike();
        reset();
    }

    /** Forgets the moment estimates (after restoring parameters). */
    void reset() {
        step = 0;
        m.assign(0);
        v.assign(0);
    }

    /** L2 norm of the flat gradient (NaN/Inf when any gradient is not finite). */
    static double globalNorm(INDArray flatGradient) {
        return flatGradient.norm2Number().doubleValue();
    }

    void apply(INDArray flatGradient, double learningRate, double clipNorm) {
        double norm = globalNorm(flatGradient);
        INDArray g = clipNorm > 0 && norm > clipNorm ? flatGradient.mul(clipNorm / norm) : flatGradient;
        step++;
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2 = 1 - Math.pow(BETA2, step);
        double stepSize = learningRate * Math.sqrt(bc2) / bc1;
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
        params.subi(m.div(Transforms.sqrt(v, true).addi(EPSILON * Math.sqrt(bc2))).muli(stepSize));
    }
}
