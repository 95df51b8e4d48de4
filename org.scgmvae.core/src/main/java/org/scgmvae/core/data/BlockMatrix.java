package org.scgmvae.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A matrix whose rows are produced a block of cells at a time (read from a file, or derived from another block matrix)
 * and kept for only a few blocks, so that memory depends on the block size, not on the number of cells. Its
 * transformations ({@link #selectCells}, {@link #selectGenes}, {@link #map}, {@link #mapRows}) are lazy: they give
 * another block matrix that derives each block from this one's ({@link #mapRows}: each row from this one's row).
 * Every algorithm that reads a matrix row by row (gene statistics, preprocessing, batches for the network) works on it
 * unchanged; rows are cheapest in order or within the blocks held ({@link #holdBlocks}), anywhere else a block is
 * produced again.
 *
 * <p>Not thread-safe.
 */
public abstract non-sealed class BlockMatrix implements ExpressionMatrix {

    /** Produces the rows of one block. */
    @FunctionalInterface
    public interface Blocks {
        /** Rows {@code [from, to)} as a dense or CSR matrix. */
        ExpressionMatrix rows(int from, int to) throws IOException;
    }

    /** Rewrites one dense row in place (e.g. scaling, which makes sparse rows dense). */
    @FunctionalInterface
    public interface RowFunction {
        void apply(int cell, float[] row);
    }

    private final int nCells;
    private final int nGenes;
    private final int blockSize;
    private final boolean sparse;
    private int held = 2;
    private long stored = -1;
    private final Map<Integer, ExpressionMatrix> cache = new LinkedHashMap<>(8, 0.75f, true);

    protected BlockMatrix(int nCells, int nGenes, int blockSize, boolean sparse) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSize);
        }
        this.nCells = nCells;
        this.nGenes = nGenes;
        this.blockSize = blockSize;
        this.sparse = sparse;
    }

    /** A block matrix over rows that {@code blocks} produces on demand. */
    public static BlockMatrix of(int nCells, int nGenes, int blockSize, boolean sparse, Blocks blocks) {
        return new BlockMatrix(nCells, nGenes, blockSize, sparse) {
            @Override
            protected ExpressionMatrix produce(int from, int to) throws IOException {
                return blocks.rows(from, to);
            }
        };
    }

    /** Rows {@code [from, to)}: at most one block, starting at a block boundary. */
    protected abstract ExpressionMatrix produce(int from, int to) throws IOException;

    public int blockSize() {
        return blockSize;
    }

    public int nBlocks() {
        return (nCells + blockSize - 1) / blockSize;
    }

    /** Keeps the {@code blocks} most recently used blocks (at least 1; 2 unless set). */
    public BlockMatrix holdBlocks(int blocks) {
        held = Math.max(1, blocks);
        while (cache.size() > held) {
            cache.remove(cache.keySet().iterator().next());
        }
        return this;
    }

    /** Block {@code b}: rows {@code [b * blockSize, min(nCells, (b + 1) * blockSize))}. */
    public ExpressionMatrix block(int b) {
        ExpressionMatrix m = cache.get(b);
        if (m == null) {
            int from = b * blockSize;
            int to = Math.min(nCells, from + blockSize);
            try {
                m = produce(from, to);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (m.nCells() != to - from || m.nGenes() != nGenes) {
                throw new IllegalStateException("block " + b + " has " + m.nCells() + " x " + m.nGenes() + " values, expected "
                        + (to - from) + " x " + nGenes);
            }
            cache.put(b, m);
            if (cache.size() > held) {
                cache.remove(cache.keySet().iterator().next());
            }
        }
        return m;
    }

    @Override
    public int nCells() {
        return nCells;
    }

    @Override
    public int nGenes() {
        return nGenes;
    }

    /** For a sparse matrix, counted in one pass over every block the first time it is asked for. */
    @Override
    public long storedEntries() {
        if (!sparse) {
            return (long) nCells * nGenes;
        }
        if (stored < 0) {
            long s = 0;
            for (int b = 0; b < nBlocks(); b++) {
                s += block(b).storedEntries();
            }
            stored = s;
        }
        return stored;
    }

    @Override
    public float get(int cell, int gene) {
        return block(cell / blockSize).get(cell % blockSize, gene);
    }

    @Override
    public float[] row(int cell, float[] dest) {
        return block(cell / blockSize).row(cell % blockSize, dest);
    }

    @Override
    public void forEachNonZero(int cell, RowEntryConsumer consumer) {
        block(cell / blockSize).forEachNonZero(cell % blockSize, consumer);
    }

    @Override
    public boolean isSparse() {
        return sparse;
    }

    /** The given rows, in the given order, produced from this matrix's rows (in order they read each block once). */
    @Override
    public BlockMatrix selectCells(int[] cells) {
        int[] rows = cells.clone();
        BlockMatrix source = this;
        return of(rows.length, nGenes, blockSize, sparse, (from, to) -> {
            int n = to - from;
            if (!sparse) {
                float[] v = new float[Math.multiplyExact(n, nGenes)];
                float[] row = new float[nGenes];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(source.row(rows[from + i], row), 0, v, i * nGenes, nGenes);
                }
                return new DenseMatrix(n, nGenes, v);
            }
            CsrMatrix.Builder b = new CsrMatrix.Builder(nGenes);
            for (int i = 0; i < n; i++) {
                source.forEachNonZero(rows[from + i], b::add);
                b.endRow();
            }
            return b.build();
        });
    }

    @Override
    public BlockMatrix selectGenes(int[] genes) {
        int[] cols = genes.clone();
        BlockMatrix source = this;
        return of(nCells, cols.length, blockSize, sparse, (from, to) -> source.block(from / blockSize).selectGenes(cols));
    }

    /** {@inheritDoc} {@code f} sees each value's cell as a row of this whole matrix, not of its block. */
    @Override
    public BlockMatrix map(ValueFunction f) {
        BlockMatrix source = this;
        return of(nCells, nGenes, blockSize, sparse, (from, to) -> source.block(from / blockSize).map((c, g, v) -> f.apply(from + c, g, v)));
    }

    /**
     * A dense block matrix whose rows are this matrix's rows rewritten by {@code f} ({@code f} sees whole-matrix cells).
     * A row is rewritten on its own from this matrix's row when it is read: a whole dense block (33 MB for 4,096 cells x
     * 2,000 genes, a humongous array for the garbage collector) is made only when a caller asks for the block itself.
     * Training and inference read rows, so they hold this matrix's blocks instead (sparse when the cells are):
     * {@link #holdBlocks} sets this matrix's own number, shared with any other view built on it. On 100,000 cells on disk
     * the dense blocks had cost more than reading and log-transforming the file.
     */
    public BlockMatrix mapRows(RowFunction f) {
        BlockMatrix source = this;
        return new BlockMatrix(nCells, nGenes, blockSize, false) {
            private final float[] scratch = new float[nGenes]; // get's row
            private int scratchCell = -1;
            private final float[] visited = new float[nGenes]; // forEachNonZero's row, apart so a consumer may call get

            @Override
            protected ExpressionMatrix produce(int from, int to) {
                int n = to - from;
                float[] v = new float[Math.multiplyExact(n, nGenes)];
                float[] row = new float[nGenes];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(row(from + i, row), 0, v, i * nGenes, nGenes);
                }
                return new DenseMatrix(n, nGenes, v);
            }

            @Override
            public float[] row(int cell, float[] dest) {
                source.row(cell, dest);
                f.apply(cell, dest);
                return dest;
            }

            @Override
            public float get(int cell, int gene) {
                if (cell != scratchCell) { // values read one by one along a row make the row once
                    scratchCell = -1; // until the row is whole (row() may throw halfway)
                    row(cell, scratch);
                    scratchCell = cell;
                }
                return scratch[gene];
            }

            @Override
            public void forEachNonZero(int cell, RowEntryConsumer consumer) {
                float[] row = row(cell, visited); // a consumer may not call this method again meanwhile
                for (int g = 0; g < row.length; g++) {
                    if (row[g] != 0) {
                        consumer.accept(g, row[g]);
                    }
                }
            }

            @Override
            public BlockMatrix holdBlocks(int blocks) {
                source.holdBlocks(blocks);
                return super.holdBlocks(blocks);
            }
        };
    }

    @Override
    public String toString() {
        return "BlockMatrix[" + nCells + " x " + nGenes + ", blocks of " + blockSize + (sparse ? ", sparse" : ", dense") + "]";
    }
}
