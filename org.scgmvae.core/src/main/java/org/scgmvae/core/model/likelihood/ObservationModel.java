package org.scgmvae.core.model.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.scgmvae.core.nn.ArrayAllocator;
import org.scgmvae.core.nn.Parameters;

import java.util.Map;

/**
 * One observation model p(x|z,c) on the decoder's raw output [B, G] (scvi-tools' one class per distribution): its
 * own trainable parameters, its negative log-likelihood with the gradient, and the decoded mean. A new likelihood
 * is one implementation, one constant of {@link org.scgmvae.core.model.Likelihood} and one case of the gradient test
 * against autodiff.
 */
public interface ObservationModel {

    /** Trainable arrays beside the networks' (name to initial value), e.g. a dispersion per gene; none by default. */
    default Map<String, INDArray> initialParameters() {
        return Map.of();
    }

    /** Whether it scores raw counts (then every batch carries counts and library sizes, see {@link Observed}). */
    default boolean needsCounts() {
        return false;
    }

    /**
     * -log p(x | out) summed over the batch. With {@code grads} non-null, also the gradients times {@code scale}: the
     * one w.r.t. {@code out} is returned (it may overwrite {@code out}, which the caller no longer needs), the ones of
     * the model's own parameters are written into {@code grads}.
     */
    Reconstruction negLogLikelihood(ArrayAllocator alloc, INDArray out, Observed observed, double scale,
                                    Parameters params, Parameters grads);

    /**
     * The decoded mean: model-input units, probabilities, or expected counts for the given log library sizes [B, 1]
     * (null for the models without counts).
     */
    INDArray mean(INDArray out, INDArray logLibrary);
}
