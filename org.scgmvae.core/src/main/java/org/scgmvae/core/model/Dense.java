package org.scgmvae.core.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

/** A fully connected layer whose weights can be applied to several inputs (shared parameters). */
final class Dense {

    private final SameDiff sd;
    private final SDVariable weights;
    private final SDVariable bias;

    /** Xavier-uniform weights from the given seeded generator, zero bias; {@code scale} shrinks the init (e.g. for log-variance heads). */
    Dense(SameDiff sd, String name, int in, int out, Random rnd, double scale, List<String> parameterNames) {
        this.sd = sd;
        double limit = scale * Math.sqrt(6.0 / (in + out));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
        }
        this.weights = sd.var(name + "_W", Nd4j.create(w, new long[] {in, out}, 'c'));
        this.bias = sd.var(name + "_b", Nd4j.zeros(DataType.FLOAT, 1, out));
        parameterNames.add(weights.name());
        parameterNames.add(bias.name());
    }

    SDVariable apply(SDVariable input) {
        return input.mmul(weights).add(bias);
    }

    SameDiff sameDiff() {
        return sd;
    }
}
