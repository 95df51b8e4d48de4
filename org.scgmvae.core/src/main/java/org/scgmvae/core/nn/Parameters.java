package org.scgmvae.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named trainable arrays as the dense layers read them ({@code <layer>_W}, {@code <layer>_b}), and the same layout
 * for their gradients. The model's parameter store implements it; the layers need nothing else from it.
 */
public interface Parameters {

    /** The array of that name; fails with the name when there is none. */
    INDArray get(String name);

    /**
     * Views of consecutive row blocks of the weight matrix {@code name}, of the given heights (the layer's input
     * comes as column blocks, e.g. latent and condition one-hot, and each block meets its own rows).
     */
    INDArray[] rowBlocks(String name, long[] sizes);
}
