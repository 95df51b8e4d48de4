package org.scgmvae.core.data;

/**
 * One annotation column of a {@link DataFrame} (an AnnData obs/var column). Missing values are
 * first-class: code -1 for categorical, NaN for numeric, null for strings.
 */
public sealed interface Column permits CategoricalColumn, NumericColumn, StringColumn, BooleanColumn {

    int size();

    /** Value of row i as text (for display, CSV and label mapping); null when missing. */
    String stringValue(int i);

    /** A column holding only the given rows, in the given order. */
    Column select(int[] rows);
}
