/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/collection/ListCell.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data.collection;

import java.util.Iterator;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

public final class ListCell extends DataCell implements ListDataValue {
    private static final long serialVersionUID = 1L;

    private final List<DataCell> m_cells;
    private final DataType m_elementType;

    ListCell(final List<DataCell> cells, final DataType elementType) {
        m_cells = List.copyOf(cells);
        m_elementType = elementType;
    }

    public static DataType getCollectionType(final DataType elementType) {
        return DataType.getType(ListCell.class, elementType);
    }

    @Override
    public DataCell get(final int index) {
        return m_cells.get(index);
    }

    @Override
    public int size() {
        return m_cells.size();
    }

    @Override
    public DataType getElementType() {
        return m_elementType;
    }

    @Override
    public Iterator<DataCell> iterator() {
        return m_cells.iterator();
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((ListCell)dc).m_cells.equals(m_cells);
    }

    @Override
    public int hashCode() {
        return m_cells.hashCode();
    }

    @Override
    public String toString() {
        return m_cells.toString();
    }
}
