/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/SettingsModelString.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

public class SettingsModelString extends SettingsModel {
    final ValueStore<String> m_store;

    public SettingsModelString(final String configName, final String defaultValue) {
        m_store = new ValueStore<>(configName, defaultValue, NodeSettingsRO::getString, NodeSettingsWO::addString, v -> v);
    }

    public String getStringValue() {
        return m_store.get();
    }

    public void setStringValue(final String newValue) {
        m_store.set(newValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T extends SettingsModel> T createClone() {
        return (T)new SettingsModelString(getConfigName(), getStringValue());
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_string";
    }

    @Override
    ValueStore<?> store() {
        return m_store;
    }
}
