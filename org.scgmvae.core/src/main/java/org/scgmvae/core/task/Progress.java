package org.scgmvae.core.task;

/**
 * Progress and cancellation of one long piece of work (reading a file, a preprocessing step, Leiden, applying a model,
 * generating, writing): the work reports the share it has done and polls for cancellation between small units (a chunk
 * of cells, an iteration), so the CLI and every KNIME node show where they are and stop within a second. A step of a
 * larger task takes a {@link #sub} range of its parent's progress.
 */
public interface Progress extends CancellationToken {

    /** @param fraction the share of this work done, 0 to 1; @param message what it is doing (null: unchanged) */
    void report(double fraction, String message);

    /** Neither reports nor cancels. */
    Progress NONE = of((f, m) -> { }, CancellationToken.NEVER);

    /** Receives reports. */
    @FunctionalInterface
    interface Sink {
        void report(double fraction, String message);
    }

    static Progress of(Sink sink, CancellationToken cancel) {
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                sink.report(fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return cancel.isCancelled();
            }
        };
    }

    /** Only cancellation: reports go nowhere. */
    static Progress cancelledBy(CancellationToken cancel) {
        return of((f, m) -> { }, cancel);
    }

    /** The range [from, to] of this progress as a progress of its own (0 maps to from, 1 to to); same cancellation. */
    default Progress sub(double from, double to) {
        Progress parent = this;
        return of((f, m) -> parent.report(from + Math.max(0, Math.min(1, f)) * (to - from), m), parent);
    }

    /** Reports unit {@code done} of {@code total} and checks for cancellation: the call to make between units of work. */
    default void step(long done, long total, String message) {
        check();
        report(total <= 0 ? 1 : (double) done / total, message);
    }
}
