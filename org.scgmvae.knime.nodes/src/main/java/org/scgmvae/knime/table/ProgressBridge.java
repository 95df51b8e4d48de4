package org.scgmvae.knime.table;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.TrainingListener;

/** Forwards the core library's training progress to KNIME and KNIME's cancel button to the trainer. */
public final class ProgressBridge implements TrainingListener, CancellationToken {
    private final ExecutionMonitor m_exec;
    private final List<String> m_recoveries = new ArrayList<>();
    private final List<String> m_warnings = new ArrayList<>();

    public ProgressBridge(final ExecutionMonitor exec) {
        m_exec = exec;
    }

    @Override
    public void onProgress(final double fraction, final String message) {
        m_exec.setProgress(fraction, message);
    }

    @Override
    public void onNote(final String message) {
        m_exec.setMessage(message);
    }

    @Override
    public void onRestartFinished(final int index, final int of, final long seed, final double loss) {
        m_exec.setMessage(String.format(java.util.Locale.ROOT, "restart %d/%d (seed %d): loss %.3f", index + 1, of, seed, loss));
    }

    @Override
    public void onWarning(final String message) {
        m_warnings.add(message);
    }

    @Override
    public void onRecovery(final int attempt, final String reason) {
        m_recoveries.add("attempt " + attempt + ": " + reason);
    }

    @Override
    public boolean isCancelled() {
        try {
            m_exec.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) {
            return true;
        }
    }

    /** Warnings about the input raised during training, for the node's warning message. */
    public List<String> warnings() {
        return m_warnings;
    }

    public List<String> recoveries() {
        return m_recoveries;
    }
}
