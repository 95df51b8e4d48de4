package org.scgmvae.knime.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.scgmvae.core.data.AnnData;

/**
 * Reads the genes a fitted model or preprocessing expects from a table. Genes that are not columns
 * are left out here; the core library's gene alignment fills them with zeros and reports them, which
 * the nodes show as a warning.
 */
public final class GeneTables {
    private GeneTables() {
    }

    /**
     * Below this share of the expected genes, results would mostly reflect zero-filled genes: the node
     * refuses instead of predicting from a handful of genes (a few missing genes only give a warning).
     */
    public static final double MIN_GENE_SHARE = org.scgmvae.core.preprocess.GeneAligner.MIN_MODEL_GENE_SHARE;

    /** Fails unless at least half of the genes are numeric columns. */
    public static void requireSomeGenes(final DataTableSpec spec, final String[] genes, final String what)
        throws InvalidSettingsException {
        long found = GeneColumns.countFound(GeneColumns.find(spec, genes));
        if (genes.length > 0 && found == 0) {
            throw new InvalidSettingsException("None of the " + genes.length + " genes of the " + what + " (e.g. '" + genes[0]
                + "') is a numeric column of the input table. Connect a table with the same genes as the training data.");
        }
        if (found < MIN_GENE_SHARE * genes.length) {
            throw new InvalidSettingsException("Only " + found + " of the " + genes.length + " genes of the " + what
                + " are columns of the input table (at least half are needed; missing genes would be filled with zeros). "
                + "Connect a table with the same genes as the training data, e.g. read with 'All genes'.");
        }
    }

    public static AnnData read(final BufferedDataTable table, final String[] genes, final String[] obs, final ExecutionMonitor exec)
        throws InvalidSettingsException, CanceledExecutionException {
        int[] idx = GeneColumns.find(table.getDataTableSpec(), genes);
        List<Integer> found = new ArrayList<>();
        for (int j = 0; j < idx.length; j++) {
            if (idx[j] >= 0) {
                found.add(j);
            }
        }
        int[] foundIdx = found.stream().mapToInt(j -> idx[j]).toArray();
        String[] foundGenes = found.stream().map(j -> genes[j]).toArray(String[]::new);
        return TableToAnnData.convert(table, foundIdx, foundGenes, obs, exec);
    }

    /** Columns that are neither marked genes nor among {@code genes}: what a node passes through. */
    public static int[] nonGeneColumns(final DataTableSpec spec, final String[] genes) {
        Set<String> g = new HashSet<>(List.of(genes));
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < spec.getNumColumns(); i++) {
            var c = spec.getColumnSpec(i);
            boolean gene = ColumnRoles.isGene(c) || (g.contains(c.getName()) && GeneColumns.isNumeric(c));
            if (!gene) {
                keep.add(i);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    public static String[] names(final DataTableSpec spec, final int[] idx) {
        String[] n = new String[idx.length];
        for (int i = 0; i < idx.length; i++) {
            n[i] = spec.getColumnSpec(idx[i]).getName();
        }
        return n;
    }
}
