/*
 * Not a KNIME class: the stand-in cells share value storage, equality and printing here; in KNIME
 * each cell class extends DataCell directly. Node code never refers to this class.
 */
package org.knime.core.data.def;

import java.util.Objects;

import org.knime.core.data.DataCell;

abstract class StandInValueCell<V> extends DataCell {
    private static final long serialVersionUID = 1L;

    final V m_value;

    StandInValueCell(final V value) {
        m_value = value;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return Objects.equals(((StandInValueCell<?>)dc).m_value, m_value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(m_value);
    }

    @Override
    public String toString() {
        return String.valueOf(m_value);
    }
}
