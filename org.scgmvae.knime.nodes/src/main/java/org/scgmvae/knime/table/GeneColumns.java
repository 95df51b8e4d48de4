package org.scgmvae.knime.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.InvalidSettingsException;

/**
 * Decides which columns of a table hold gene expression. Columns marked as genes (by our Reader or
 * Normalizer) win; otherwise every numeric column is a gene except the ones the user excludes and the
 * label/condition columns.
 */
public final class GeneColumns {
    private GeneColumns() {
    }

    /** Parses a comma-separated list of column names ("a, b ,c"). */
    public static Set<String> parseList(final String csv) {
        Set<String> out = new LinkedHashSet<>();
        if (csv != null) {
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** Indices of the gene columns, in table order; fails with a readable message when there are none. */
    public static int[] resolve(final DataTableSpec spec, final String excludedCsv, final Collection<String> alsoExclude)
        throws InvalidSettingsException {
        Set<String> excluded = parseList(excludedCsv);
        for (String e : excluded) {
            if (!spec.containsName(e)) {
                throw new InvalidSettingsException("Excluded column '" + e + "' is not in the input table.");
            }
        }
        excluded.addAll(alsoExclude);
        List<Integer> marked = new ArrayList<>();
        List<Integer> numeric = new ArrayList<>();
        for (int i = 0; i < spec.getNumColumns(); i++) {
            DataColumnSpec c = spec.getColumnSpec(i);
            if (excluded.contains(c.getName()) || !isNumeric(c)) {
                continue;
            }
            numeric.add(i);
            if (ColumnRoles.isGene(c)) {
                marked.add(i);
            }
        }
        List<Integer> chosen = marked.isEmpty() ? numeric : marked;
        if (chosen.isEmpty()) {
            throw new InvalidSettingsException("The input table has no numeric gene-expression columns"
                + (excluded.isEmpty() ? "." : " (excluded: " + excluded + ")."));
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Indices of the given genes that exist as numeric columns; genes not present map to -1. */
    public static int[] find(final DataTableSpec spec, final String[] genes) {
        int[] idx = new int[genes.length];
        for (int g = 0; g < genes.length; g++) {
            int i = spec.findColumnIndex(genes[g]);
            idx[g] = i >= 0 && isNumeric(spec.getColumnSpec(i)) ? i : -1;
        }
        return idx;
    }

    public static long countFound(final int[] idx) {
        return Arrays.stream(idx).filter(i -> i >= 0).count();
    }

    public static boolean isNumeric(final DataColumnSpec c) {
        return c.getType().isCompatible(DoubleValue.class) && !c.getType().isCompatible(BooleanValue.class);
    }
}
