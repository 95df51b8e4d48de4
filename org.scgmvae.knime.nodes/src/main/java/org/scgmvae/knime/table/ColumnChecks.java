package org.scgmvae.knime.table;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;

/** configure()-time checks with messages that tell the user what to change. */
public final class ColumnChecks {
    private ColumnChecks() {
    }

    public static boolean isSet(final String column) {
        return column != null && !column.isBlank() && !"<none>".equals(column);
    }

    /** The column must exist and hold strings (labels and conditions are categories). */
    public static void requireStringColumn(final DataTableSpec spec, final String column, final String role)
        throws InvalidSettingsException {
        if (!isSet(column)) {
            throw new InvalidSettingsException("No " + role + " column selected. Open the dialog and choose one.");
        }
        DataColumnSpec c = spec.getColumnSpec(column);
        if (c == null) {
            throw new InvalidSettingsException("The " + role + " column '" + column + "' is not in the input table.");
        }
        if (!c.getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("The " + role + " column '" + column + "' must hold strings, but is of type "
                + c.getType() + ". Convert it with 'Number to String' first.");
        }
    }

    /** A new column must not clash with an existing one. */
    public static void requireAbsent(final DataTableSpec spec, final String column) throws InvalidSettingsException {
        if (spec.containsName(column)) {
            throw new InvalidSettingsException("The input table already has a column named '" + column
                + "'. Rename it (e.g. with 'Column Renamer') or remove it before this node.");
        }
    }
}
