package org.scgmvae.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named-row table of annotation columns (AnnData's obs or var): an index of row names and an
 * ordered set of columns of equal length. Immutable; {@code with...} methods return copies that
 * share column data.
 */
public final class DataFrame {

    private final String[] index;
    private final LinkedHashMap<String, Column> columns;

    public DataFrame(String[] index, Map<String, ? extends Column> columns) {
        this.index = index;
        this.columns = new LinkedHashMap<>(columns);
        for (Map.Entry<String, ? extends Column> e : columns.entrySet()) {
            if (e.getValue().size() != index.length) {
                throw new IllegalArgumentException("column '" + e.getKey() + "' has " + e.getValue().size()
                        + " rows but the index has " + index.length);
            }
        }
    }

    /** A frame with only an index. */
    public static DataFrame ofIndex(String[] index) {
        return new DataFrame(index, Map.of());
    }

    /** A frame whose index is "0", "1", ... (what AnnData uses when names are absent). */
    public static DataFrame numbered(int n) {
        String[] idx = new String[n];
        for (int i = 0; i < n; i++) {
            idx[i] = Integer.toString(i);
        }
        return ofIndex(idx);
    }

    public int nRows() {
        return index.length;
    }

    /** Row names (not a copy: do not modify). */
    public String[] index() {
        return index;
    }

    public List<String> columnNames() {
        return Collections.unmodifiableList(new ArrayList<>(columns.keySet()));
    }

    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /** The column, or an exception that lists the columns that do exist. */
    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column '" + name + "'; available: " + columns.keySet());
        }
        return c;
    }

    /**
     * The column as groups of cells (labels, conditions, types to compare with): {@link #categorical}, with missing values
     * written as text ('nan', 'NA') missing ({@link CategoricalColumn#withoutMissingAsText}).
     */
    public CategoricalColumn groups(String name) {
        return categorical(name).withoutMissingAsText();
    }

    /** The column as categories; numeric, boolean and text columns are converted. */
    public CategoricalColumn categorical(String name) {
        Column c = column(name);
        if (c instanceof CategoricalColumn cat) {
            return cat;
        }
        String[] v = new String[c.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.stringValue(i);
        }
        return CategoricalColumn.fromStrings(v);
    }

    public DataFrame withColumn(String name, Column column) {
        LinkedHashMap<String, Column> c = new LinkedHashMap<>(columns);
        c.put(name, column);
        return new DataFrame(index, c);
    }

    public DataFrame withoutColumn(String name) {
        LinkedHashMap<String, Column> c = new LinkedHashMap<>(columns);
        c.remove(name);
        return new DataFrame(index, c);
    }

    public DataFrame withIndex(String[] newIndex) {
        return new DataFrame(newIndex, columns);
    }

    public Map<String, Column> columns() {
        return Collections.unmodifiableMap(columns);
    }

    /** Only the given rows, in the given order. */
    public DataFrame select(int[] rows) {
        String[] idx = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            idx[i] = index[rows[i]];
        }
        LinkedHashMap<String, Column> c = new LinkedHashMap<>();
        columns.forEach((k, v) -> c.put(k, v.select(rows)));
        return new DataFrame(idx, c);
    }

    /** Map from row name to position; fails on duplicate names because lookups would be ambiguous. */
    public Map<String, Integer> indexPositions(String what) {
        Map<String, Integer> pos = new HashMap<>(index.length * 2);
        for (int i = 0; i < index.length; i++) {
            Integer prev = pos.put(index[i], i);
            if (prev != null) {
                throw new IllegalArgumentException("duplicate " + what + " name '" + index[i] + "' at rows " + prev + " and " + i);
            }
        }
        return pos;
    }

    /** The first names that occur more than once (at most {@code limit}). */
    public List<String> duplicateIndexNames(int limit) {
        Set<String> seen = new HashSet<>();
        Set<String> dup = new java.util.LinkedHashSet<>();
        for (String s : index) {
            if (!seen.add(s) && dup.size() < limit) {
                dup.add(s);
            }
        }
        return new ArrayList<>(dup);
    }
}
