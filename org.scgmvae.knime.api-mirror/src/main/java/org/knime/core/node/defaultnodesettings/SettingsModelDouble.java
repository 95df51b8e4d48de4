/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/SettingsModelDouble.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

public class SettingsModelDouble extends SettingsModelNumber {
    final ValueStore<Double> m_store;

    public SettingsModelDouble(final String configName, final double defaultValue) {
        m_store = new ValueStore<>(configName, defaultValue, NodeSettingsRO::getDouble, NodeSettingsWO::addDouble, v -> v);
    }

    public double getDoubleValue() {
        return m_store.get();
    }

    public void setDoubleValue(final double newValue) {
        m_store.set(newValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T extends SettingsModel> T createClone() {
        return (T)new SettingsModelDouble(getConfigName(), getDoubleValue());
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_double";
    }

    @Override
    ValueStore<?> store() {
        return m_store;
    }
}
