package org.scgmvae.core.io;

import org.scgmvae.core.data.DataFrame;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Gene-name uniqueness: models align genes by name, so duplicates must be resolved up front. */
public final class GeneNames {

    private GeneNames() {
    }

    /**
     * Returns var unchanged when names are unique, a copy with names made unique the way anndata's
     * {@code var_names_make_unique} does ("A", "A-1", "A-2") when asked to, else fails naming the
     * duplicates.
     */
    public static DataFrame checkUnique(DataFrame var, boolean makeUnique, Path file, String object) throws DataFileException {
        List<String> dups = var.duplicateIndexNames(5);
        if (dups.isEmpty()) {
            return var;
        }
        if (!makeUnique) {
            throw new DataFileException(file, object, "duplicate gene names " + dups
                    + "; genes are matched by name, so names must be unique (make them unique to append -1, -2, ...: --make-genes-unique on the command line, 'Make gene names unique' in the Reader)");
        }
        return var.withIndex(makeUnique(var.index()));
    }

    /** Names made unique as anndata does: repeats get "-1", "-2", ... (skipping names already taken). */
    public static String[] makeUnique(String[] names) {
        Set<String> taken = new HashSet<>(List.of(names));
        Map<String, Integer> seen = new HashMap<>();
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            String n = names[i];
            Integer count = seen.get(n);
            if (count == null) {
                seen.put(n, 0);
                out[i] = n;
                continue;
            }
            String candidate;
            do {
                count++;
                candidate = n + "-" + count;
            } while (taken.contains(candidate));
            seen.put(n, count);
            taken.add(candidate);
            out[i] = candidate;
        }
        return out;
    }
}
