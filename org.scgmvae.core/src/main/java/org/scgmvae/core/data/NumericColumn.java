package org.scgmvae.core.data;

import java.util.Arrays;

/**
 * Numeric column stored as double; NaN means missing. {@code integer} remembers that the source
 * held integers so that writers can keep the integer type.
 */
public record NumericColumn(double[] values, boolean integer) implements Column {

    public NumericColumn(double[] values) {
        this(values, false);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public String stringValue(int i) {
        double v = values[i];
        if (Double.isNaN(v)) {
            return null;
        }
        return integer || (v == Math.rint(v) && Math.abs(v) < 1e15) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = values[rows[i]];
        }
        return new NumericColumn(v, integer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericColumn n && Arrays.equals(n.values, values) && n.integer == integer;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NumericColumn[" + values.length + " rows]";
    }
}
