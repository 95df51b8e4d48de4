/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/def/DefaultRow.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data.def;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

public class DefaultRow implements DataRow {
    private final RowKey m_key;
    private final DataCell[] m_cells;

    public DefaultRow(final RowKey rowKey, final DataCell... cells) {
        if (rowKey == null) {
            throw new NullPointerException("Row key must not be null.");
        }
        for (DataCell c : cells) {
            if (c == null) {
                throw new NullPointerException("Cell must not be null.");
            }
        }
        m_key = rowKey;
        m_cells = cells.clone();
    }

    public DefaultRow(final String rowId, final DataCell... cells) {
        this(new RowKey(rowId), cells);
    }

    public DefaultRow(final RowKey rowKey, final List<? extends DataCell> cells) {
        this(rowKey, cells.toArray(DataCell[]::new));
    }

    public DefaultRow(final String rowId, final double... values) {
        this(new RowKey(rowId), Arrays.stream(values).mapToObj(DoubleCell::new).toArray(DataCell[]::new));
    }

    @Override
    public int getNumCells() {
        return m_cells.length;
    }

    @Override
    public RowKey getKey() {
        return m_key;
    }

    @Override
    public DataCell getCell(final int index) {
        return m_cells[index];
    }

    @Override
    public Iterator<DataCell> iterator() {
        return Arrays.asList(m_cells).iterator();
    }

    @Override
    public String toString() {
        return m_key + Arrays.toString(m_cells);
    }
}
