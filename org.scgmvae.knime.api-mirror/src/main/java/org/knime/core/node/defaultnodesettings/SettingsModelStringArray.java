/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/SettingsModelStringArray.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

public class SettingsModelStringArray extends SettingsModel {
    final ValueStore<String[]> m_store;

    public SettingsModelStringArray(final String configName, final String[] defaultValue) {
        m_store = new ValueStore<>(configName, defaultValue, NodeSettingsRO::getStringArray, NodeSettingsWO::addStringArray, v -> v == null ? null : v.clone());
    }

    public String[] getStringArrayValue() {
        return m_store.get();
    }

    public void setStringArrayValue(final String[] newValue) {
        m_store.set(newValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T extends SettingsModel> T createClone() {
        return (T)new SettingsModelStringArray(getConfigName(), getStringArrayValue());
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_stringarray";
    }

    @Override
    ValueStore<?> store() {
        return m_store;
    }
}
