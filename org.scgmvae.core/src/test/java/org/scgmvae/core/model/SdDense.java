package org.scgmvae.core.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import java.util.List;

/** Test reference: a SameDiff dense layer whose weights can be applied to several inputs. */
final class SdDense {

    private final SameDiff sd;
    private final SDVariable weights;
    private final SDVariable bias;

    /** Takes its initial values from {@code params} (the production parameter set). */
    SdDense(SameDiff sd, String name, GmvaeParameters params, List<String> parameterNames) {
        this.sd = sd;
        this.weights = sd.var(name + "_W", params.get(name + "_W").dup());
        this.bias = sd.var(name + "_b", params.get(name + "_b").dup());
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
