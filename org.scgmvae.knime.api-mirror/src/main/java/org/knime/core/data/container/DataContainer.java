/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/container/DataContainer.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowIterator;

/** Rows are checked the way KNIME checks them: cell count, cell type and unique row keys. */
public class DataContainer implements AutoCloseable {
    private final DataTableSpec m_spec;
    private final List<DataRow> m_rows = new ArrayList<>();
    private final Set<String> m_keys = new HashSet<>();
    private boolean m_open = true;

    public DataContainer(final DataTableSpec spec) {
        m_spec = spec;
    }

    public void addRowToTable(final DataRow row) {
        if (!m_open) {
            throw new IllegalStateException("Cannot add row: container has been closed.");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Cell count in row \"" + row.getKey() + "\" is not equal to length of column names array: "
                + row.getNumCells() + " vs. " + m_spec.getNumColumns());
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            DataCell c = row.getCell(i);
            DataType want = m_spec.getColumnSpec(i).getType();
            if (!c.isMissing() && !want.getCellClass().isAssignableFrom(c.getClass())) {
                throw new IllegalArgumentException("Runtime class of object \"" + c + "\" (index " + i + ") in row \"" + row.getKey()
                    + "\" is " + c.getType() + " and does not comply with its supposed superclass " + want);
            }
        }
        if (!m_keys.add(row.getKey().getString())) {
            throw new IllegalArgumentException("Encountered duplicate row ID \"" + row.getKey() + "\"");
        }
        m_rows.add(row);
    }

    public void close() {
        m_open = false;
    }

    public boolean isOpen() {
        return m_open;
    }

    public long size() {
        return m_rows.size();
    }

    public DataTableSpec getTableSpec() {
        return m_spec;
    }

    public DataTable getTable() {
        if (m_open) {
            throw new IllegalStateException("Cannot get table: container is not closed.");
        }
        return new DataTable() {
            @Override
            public DataTableSpec getDataTableSpec() {
                return m_spec;
            }

            @Override
            public RowIterator iterator() {
                return rowIterator(m_rows);
            }
        };
    }

    /** In-memory rows in insertion order (stand-in detail, used by BufferedDataContainer). */
    protected List<DataRow> rows() {
        return m_rows;
    }

    static CloseableRowIterator rowIterator(final List<DataRow> rows) {
        var it = rows.iterator();
        return new CloseableRowIterator() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public DataRow next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    /** Stand-in helper for BufferedDataTable. */
    public static CloseableRowIterator iteratorOf(final List<DataRow> rows) {
        return rowIterator(rows);
    }
}
