package org.scgmvae.core.train;

/** Cooperative cancellation: long operations poll it between mini-batches. */
@FunctionalInterface
public interface CancellationToken {

    boolean isCancelled();

    CancellationToken NEVER = () -> false;

    /** Throws {@link TrainingCancelledException} when cancelled. */
    default void check() {
        if (isCancelled()) {
            throw new TrainingCancelledException();
        }
    }
}
