package org.scgmvae.knime.table;

import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;

/**
 * Reads a KNIME table into the core library's AnnData: one cell per row (row IDs become cell names),
 * the chosen gene columns become X, the chosen other columns become obs (strings as categories).
 */
public final class TableToAnnData {
    /** Below this fraction of non-zeros X is stored sparse, as count data usually is. */
    private static final double SPARSE_BELOW = 0.3;

    private TableToAnnData() {
    }

    /**
     * @param geneIdx  column index per gene (genes absent from the table are left out by the caller;
     *                 the core library's gene alignment fills and reports them)
     * @param genes    gene names, one per entry of geneIdx
     * @param obsNames other columns to carry as obs (may be empty)
     */
    public static AnnData convert(final BufferedDataTable table, final int[] geneIdx, final String[] genes, final String[] obsNames,
        final ExecutionMonitor exec) throws CanceledExecutionException, InvalidSettingsException {
        DataTableSpec spec = table.getDataTableSpec();
        long size = table.size();
        if (size == 0) {
            throw new InvalidSettingsException("The input table is empty: there are no cells to process.");
        }
        if (size * Math.max(1, geneIdx.length) > Integer.MAX_VALUE) {
            throw new InvalidSettingsException("The table is too large (" + size + " rows x " + geneIdx.length
                + " genes) for one in-memory matrix. Select fewer genes (e.g. highly variable genes in the Reader).");
        }
        int n = (int)size;
        int g = geneIdx.length;
        int[] obsIdx = new int[obsNames.length];
        for (int j = 0; j < obsNames.length; j++) {
            obsIdx[j] = spec.findColumnIndex(obsNames[j]);
            if (obsIdx[j] < 0) {
                throw new InvalidSettingsException("Column '" + obsNames[j] + "' is not in the input table.");
            }
        }
        float[] x = new float[n * g];
        String[] cellNames = new String[n];
        Object[][] obsValues = new Object[obsNames.length][n];
        long nonZero = 0;
        int r = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                DataRow row = it.next();
                cellNames[r] = row.getKey().getString();
                for (int j = 0; j < g; j++) {
                    DataCell c = row.getCell(geneIdx[j]);
                    if (c.isMissing()) {
                        throw new InvalidSettingsException("Row '" + cellNames[r] + "' has a missing value in gene column '"
                            + genes[j] + "'. Replace missing values first (e.g. with the 'Missing Value' node).");
                    }
                    float v = (float)((DoubleValue)c).getDoubleValue();
                    x[r * g + j] = v;
                    if (v != 0) {
                        nonZero++;
                    }
                }
                for (int j = 0; j < obsIdx.length; j++) {
                    obsValues[j][r] = obsValue(row.getCell(obsIdx[j]));
                }
                r++;
                if ((r & 1023) == 0) {
                    exec.checkCanceled();
                    exec.setProgress((double)r / n, "reading row " + r + " of " + n);
                }
            }
        }
        ExpressionMatrix m = new DenseMatrix(n, g, x);
        if (nonZero < SPARSE_BELOW * n * (double)g) {
            m = CsrMatrix.fromDense(m);
        }
        Map<String, Column> obs = new LinkedHashMap<>();
        for (int j = 0; j < obsNames.length; j++) {
            obs.put(obsNames[j], obsColumn(obsValues[j], spec.getColumnSpec(obsIdx[j]).getType().isCompatible(StringValue.class)));
        }
        exec.setProgress(1);
        return new AnnData(m, new DataFrame(cellNames, obs), DataFrame.ofIndex(genes.clone()));
    }

    private static Object obsValue(final DataCell c) {
        if (c.isMissing()) {
            return null;
        }
        if (c instanceof BooleanValue b) {
            return String.valueOf(b.getBooleanValue());
        }
        if (c instanceof StringValue s) {
            return s.getStringValue();
        }
        if (c instanceof DoubleValue d) {
            return d.getDoubleValue();
        }
        return c.toString();
    }

    private static Column obsColumn(final Object[] values, final boolean strings) {
        if (!strings && java.util.Arrays.stream(values).allMatch(v -> v == null || v instanceof Double)) {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i] == null ? Double.NaN : (Double)values[i];
            }
            return new NumericColumn(d);
        }
        String[] s = new String[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = values[i] == null ? null : values[i].toString();
        }
        return CategoricalColumn.fromStrings(s);
    }
}
