/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/DataColumnProperties.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data;

import java.io.Serializable;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

public final class DataColumnProperties implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> m_props;

    public DataColumnProperties() {
        m_props = Map.of();
    }

    public DataColumnProperties(final Map<String, String> content) {
        m_props = Collections.unmodifiableMap(new LinkedHashMap<>(content));
    }

    public String getProperty(final String key) {
        return m_props.get(key);
    }

    public boolean containsProperty(final String key) {
        return m_props.containsKey(key);
    }

    public Enumeration<String> properties() {
        return Collections.enumeration(m_props.keySet());
    }

    public int size() {
        return m_props.size();
    }

    public DataColumnProperties cloneAndOverwrite(final Map<String, String> overwrite) {
        Map<String, String> m = new LinkedHashMap<>(m_props);
        m.putAll(overwrite);
        return new DataColumnProperties(m);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnProperties p && p.m_props.equals(m_props);
    }

    @Override
    public int hashCode() {
        return m_props.hashCode();
    }
}
