package org.scgmvae.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An ELU stack's activations, kept for its backward pass: the stack's input as column blocks (e.g.
 * latent | condition one-hot, never concatenated) and the output of each hidden layer.
 */
public record StackActivations(INDArray[] input, INDArray[] hidden) {

    /** The stack's output as blocks: the input itself when there are no hidden layers. */
    public INDArray[] last() {
        return hidden.length == 0 ? input : new INDArray[] {hidden[hidden.length - 1]};
    }
}
