package org.scgmvae.core.model;

import org.scgmvae.core.data.CategoricalColumn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of a model's labels or conditions in code order, and the one way cells' values become those codes: at
 * training time from the categories that occur, at application time the same names again, so that training and
 * inference can never number a category differently.
 */
public record CategoryCodes(List<String> names) {

    public CategoryCodes {
        names = List.copyOf(names);
    }

    /** The categories that occur at least once in the column, in the column's category order. */
    public static CategoryCodes observedIn(CategoricalColumn c) {
        int[] counts = c.counts();
        List<String> used = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                used.add(c.categories().get(k));
            }
        }
        return new CategoryCodes(used);
    }

    /** Each cell's code; -1 for a missing value or a category this mapping does not know. */
    public int[] encode(CategoricalColumn c) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            index.put(names.get(k), k);
        }
        int[] map = new int[c.categories().size()];
        for (int k = 0; k < map.length; k++) {
            map[k] = index.getOrDefault(c.categories().get(k), -1);
        }
        int[] out = new int[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.codes()[i] < 0 ? -1 : map[c.codes()[i]];
        }
        return out;
    }

    /**
     * Each cell's code, where every cell must have a known value.
     *
     * @param cells  the cells' names, for the message
     * @param column the column's name, for the message
     * @param what   what the values are ("condition"), for the message
     */
    public int[] encodeEvery(CategoricalColumn c, String[] cells, String column, String what) {
        int[] out = encode(c);
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                String v = c.stringValue(i);
                throw new IllegalArgumentException("cell '" + cells[i] + "' has "
                        + (v == null ? "no " + what + " (missing value)" : what + " '" + v + "'") + " in column '" + column
                        + "'" + (v == null ? "" : ", which the model does not know") + "; known " + what + "s: " + names);
            }
        }
        return out;
    }
}
