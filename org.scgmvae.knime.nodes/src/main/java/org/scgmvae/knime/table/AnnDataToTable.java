package org.scgmvae.knime.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.BooleanColumn;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.io.GeneNames;

/**
 * Writes an AnnData as a KNIME table: one row per cell (row ID = cell name), obs columns first, then
 * one double column per gene, marked as gene columns. Obs columns named like a gene get the prefix
 * "obs:" so that no gene is lost.
 */
public final class AnnDataToTable {
    private AnnDataToTable() {
    }

    /**
     * An obs column's name, KNIME type and, for a category column, its categories in order (null: none), which become the
     * column's possible values.
     */
    public record ObsColumn(String name, DataType type, List<String> values) {
        public ObsColumn(final String name, final DataType type) {
            this(name, type, null);
        }
    }

    public static List<ObsColumn> obsColumns(final AnnData data) {
        List<ObsColumn> out = new ArrayList<>();
        for (Map.Entry<String, Column> e : data.obs().columns().entrySet()) {
            // the categories as possible values (TableBuilder.nominal leaves out a domain above KNIME's limit)
            List<String> values = e.getValue() instanceof CategoricalColumn c ? c.categories() : null;
            out.add(new ObsColumn(e.getKey(), typeOf(e.getValue()), values));
        }
        return out;
    }

    public static DataType typeOf(final Column c) {
        if (c instanceof NumericColumn n) {
            return n.integer() ? IntCell.TYPE : DoubleCell.TYPE;
        }
        if (c instanceof BooleanColumn) {
            return BooleanCell.TYPE;
        }
        return StringCell.TYPE;
    }

    public static DataTableSpec spec(final List<ObsColumn> obs, final String[] genes) {
        Set<String> geneSet = new HashSet<>(List.of(genes));
        List<DataColumnSpec> cols = new ArrayList<>();
        for (ObsColumn o : obs) {
            String name = geneSet.contains(o.name()) ? "obs:" + o.name() : o.name();
            cols.add(o.values() != null && o.type().equals(StringCell.TYPE) ? TableBuilder.nominal(name, o.values())
                : TableBuilder.column(name, o.type()));
        }
        cols.addAll(TableBuilder.geneColumns(genes));
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    /** The table and how many duplicate cell names had to be renamed. */
    public record Result(BufferedDataTable table, int renamedRows) {
    }

    public static Result write(final AnnData data, final ExecutionContext exec) throws CanceledExecutionException {
        String[] genes = data.geneNames();
        DataTableSpec spec = spec(obsColumns(data), genes);
        // KNIME row IDs must be unique: repeated cell names get -1, -2, ... as anndata's make-unique does
        String[] rowIds = GeneNames.makeUnique(data.cellNames());
        int renamed = 0;
        for (int i = 0; i < rowIds.length; i++) {
            renamed += rowIds[i].equals(data.cellNames()[i]) ? 0 : 1;
        }
        List<Column> obs = new ArrayList<>(data.obs().columns().values());
        ExpressionMatrix x = data.x();
        int n = data.nCells();
        int g = data.nGenes();
        float[] row = new float[g];
        BufferedDataContainer out = exec.createDataContainer(spec);
        for (int i = 0; i < n; i++) {
            DataCell[] cells = new DataCell[obs.size() + g];
            for (int j = 0; j < obs.size(); j++) {
                cells[j] = cell(obs.get(j), i);
            }
            x.row(i, row);
            for (int j = 0; j < g; j++) {
                cells[obs.size() + j] = new DoubleCell(row[j]);
            }
            out.addRowToTable(new DefaultRow(rowIds[i], cells));
            if ((i & 1023) == 0) {
                exec.checkCanceled();
                exec.setProgress((double)i / n, "writing cell " + i + " of " + n);
            }
        }
        out.close();
        return new Result(out.getTable(), renamed);
    }

    static DataCell cell(final Column c, final int i) {
        if (c instanceof NumericColumn n) {
            double v = n.values()[i];
            if (Double.isNaN(v)) {
                return DataType.getMissingCell();
            }
            return n.integer() ? new IntCell((int)v) : new DoubleCell(v);
        }
        if (c instanceof BooleanColumn b) {
            return b.values()[i] ? BooleanCell.TRUE : BooleanCell.FALSE;
        }
        if (c instanceof CategoricalColumn cat && cat.isMissing(i)) {
            return DataType.getMissingCell();
        }
        String s = c.stringValue(i);
        return s == null ? DataType.getMissingCell() : new StringCell(s);
    }
}
