package org.scgmvae.core.task;

/** Thrown when a {@link CancellationToken} (or a {@link Progress}) asked a long operation to stop. */
public class CancelledException extends RuntimeException {

    public CancelledException() {
        super("cancelled by the user");
    }
}
