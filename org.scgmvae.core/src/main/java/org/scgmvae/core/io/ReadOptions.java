package org.scgmvae.core.io;

import java.util.Set;

/**
 * Options shared by all readers.
 *
 * @param makeGeneNamesUnique append "-1", "-2", ... to repeated gene names (as anndata's
 *                            {@code var_names_make_unique}); when false, duplicates are an error
 * @param useRaw              read {@code raw/X} and {@code raw/var} instead of X and var (.h5ad)
 * @param layers              names of layers to load (.h5ad), {@code "*"} for all
 * @param countsLayer         the layer that holds the raw counts (.h5ad), read as the {@value #COUNTS} layer that the
 *                            counts route and the count likelihoods use; {@value #COUNTS} unless the file names it otherwise
 *                            (e.g. {@code raw_counts})
 */
public record ReadOptions(boolean makeGeneNamesUnique, boolean useRaw, Set<String> layers, String countsLayer) implements java.io.Serializable {

    /** The layer name under which the raw counts are used. */
    public static final String COUNTS = "counts";

    public ReadOptions {
        layers = Set.copyOf(layers);
        if (countsLayer == null || countsLayer.isBlank()) {
            throw new IllegalArgumentException("the counts layer needs a name");
        }
    }

    /** The given layers, the counts in the layer named {@value #COUNTS}. */
    public ReadOptions(boolean makeGeneNamesUnique, boolean useRaw, Set<String> layers) {
        this(makeGeneNamesUnique, useRaw, layers, COUNTS);
    }

    /** Strict gene names, X not raw, the {@code counts} layer if present. */
    public static ReadOptions defaults() {
        return new ReadOptions(false, false, Set.of(COUNTS));
    }

    public ReadOptions withMakeGeneNamesUnique(boolean v) {
        return new ReadOptions(v, useRaw, layers, countsLayer);
    }

    public ReadOptions withUseRaw(boolean v) {
        return new ReadOptions(makeGeneNamesUnique, v, layers, countsLayer);
    }

    /** The raw counts read from layer {@code name} instead of {@value #COUNTS}. */
    public ReadOptions withCountsLayer(String name) {
        return new ReadOptions(makeGeneNamesUnique, useRaw, layers, name);
    }

    /** Whether layer {@code name} of a file is read, and under which name: {@value #COUNTS} for the counts layer; null: not read. */
    public String readAs(String name) {
        boolean asked = layers.contains(name) || layers.contains("*");
        if (countsLayer.equals(COUNTS)) {
            return asked ? name : null;
        }
        if (name.equals(countsLayer)) {
            return COUNTS; // named by the user: always read
        }
        return name.equals(COUNTS) || !asked ? null : name; // another layer holds the counts: this one would take its name
    }
}
