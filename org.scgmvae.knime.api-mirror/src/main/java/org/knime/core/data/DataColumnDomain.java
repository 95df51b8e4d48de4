/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/DataColumnDomain.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data;

import java.util.Objects;
import java.util.Set;

public final class DataColumnDomain {
    private final DataCell m_lower;
    private final DataCell m_upper;
    private final Set<DataCell> m_values;

    DataColumnDomain(final DataCell lower, final DataCell upper, final Set<DataCell> values) {
        m_lower = lower;
        m_upper = upper;
        m_values = values;
    }

    public Set<DataCell> getValues() {
        return m_values;
    }

    public boolean hasValues() {
        return m_values != null;
    }

    public DataCell getLowerBound() {
        return m_lower;
    }

    public boolean hasLowerBound() {
        return m_lower != null;
    }

    public DataCell getUpperBound() {
        return m_upper;
    }

    public boolean hasUpperBound() {
        return m_upper != null;
    }

    public boolean hasBounds() {
        return m_lower != null && m_upper != null;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnDomain d && Objects.equals(m_lower, d.m_lower) && Objects.equals(m_upper, d.m_upper)
            && Objects.equals(m_values, d.m_values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_lower, m_upper, m_values);
    }

    @Override
    public String toString() {
        return "lower=" + m_lower + ",upper=" + m_upper + ",values=" + m_values;
    }
}
