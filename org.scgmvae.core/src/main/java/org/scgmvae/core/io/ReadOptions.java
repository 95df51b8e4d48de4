package org.scgmvae.core.io;

import java.util.Set;

/**
 * Options shared by all readers.
 *
 * @param makeGeneNamesUnique append "-1", "-2", ... to repeated gene names (as anndata's
 *                            {@code var_names_make_unique}); when false, duplicates are an error
 * @param useRaw              read {@code raw/X} and {@code raw/var} instead of X and var (.h5ad)
 * @param layers              names of layers to load (.h5ad), {@code "*"} for all
 */
public record ReadOptions(boolean makeGeneNamesUnique, boolean useRaw, Set<String> layers) implements java.io.Serializable {

    public ReadOptions {
        layers = Set.copyOf(layers);
    }

    /** Strict gene names, X not raw, the {@code counts} layer if present. */
    public static ReadOptions defaults() {
        return new ReadOptions(false, false, Set.of("counts"));
    }

    public ReadOptions withMakeGeneNamesUnique(boolean v) {
        return new ReadOptions(v, useRaw, layers);
    }

    public ReadOptions withUseRaw(boolean v) {
        return new ReadOptions(makeGeneNamesUnique, v, layers);
    }
}
