package org.scgmvae.core.model.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.scgmvae.core.nn.ArrayAllocator;
import org.scgmvae.core.nn.Parameters;

/** Bernoulli on values in [0, 1] (near-binary images such as MNIST); the decoder output is the logit. */
public final class BernoulliObservation implements ObservationModel {

    /** -log p = softplus(out) - x out per value; d/d out = sigmoid(out) - x. */
    @Override
    public Reconstruction negLogLikelihood(ArrayAllocator alloc, INDArray out, Observed observed, double scale,
                                           Parameters params, Parameters grads) {
        INDArray x = observed.x();
        double sum = Transforms.softPlus(out, true).sumNumber().doubleValue() - x.mul(out).sumNumber().doubleValue();
        return new Reconstruction(sum, grads == null ? null : Transforms.sigmoid(out, true).subi(x).muli(scale));
    }

    @Override
    public INDArray mean(INDArray out, INDArray logLibrary) {
        return Transforms.sigmoid(out, false);
    }
}
