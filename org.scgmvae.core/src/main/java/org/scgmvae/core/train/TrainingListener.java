package org.scgmvae.core.train;

/** Progress callbacks; implementations must be quick (they run on the training thread). */
public interface TrainingListener {

    /** Called after every mini-batch with overall progress in [0, 1]. */
    default void onProgress(double fraction, String message) {
    }

    /** Called after every epoch. */
    default void onEpoch(EpochReport report) {
    }

    /** Called with a fact about the run worth a line of its log, not a problem (e.g. that Leiden's guide is a sample). */
    default void onNote(String message) {
    }

    /** Called with a warning about the input (e.g. data that looks normalised already) for the user to see. */
    default void onWarning(String message) {
    }

    /**
     * With restarts: called after restart {@code index} (0-based) of {@code of} with its seed and the loss restarts are compared
     * by; the epochs reported since the previous call belong to this restart.
     */
    default void onRestartFinished(int index, int of, long seed, double loss) {
    }

    /** Called when training recovers from a non-finite loss by restoring parameters. */
    default void onRecovery(int epoch, String reason) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
