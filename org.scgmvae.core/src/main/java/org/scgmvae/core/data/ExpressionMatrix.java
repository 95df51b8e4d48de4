package org.scgmvae.core.data;

/**
 * A cells x genes matrix of float32 values (counts or normalised expression).
 *
 * <p>Two storage forms exist: {@link DenseMatrix} and {@link CsrMatrix}. Algorithms access rows
 * through {@link #row(int, float[])} so that sparse input never has to be densified as a whole:
 * memory stays proportional to the non-zeros.
 */
public sealed interface ExpressionMatrix permits DenseMatrix, CsrMatrix, BlockMatrix {

    int nCells();

    int nGenes();

    /** Number of stored entries (for dense matrices: all cells x genes). */
    long storedEntries();

    /** Value at (cell, gene). O(1) for dense, O(log nnz(row)) for CSR. */
    float get(int cell, int gene);

    /** Writes row {@code cell} densely into {@code dest} (length {@code nGenes()}), returns dest. */
    float[] row(int cell, float[] dest);

    /** Visits the non-zero entries of one row; dense matrices visit every non-zero value. */
    void forEachNonZero(int cell, RowEntryConsumer consumer);

    /** A matrix holding only the given rows, in the given order. */
    ExpressionMatrix selectCells(int[] cells);

    /** A matrix holding only the given columns, in the given order. */
    ExpressionMatrix selectGenes(int[] genes);

    /** A new matrix of the same storage form with every stored value replaced. */
    ExpressionMatrix map(ValueFunction f);

    /** True when stored as compressed sparse rows. */
    boolean isSparse();

    /** Callback for {@link #forEachNonZero}. */
    @FunctionalInterface
    interface RowEntryConsumer {
        void accept(int gene, float value);
    }

    /** Element-wise transform that knows the cell and gene of each value. */
    @FunctionalInterface
    interface ValueFunction {
        float apply(int cell, int gene, float value);
    }
}
