package org.scgmvae.knime.table;

import java.util.Map;

import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;

/**
 * Marks gene-expression columns with a column property, so that downstream sc*GMVAE nodes find the
 * genes without the user listing thousands of columns. KNIME's own nodes keep column properties
 * when they pass a column through.
 */
public final class ColumnRoles {
    public static final String ROLE = "scgmvae.role";
    public static final String GENE = "gene";

    private ColumnRoles() {
    }

    public static DataColumnProperties geneProperties() {
        return new DataColumnProperties(Map.of(ROLE, GENE));
    }

    /** The same columns, none of them marked as a gene. */
    public static DataTableSpec withoutGeneRole(final DataTableSpec spec) {
        DataColumnSpec[] cols = new DataColumnSpec[spec.getNumColumns()];
        for (int i = 0; i < cols.length; i++) {
            DataColumnSpec c = spec.getColumnSpec(i);
            if (isGene(c)) {
                DataColumnSpecCreator cr = new DataColumnSpecCreator(c);
                cr.setProperties(new DataColumnProperties());
                c = cr.createSpec();
            }
            cols[i] = c;
        }
        return new DataTableSpec(spec.getName(), cols);
    }

    public static boolean isGene(final DataColumnSpec column) {
        return GENE.equals(column.getProperties().getProperty(ROLE));
    }
}
