package org.scgmvae.knime.table;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.scgmvae.core.task.Progress;

/** The core library's progress and cancellation on a KNIME execution monitor: its bar, its message, its cancel button. */
public final class ExecutionProgress {

    private ExecutionProgress() {
    }

    public static Progress of(final ExecutionMonitor exec) {
        return Progress.of((fraction, message) -> {
            if (message == null) {
                exec.setProgress(fraction);
            } else {
                exec.setProgress(fraction, message);
            }
        }, () -> {
            try {
                exec.checkCanceled();
                return false;
            } catch (CanceledExecutionException e) {
                return true;
            }
        });
    }
}
