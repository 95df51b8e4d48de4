package org.scgmvae.knime.table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnDomainCreator;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataTableSpecCreator;
import org.knime.core.data.DataType;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;

/** Small helpers to build output specs and tables the same way in configure() and execute(). */
public final class TableBuilder {
    private TableBuilder() {
    }

    public static DataColumnSpec column(final String name, final DataType type) {
        return new DataColumnSpecCreator(name, type).createSpec();
    }

    /**
     * KNIME keeps at most this many possible values per column by default (its data container's limit): a column with more
     * is given no domain, as KNIME would drop it on execution.
     */
    public static final int MAX_POSSIBLE_VALUES = 60;

    /**
     * A string column whose domain lists {@code values} (nulls and repeats left out) in their order: a Color Manager or
     * Scorer downstream can be set up before the node runs, and assigns colours in this order whatever cells a run holds.
     * No domain above {@link #MAX_POSSIBLE_VALUES} values.
     */
    public static DataColumnSpec nominal(final String name, final List<String> values) {
        Set<DataCell> cells = new LinkedHashSet<>();
        values.stream().filter(v -> v != null).forEach(v -> cells.add(new StringCell(v)));
        DataColumnSpecCreator c = new DataColumnSpecCreator(name, StringCell.TYPE);
        if (cells.size() <= MAX_POSSIBLE_VALUES) {
            c.setDomain(new DataColumnDomainCreator(cells).createDomain());
        }
        return c.createSpec();
    }

    /** An integer column whose domain is {@code [lower, upper]}. */
    public static DataColumnSpec bounded(final String name, final int lower, final int upper) {
        DataColumnSpecCreator c = new DataColumnSpecCreator(name, IntCell.TYPE);
        c.setDomain(new DataColumnDomainCreator(new IntCell(lower), new IntCell(upper)).createDomain());
        return c.createSpec();
    }

    public static DataColumnSpec geneColumn(final String name) {
        DataColumnSpecCreator c = new DataColumnSpecCreator(name, DoubleCell.TYPE);
        c.setProperties(ColumnRoles.geneProperties());
        return c.createSpec();
    }

    public static List<DataColumnSpec> geneColumns(final String[] genes) {
        List<DataColumnSpec> out = new ArrayList<>(genes.length);
        for (String g : genes) {
            out.add(geneColumn(g));
        }
        return out;
    }

    public static DataTableSpec append(final DataTableSpec in, final List<DataColumnSpec> extra) {
        return new DataTableSpecCreator(in).addColumns(extra.toArray(DataColumnSpec[]::new)).createSpec();
    }

    /** Keeps only the given input columns (in input order). */
    public static DataTableSpec keep(final DataTableSpec in, final int[] keep) {
        DataColumnSpec[] cols = new DataColumnSpec[keep.length];
        for (int i = 0; i < keep.length; i++) {
            cols[i] = in.getColumnSpec(keep[i]);
        }
        return new DataTableSpec(in.getName(), cols);
    }

    /** Cells to add to row {@code r} (0-based, in table order). */
    @FunctionalInterface
    public interface RowCells {
        DataCell[] cells(int r);
    }

    /**
     * Copies the kept input columns of every row and appends the new cells; row IDs stay, so the
     * output joins back to the input.
     */
    public static BufferedDataTable appendRows(final BufferedDataTable in, final int[] keep, final DataTableSpec outSpec,
        final RowCells extra, final ExecutionContext exec) throws CanceledExecutionException {
        BufferedDataContainer out = exec.createDataContainer(outSpec);
        long n = in.size();
        int r = 0;
        try (CloseableRowIterator it = in.iterator()) {
            while (it.hasNext()) {
                DataRow row = it.next();
                DataCell[] add = extra.cells(r);
                DataCell[] cells = new DataCell[keep.length + add.length];
                for (int i = 0; i < keep.length; i++) {
                    cells[i] = row.getCell(keep[i]);
                }
                System.arraycopy(add, 0, cells, keep.length, add.length);
                out.addRowToTable(new DefaultRow(row.getKey(), cells));
                r++;
                if ((r & 1023) == 0) {
                    exec.checkCanceled();
                    exec.setProgress((double)r / n, "writing row " + r + " of " + n);
                }
            }
        }
        out.close();
        return out.getTable();
    }

    /** The indices 0..n-1 that are not in {@code idx}, ascending. */
    public static int[] complement(final int n, final int[] idx) {
        java.util.Set<Integer> drop = new java.util.HashSet<>();
        for (int i : idx) {
            drop.add(i);
        }
        return java.util.stream.IntStream.range(0, n).filter(i -> !drop.contains(i)).toArray();
    }

    public static int[] allColumns(final DataTableSpec spec) {
        int[] idx = new int[spec.getNumColumns()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return idx;
    }

    public static DataCell[] doubles(final float[] values, final int offset, final int length) {
        DataCell[] c = new DataCell[length];
        for (int i = 0; i < length; i++) {
            c[i] = new DoubleCell(values[offset + i]);
        }
        return c;
    }

    public static DataCell string(final String s) {
        return s == null ? DataType.getMissingCell() : new StringCell(s);
    }
}
