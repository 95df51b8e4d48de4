/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/DataColumnSpecCreator.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data;

import java.util.List;

public final class DataColumnSpecCreator {
    private String m_name;
    private DataType m_type;
    private DataColumnProperties m_properties = new DataColumnProperties();
    private List<String> m_elementNames = List.of();
    private DataColumnDomain m_domain = new DataColumnDomain(null, null, null);

    public DataColumnSpecCreator(final String name, final DataType type) {
        setName(name);
        setType(type);
    }

    public DataColumnSpecCreator(final DataColumnSpec cspec) {
        m_name = cspec.getName();
        m_type = cspec.getType();
        m_properties = cspec.getProperties();
        m_elementNames = cspec.getElementNames();
        m_domain = cspec.getDomain();
    }

    private static int emptyCount;

    public void setName(final String name) {
        if (name == null) {
            throw new NullPointerException("Name of DataColumnSpec must not be null!");
        }
        // KNIME replaces blank names (with a logged warning) instead of failing
        m_name = name.isBlank() ? "<empty_" + (++emptyCount) + ">" : name.trim();
    }

    public void setType(final DataType type) {
        if (type == null) {
            throw new NullPointerException("Type of a column must not be null.");
        }
        m_type = type;
    }

    public void setDomain(final DataColumnDomain domain) {
        m_domain = domain == null ? new DataColumnDomain(null, null, null) : domain;
    }

    public void setProperties(final DataColumnProperties props) {
        m_properties = props;
    }

    public void setElementNames(final String... elNames) {
        m_elementNames = List.of(elNames);
    }

    public DataColumnSpec createSpec() {
        return new DataColumnSpec(m_name, m_type, m_properties, m_elementNames, m_domain);
    }
}
