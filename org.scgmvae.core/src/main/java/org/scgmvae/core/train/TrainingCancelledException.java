package org.scgmvae.core.train;

/** Thrown when a {@link CancellationToken} asked a long operation to stop. */
public class TrainingCancelledException extends RuntimeException {

    public TrainingCancelledException() {
        super("cancelled by the user");
    }
}
