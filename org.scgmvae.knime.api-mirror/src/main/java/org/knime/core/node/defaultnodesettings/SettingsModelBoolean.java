/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/SettingsModelBoolean.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

public class SettingsModelBoolean extends SettingsModel {
    final ValueStore<Boolean> m_store;

    public SettingsModelBoolean(final String configName, final boolean defaultValue) {
        m_store = new ValueStore<>(configName, defaultValue, NodeSettingsRO::getBoolean, NodeSettingsWO::addBoolean, v -> v);
    }

    public boolean getBooleanValue() {
        return m_store.get();
    }

    public void setBooleanValue(final boolean newValue) {
        m_store.set(newValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T extends SettingsModel> T createClone() {
        return (T)new SettingsModelBoolean(getConfigName(), getBooleanValue());
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_boolean";
    }

    @Override
    ValueStore<?> store() {
        return m_store;
    }
}
