/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/SettingsModelDoubleBounded.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

public class SettingsModelDoubleBounded extends SettingsModelDouble {
    private final double m_min;
    private final double m_max;

    public SettingsModelDoubleBounded(final String configName, final double defaultValue, final double lowerBound, final double upperBound) {
        super(configName, defaultValue);
        m_min = lowerBound;
        m_max = upperBound;
        ValueStore.bound(m_store, lowerBound, upperBound);
    }

    public double getLowerBound() {
        return m_min;
    }

    public double getUpperBound() {
        return m_max;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T extends SettingsModel> T createClone() {
        return (T)new SettingsModelDoubleBounded(getConfigName(), getDoubleValue(), m_min, m_max);
    }
}
