package org.scgmvae.core.model.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sum over a batch of -log p(x|z) and, when gradients were asked for, its gradient (times the caller's scale)
 * w.r.t. the decoder output (null otherwise).
 */
public record Reconstruction(double sum, INDArray dOut) {
}
