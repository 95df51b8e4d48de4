/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/SettingsModelInteger.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

public class SettingsModelInteger extends SettingsModelNumber {
    final ValueStore<Integer> m_store;

    public SettingsModelInteger(final String configName, final int defaultValue) {
        m_store = new ValueStore<>(configName, defaultValue, NodeSettingsRO::getInt, NodeSettingsWO::addInt, v -> v);
    }

    public int getIntValue() {
        return m_store.get();
    }

    public void setIntValue(final int newValue) {
        m_store.set(newValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T extends SettingsModel> T createClone() {
        return (T)new SettingsModelInteger(getConfigName(), getIntValue());
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_integer";
    }

    @Override
    ValueStore<?> store() {
        return m_store;
    }
}
