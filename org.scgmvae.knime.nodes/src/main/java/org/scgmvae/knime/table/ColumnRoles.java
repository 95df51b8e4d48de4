package org.scgmvae.knime.table;

import java.util.Map;

import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpec;

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

    public static boolean isGene(final DataColumnSpec column) {
        return GENE.equals(column.getProperties().getProperty(ROLE));
    }
}
