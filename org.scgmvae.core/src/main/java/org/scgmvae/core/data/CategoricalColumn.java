package org.scgmvae.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Categorical column: integer codes into a list of category names; code -1 means missing. */
public record CategoricalColumn(int[] codes, List<String> categories, boolean ordered) implements Column {

    public CategoricalColumn {
        categories = List.copyOf(categories);
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < -1 || codes[i] >= categories.size()) {
                throw new IllegalArgumentException("categorical code " + codes[i] + " at row " + i
                        + " is outside -1.." + (categories.size() - 1));
            }
        }
        if (new java.util.HashSet<>(categories).size() != categories.size()) {
            throw new IllegalArgumentException("categorical column has duplicate categories: " + categories);
        }
    }

    /** Encodes strings (null or empty = missing) with categories in order of first appearance. */
    public static CategoricalColumn fromStrings(String[] values) {
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            codes[i] = v == null || v.isEmpty() ? -1 : index.computeIfAbsent(v, k -> index.size());
        }
        return new CategoricalColumn(codes, new ArrayList<>(index.keySet()), false);
    }

    /** Encodes strings against a fixed category list; values outside it become missing. */
    public static CategoricalColumn fromStrings(String[] values, List<String> categories) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < categories.size(); k++) {
            index.put(categories.get(k), k);
        }
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = values[i] == null ? -1 : index.getOrDefault(values[i], -1);
        }
        return new CategoricalColumn(codes, categories, false);
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public String stringValue(int i) {
        return codes[i] < 0 ? null : categories.get(codes[i]);
    }

    /**
     * Category names that stand for a missing value written as text: pandas' {@code astype(str)} turns NaN into 'nan' and
     * pd.NA into '<NA>', R writes 'NA'; an empty name names nothing. 'None' is left alone: it may name a real group (an
     * untreated condition).
     */
    private static final java.util.Set<String> MISSING_AS_TEXT = java.util.Set.of("", "nan", "<na>", "na", "n/a");

    private static boolean isMissingAsText(String category) {
        return MISSING_AS_TEXT.contains(category.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** This column with the cells of categories such as 'nan' or 'NA' (a missing value written as text) missing; itself when none. */
    public CategoricalColumn withoutMissingAsText() {
        int[] out = null;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= 0 && isMissingAsText(categories.get(codes[i]))) {
                if (out == null) {
                    out = codes.clone();
                }
                out[i] = -1;
            }
        }
        return out == null ? this : new CategoricalColumn(out, categories, ordered);
    }

    public boolean isMissing(int i) {
        return codes[i] < 0;
    }

    /** Number of rows per category. */
    public int[] counts() {
        int[] c = new int[categories.size()];
        for (int code : codes) {
            if (code >= 0) {
                c[code]++;
            }
        }
        return c;
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] c = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = codes[rows[i]];
        }
        return new CategoricalColumn(c, categories, ordered);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalColumn c && Arrays.equals(c.codes, codes)
                && c.categories.equals(categories) && c.ordered == ordered;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codes) * 31 + categories.hashCode();
    }

    @Override
    public String toString() {
        return "CategoricalColumn[" + codes.length + " rows, categories=" + categories + "]";
    }
}
