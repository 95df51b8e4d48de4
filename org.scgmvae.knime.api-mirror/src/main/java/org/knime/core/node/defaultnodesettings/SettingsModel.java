/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/SettingsModel.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 * Difference: the value hooks (load/save/validate ...ForModel/ForDialog, getConfigName) are abstract
 * in KNIME; here they have defaults over one ValueStore, so the stand-in models stay small. No node
 * subclasses SettingsModel, so node code cannot come to depend on the difference.
 */
package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

public abstract class SettingsModel {
    private static final String INTERNALS = "_Internals";

    private boolean m_enabled = true;

    protected abstract <T extends SettingsModel> T createClone();

    protected abstract String getModelTypeID();

    /** Stand-in detail: where the value lives. */
    abstract ValueStore<?> store();

    protected String getConfigName() {
        return store().m_key;
    }

    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs) throws NotConfigurableException {
        store().loadForDialog(settings);
    }

    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        store().save(settings);
    }

    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        store().validate(settings);
    }

    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        store().load(settings);
    }

    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        store().save(settings);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + getConfigName() + "')";
    }

    public void setEnabled(final boolean enabled) {
        m_enabled = enabled;
    }

    public boolean isEnabled() {
        return m_enabled;
    }

    public final void saveSettingsTo(final NodeSettingsWO settings) {
        NodeSettingsWO internals = settings.addNodeSettings(getConfigName() + INTERNALS);
        internals.addString("SettingsModelID", getModelTypeID());
        internals.addBoolean("EnabledStatus", m_enabled);
        saveSettingsForModel(settings);
    }

    public final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        validateSettingsForModel(settings);
    }

    public final void loadSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        loadSettingsForModel(settings);
        loadEnabled(settings);
    }

    final void dialogLoad(final NodeSettingsRO settings, final PortObjectSpec[] specs) throws NotConfigurableException {
        loadSettingsForDialog(settings, specs);
        loadEnabled(settings);
    }

    final void dialogSave(final NodeSettingsWO settings) throws InvalidSettingsException {
        NodeSettingsWO internals = settings.addNodeSettings(getConfigName() + INTERNALS);
        internals.addString("SettingsModelID", getModelTypeID());
        internals.addBoolean("EnabledStatus", m_enabled);
        saveSettingsForDialog(settings);
    }

    private void loadEnabled(final NodeSettingsRO settings) {
        try {
            m_enabled = settings.getNodeSettings(getConfigName() + INTERNALS).getBoolean("EnabledStatus", true);
        } catch (InvalidSettingsException e) {
            // settings written without internals (older workflows) keep the current status
        }
    }
}
