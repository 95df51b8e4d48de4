package org.scgmvae.knime.node;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;

/** Column access for assertions. */
final class Tables {
    private Tables() {
    }

    static List<DataRow> rows(final BufferedDataTable t) {
        List<DataRow> out = new ArrayList<>();
        try (CloseableRowIterator it = t.iterator()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    static double[] doubles(final BufferedDataTable t, final String column) {
        int c = index(t, column);
        return rows(t).stream().mapToDouble(r -> ((DoubleValue)r.getCell(c)).getDoubleValue()).toArray();
    }

    static String[] strings(final BufferedDataTable t, final String column) {
        int c = index(t, column);
        return rows(t).stream().map(r -> {
            DataCell cell = r.getCell(c);
            return cell.isMissing() ? null : ((StringValue)cell).getStringValue();
        }).toArray(String[]::new);
    }

    static int index(final BufferedDataTable t, final String column) {
        int c = t.getDataTableSpec().findColumnIndex(column);
        if (c < 0) {
            throw new AssertionError("no column '" + column + "' in " + List.of(t.getDataTableSpec().getColumnNames()));
        }
        return c;
    }

    static double mean(final double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
