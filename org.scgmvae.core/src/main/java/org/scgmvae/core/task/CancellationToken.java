package org.scgmvae.core.task;

/** Cooperative cancellation: long operations poll it between units of work (mini-batches, chunks, iterations). */
@FunctionalInterface
public interface CancellationToken {

    boolean isCancelled();

    CancellationToken NEVER = () -> false;

    /** Throws {@link CancelledException} when cancelled. */
    default void check() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
