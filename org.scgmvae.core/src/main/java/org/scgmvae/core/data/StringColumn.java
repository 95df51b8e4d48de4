package org.scgmvae.core.data;

import java.util.Arrays;

/** Free-text column; null means missing. */
public record StringColumn(String[] values) implements Column {

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public String stringValue(int i) {
        return values[i];
    }

    @Override
    public StringColumn select(int[] rows) {
        String[] v = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = values[rows[i]];
        }
        return new StringColumn(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StringColumn s && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "StringColumn[" + values.length + " rows]";
    }
}
