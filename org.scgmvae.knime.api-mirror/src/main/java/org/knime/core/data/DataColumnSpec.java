/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/DataColumnSpec.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

public final class DataColumnSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String m_name;
    private final DataType m_type;
    private final DataColumnProperties m_properties;
    private final List<String> m_elementNames;
    private final DataColumnDomain m_domain;

    DataColumnSpec(final String name, final DataType type, final DataColumnProperties props, final List<String> elementNames,
        final DataColumnDomain domain) {
        m_name = name;
        m_type = type;
        m_properties = props;
        m_elementNames = elementNames;
        m_domain = domain;
    }

    public String getName() {
        return m_name;
    }

    public DataType getType() {
        return m_type;
    }

    public DataColumnProperties getProperties() {
        return m_properties;
    }

    public List<String> getElementNames() {
        return m_elementNames;
    }

    /** Never null: a column without domain information has an empty domain. */
    public DataColumnDomain getDomain() {
        return m_domain;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnSpec s && s.m_name.equals(m_name) && s.m_type.equals(m_type)
            && s.m_properties.equals(m_properties) && s.m_elementNames.equals(m_elementNames) && s.m_domain.equals(m_domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_name, m_type);
    }

    @Override
    public String toString() {
        return m_name + " (" + m_type + ")";
    }
}
