package org.scgmvae.core.train;

/** Training produced NaN/Inf even after restoring parameters and lowering the learning rate. */
public class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
