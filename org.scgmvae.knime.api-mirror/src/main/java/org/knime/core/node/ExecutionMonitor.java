/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/ExecutionMonitor.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node;

import java.util.function.Supplier;

public class ExecutionMonitor {
    final StandInProgress m_state;
    private final ExecutionMonitor m_parent;
    private final double m_startInParent;
    private final double m_maxProg;
    private final boolean m_silent;
    private double m_local;

    public ExecutionMonitor() {
        this(new StandInProgress(), null, 0, 1, false);
    }

    /** A sub-monitor covers [start, start + maxProg] of its parent's progress, as KNIME's sub-progress monitors do. */
    ExecutionMonitor(final StandInProgress state, final ExecutionMonitor parent, final double startInParent, final double maxProg,
        final boolean silent) {
        m_state = state;
        m_parent = parent;
        m_startInParent = startInParent;
        m_maxProg = maxProg;
        m_silent = silent;
    }

    public void checkCanceled() throws CanceledExecutionException {
        if (m_state.cancelRequested) {
            throw new CanceledExecutionException();
        }
    }

    public void setProgress(final double progress) {
        setProgress(progress, (String)null);
    }

    public void setProgress(final double progress, final String message) {
        setLocal(Math.max(0, Math.min(1, progress)), m_silent ? null : message);
    }

    private void setLocal(final double local, final String message) {
        m_local = local;
        if (m_parent == null) {
            m_state.report(local, message);
        } else {
            m_parent.setLocal(m_startInParent + m_maxProg * local, message);
        }
    }

    public void setProgress(final double progress, final Supplier<String> messageSupplier) {
        setProgress(progress, messageSupplier == null ? null : messageSupplier.get());
    }

    public void setProgress(final String message) {
        m_state.report(null, m_silent ? null : message);
    }

    public void setMessage(final String message) {
        setProgress(message);
    }

    public ExecutionMonitor createSubProgress(final double maxProg) {
        return new ExecutionMonitor(m_state, this, m_local, maxProg, m_silent);
    }

    public ExecutionMonitor createSilentSubProgress(final double maxProg) {
        return new ExecutionMonitor(m_state, this, m_local, maxProg, true);
    }

    double local() {
        return m_local;
    }
}
