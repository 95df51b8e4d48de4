package org.scgmvae.knime.table;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.EpochReport;
import org.scgmvae.core.train.TrainingListener;

/** Forwards the core library's training progress to KNIME and KNIME's cancel button to the trainer. */
public final class ProgressBridge implements TrainingListener, CancellationToken {
    private final ExecutionMonitor m_exec;
    private final List<EpochReport> m_epochs = new ArrayList<>();
    /** With restarts: the epochs of each finished restart, in order (m_epochs then collects the next one). */
    private final List<List<EpochReport>> m_restartEpochs = new ArrayList<>();
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
    public void onEpoch(final EpochReport report) {
        m_epochs.add(report);
    }

    @Override
    public void onRestartFinished(final int index, final int of, final long seed, final double loss) {
        m_restartEpochs.add(new ArrayList<>(m_epochs));
        m_epochs.clear();
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

    /** The epochs of the training run, or with restarts those of restart {@code kept} (0-based), the one kept. */
    public List<EpochReport> epochs(final int kept) {
        return m_restartEpochs.isEmpty() ? m_epochs : m_restartEpochs.get(kept);
    }

    /** Warnings about the input raised during training, for the node's warning message. */
    public List<String> warnings() {
        return m_warnings;
    }

    public List<String> recoveries() {
        return m_recoveries;
    }
}
