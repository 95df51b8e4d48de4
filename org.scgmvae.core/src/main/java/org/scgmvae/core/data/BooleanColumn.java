package org.scgmvae.core.data;

import java.util.Arrays;

/** Boolean column (e.g. var "highly_variable"). */
public record BooleanColumn(boolean[] values) implements Column {

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public String stringValue(int i) {
        return Boolean.toString(values[i]);
    }

    public int countTrue() {
        int n = 0;
        for (boolean b : values) {
            n += b ? 1 : 0;
        }
        return n;
    }

    @Override
    public BooleanColumn select(int[] rows) {
        boolean[] v = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = values[rows[i]];
        }
        return new BooleanColumn(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BooleanColumn b && Arrays.equals(b.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "BooleanColumn[" + values.length + " rows]";
    }
}
