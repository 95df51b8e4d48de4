/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/ExecutionContext.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node;

import org.knime.core.data.DataTableSpec;

public class ExecutionContext extends ExecutionMonitor {
    ExecutionContext(final StandInProgress state, final ExecutionMonitor parent, final double start, final double maxProg,
        final boolean silent) {
        super(state, parent, start, maxProg, silent);
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return new BufferedDataContainer(spec);
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec, final boolean initDomain) {
        return new BufferedDataContainer(spec);
    }

    public ExecutionContext createSubExecutionContext(final double maxProg) {
        return new ExecutionContext(m_state, this, local(), maxProg, false);
    }

    public ExecutionContext createSilentSubExecutionContext(final double maxProg) {
        return new ExecutionContext(m_state, this, local(), maxProg, true);
    }
}
