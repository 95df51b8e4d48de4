/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/RowKey.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data;

import java.io.Serializable;

public final class RowKey implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String m_key;

    public RowKey(final String key) {
        if (key == null) {
            throw new NullPointerException("Row key must not be null.");
        }
        m_key = key;
    }

    public static RowKey createRowKey(final long rowNumber) {
        return new RowKey("Row" + rowNumber);
    }

    public String getString() {
        return m_key;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof RowKey k && k.m_key.equals(m_key);
    }

    @Override
    public int hashCode() {
        return m_key.hashCode();
    }

    @Override
    public String toString() {
        return m_key;
    }
}
