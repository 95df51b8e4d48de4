/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/SettingsModelIntegerBounded.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

public class SettingsModelIntegerBounded extends SettingsModelInteger {
    private final int m_min;
    private final int m_max;

    public SettingsModelIntegerBounded(final String configName, final int defaultValue, final int lowerBound, final int upperBound) {
        super(configName, defaultValue);
        m_min = lowerBound;
        m_max = upperBound;
        ValueStore.bound(m_store, lowerBound, upperBound);
    }

    public int getLowerBound() {
        return m_min;
    }

    public int getUpperBound() {
        return m_max;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T extends SettingsModel> T createClone() {
        return (T)new SettingsModelIntegerBounded(getConfigName(), getIntValue(), m_min, m_max);
    }
}
