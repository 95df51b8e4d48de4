/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/NodeDialogPane.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObjectSpec;

public abstract class NodeDialogPane {
    protected NodeDialogPane() {
    }

    protected void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs) throws NotConfigurableException {
        DataTableSpec[] d = new DataTableSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            d[i] = specs[i] instanceof DataTableSpec s ? s : null;
        }
        loadSettingsFrom(settings, d);
    }

    protected void loadSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs) throws NotConfigurableException {
        throw new NotConfigurableException("NodeDialogPane.loadSettingsFrom() implementation missing!");
    }

    protected abstract void saveSettingsTo(NodeSettingsWO settings) throws InvalidSettingsException;
}
