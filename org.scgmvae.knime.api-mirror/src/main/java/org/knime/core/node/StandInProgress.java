/*
 * Not a KNIME class. Shared state behind the stand-in ExecutionMonitor/ExecutionContext: the
 * progress a node reported and the cancel flag a test raises (KNIME's NodeProgressMonitor plays
 * this role in the real platform).
 */
package org.knime.core.node;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

final class StandInProgress {
    record Update(double progress, String message) {
    }

    final List<Update> updates = new ArrayList<>();
    volatile boolean cancelRequested;
    DoublePredicate cancelWhen = p -> false;
    double progress;
    String message;

    synchronized void report(final Double p, final String msg) {
        if (p != null) {
            if (p < progress - 1e-9) {
                // KNIME ignores decreasing progress; remember it as an error for the tests
                updates.add(new Update(Double.NaN, "progress decreased from " + progress + " to " + p));
            }
            progress = Math.max(progress, Math.min(1, p));
        }
        if (msg != null) {
            message = msg;
        }
        updates.add(new Update(progress, message));
        if (cancelWhen.test(progress)) {
            cancelRequested = true;
        }
    }
}
