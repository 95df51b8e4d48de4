package org.scgmvae.core.io.h5ad;

import org.scgmvae.core.data.BlockMatrix;
import org.scgmvae.core.data.ExpressionMatrix;

import java.io.IOException;

/** A matrix of cells handed over a block of rows at a time, e.g. read from a file or generated, never held whole. */
public interface CellRows {

    /** Rows {@code [from, to)}; asking for the same rows again gives the same values. */
    ExpressionMatrix rows(int from, int to) throws IOException;

    /** Values to store: every cell of a dense matrix, the non-zeros (and explicit zeros) of a sparse one. */
    long storedEntries();

    /** Whether {@link #rows} gives CSR matrices (stored as a csr_matrix) rather than dense ones. */
    boolean sparse();

    /** A CSR matrix held in memory, handed over as its rows (e.g. to write it the way generated cells are written). */
    static CellRows of(org.scgmvae.core.data.CsrMatrix m) {
        return new CellRows() {
            @Override
            public ExpressionMatrix rows(int from, int to) {
                return m.selectCells(java.util.stream.IntStream.range(from, to).toArray());
            }

            @Override
            public long storedEntries() {
                return m.storedEntries();
            }

            @Override
            public boolean sparse() {
                return true;
            }
        };
    }

    /** The blocks of a block matrix; {@link #rows} must then ask for whole blocks. */
    static CellRows of(BlockMatrix m) {
        return new CellRows() {
            @Override
            public ExpressionMatrix rows(int from, int to) {
                return m.block(from / m.blockSize());
            }

            @Override
            public long storedEntries() {
                return m.storedEntries();
            }

            @Override
            public boolean sparse() {
                return m.isSparse();
            }
        };
    }
}
