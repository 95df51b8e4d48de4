package org.scgmvae.core.data;

import java.util.Arrays;

/**
 * Compressed sparse row matrix (the layout of AnnData's {@code csr_matrix} and scipy's CSR):
 * row i holds the entries {@code indptr[i] .. indptr[i+1]-1} of {@code indices}/{@code data}.
 * Column indices within a row are kept sorted so that {@link #get} can binary-search.
 */
public final class CsrMatrix implements ExpressionMatrix {

    private final int nCells;
    private final int nGenes;
    private final long[] indptr;
    private final int[] indices;
    private final float[] data;

    /**
     * Wraps the three arrays after validating them; rows with unsorted column indices are sorted
     * in place (scipy allows unsorted CSR, binary search does not).
     */
    public CsrMatrix(int nCells, int nGenes, long[] indptr, int[] indices, float[] data) {
        if (indptr.length != nCells + 1) {
            throw new IllegalArgumentException("CSR indptr has length " + indptr.length + ", expected n_cells + 1 = " + (nCells + 1));
        }
        if (indices.length != data.length) {
            throw new IllegalArgumentException("CSR indices (" + indices.length + ") and data (" + data.length + ") differ in length");
        }
        if (indptr[0] != 0 || indptr[nCells] != data.length) {
            throw new IllegalArgumentException("CSR indptr must start at 0 and end at nnz=" + data.length
                    + " but spans " + indptr[0] + ".." + indptr[nCells]);
        }
        // all of indptr first: a decreasing step makes the row before it span its neighbour's entries, which would be
        // reported as a column stored twice instead of what is wrong
        for (int i = 0; i < nCells; i++) {
            if (indptr[i + 1] < indptr[i]) {
                throw new IllegalArgumentException("CSR indptr decreases from row " + i + " to row " + (i + 1) + " ("
                        + indptr[i] + " then " + indptr[i + 1] + "); it must never decrease");
            }
        }
        for (int i = 0; i < nCells; i++) {
            boolean sorted = true;
            for (long k = indptr[i]; k < indptr[i + 1]; k++) {
                int c = indices[(int) k];
                if (c < 0 || c >= nGenes) {
                    throw new IllegalArgumentException("CSR column index " + c + " in row " + i + " is outside 0.." + (nGenes - 1));
                }
                if (k > indptr[i] && indices[(int) k - 1] >= c) {
                    sorted = false;
                }
            }
            if (!sorted) {
                sortRow(indices, data, (int) indptr[i], (int) indptr[i + 1], i);
            }
        }
        this.nCells = nCells;
        this.nGenes = nGenes;
        this.indptr = indptr;
        this.indices = indices;
        this.data = data;
    }

    private static void sortRow(int[] idx, float[] val, int from, int to, int row) {
        Integer[] order = new Integer[to - from];
        for (int k = 0; k < order.length; k++) {
            order[k] = from + k;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(idx[a], idx[b]));
        int[] i2 = new int[order.length];
        float[] v2 = new float[order.length];
        for (int k = 0; k < order.length; k++) {
            i2[k] = idx[order[k]];
            v2[k] = val[order[k]];
            if (k > 0 && i2[k] == i2[k - 1]) {
                throw new IllegalArgumentException("CSR row " + row + " stores column " + i2[k] + " twice");
            }
        }
        System.arraycopy(i2, 0, idx, from, i2.length);
        System.arraycopy(v2, 0, val, from, v2.length);
    }

    /** Builds a CSR matrix from a dense one, keeping only non-zeros. */
    public static CsrMatrix fromDense(ExpressionMatrix m) {
        Builder b = new Builder(m.nGenes());
        float[] row = new float[m.nGenes()];
        for (int i = 0; i < m.nCells(); i++) {
            m.row(i, row);
            for (int g = 0; g < row.length; g++) {
                if (row[g] != 0f) {
                    b.add(g, row[g]);
                }
            }
            b.endRow();
        }
        return b.build();
    }

    public long[] indptr() { return indptr; }

    public int[] indices() { return indices; }

    public float[] data() { return data; }

    @Override public int nCells() { return nCells; }

    @Override public int nGenes() { return nGenes; }

    @Override public long storedEntries() { return data.length; }

    @Override public boolean isSparse() { return true; }

    @Override
    public float get(int cell, int gene) {
        int from = (int) indptr[cell];
        int to = (int) indptr[cell + 1];
        int k = Arrays.binarySearch(indices, from, to, gene);
        return k >= 0 ? data[k] : 0f;
    }

    @Override
    public float[] row(int cell, float[] dest) {
        Arrays.fill(dest, 0, nGenes, 0f);
        for (int k = (int) indptr[cell], e = (int) indptr[cell + 1]; k < e; k++) {
            dest[indices[k]] = data[k];
        }
        return dest;
    }

    @Override
    public void forEachNonZero(int cell, RowEntryConsumer consumer) {
        for (int k = (int) indptr[cell], e = (int) indptr[cell + 1]; k < e; k++) {
            if (data[k] != 0f) {
                consumer.accept(indices[k], data[k]);
            }
        }
    }

    @Override
    public CsrMatrix selectCells(int[] cells) {
        long nnz = 0;
        for (int c : cells) {
            nnz += indptr[c + 1] - indptr[c];
        }
        long[] p = new long[cells.length + 1];
        int[] idx = new int[Math.toIntExact(nnz)];
        float[] val = new float[idx.length];
        int pos = 0;
        for (int i = 0; i < cells.length; i++) {
            int from = (int) indptr[cells[i]];
            int len = (int) (indptr[cells[i] + 1] - from);
            System.arraycopy(indices, from, idx, pos, len);
            System.arraycopy(data, from, val, pos, len);
            pos += len;
            p[i + 1] = pos;
        }
        return new CsrMatrix(cells.length, nGenes, p, idx, val);
    }

    @Override
    public CsrMatrix selectGenes(int[] genes) {
        int[] newIndex = new int[nGenes];
        Arrays.fill(newIndex, -1);
        for (int j = 0; j < genes.length; j++) {
            if (newIndex[genes[j]] != -1) {
                throw new IllegalArgumentException("gene column " + genes[j] + " selected twice");
            }
            newIndex[genes[j]] = j;
        }
        Builder b = new Builder(genes.length);
        // Output columns must be sorted per row; collect then let the constructor sort when needed.
        for (int i = 0; i < nCells; i++) {
            for (int k = (int) indptr[i], e = (int) indptr[i + 1]; k < e; k++) {
                int j = newIndex[indices[k]];
                if (j >= 0) {
                    b.add(j, data[k]);
                }
            }
            b.endRow();
        }
        return b.build();
    }

    @Override
    public CsrMatrix map(ValueFunction f) {
        float[] v = new float[data.length];
        for (int i = 0; i < nCells; i++) {
            for (int k = (int) indptr[i], e = (int) indptr[i + 1]; k < e; k++) {
                v[k] = f.apply(i, indices[k], data[k]);
            }
        }
        return new CsrMatrix(nCells, nGenes, indptr, indices, v);
    }

    /** Dense copy; only for small matrices and tests. */
    public DenseMatrix toDense() {
        float[] v = new float[Math.multiplyExact(nCells, nGenes)];
        float[] row = new float[nGenes];
        for (int i = 0; i < nCells; i++) {
            System.arraycopy(row(i, row), 0, v, i * nGenes, nGenes);
        }
        return new DenseMatrix(nCells, nGenes, v);
    }

    @Override
    public String toString() {
        return "CsrMatrix[" + nCells + " x " + nGenes + ", nnz=" + data.length + "]";
    }

    /** Row-by-row builder with amortised growth. */
    public static final class Builder {
        private final int nGenes;
        private long[] indptr = new long[16];
        private int[] indices = new int[64];
        private float[] data = new float[64];
        private int rows;
        private int nnz;

        public Builder(int nGenes) {
            this.nGenes = nGenes;
        }

        public void add(int gene, float value) {
            if (nnz == data.length) {
                int cap = Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, data.length * 2L));
                indices = Arrays.copyOf(indices, cap);
                data = Arrays.copyOf(data, cap);
            }
            indices[nnz] = gene;
            data[nnz++] = value;
        }

        public void endRow() {
            if (rows + 2 > indptr.length) {
                indptr = Arrays.copyOf(indptr, indptr.length * 2);
            }
            indptr[++rows] = nnz;
        }

        public CsrMatrix build() {
            return new CsrMatrix(rows, nGenes, Arrays.copyOf(indptr, rows + 1),
                    Arrays.copyOf(indices, nnz), Arrays.copyOf(data, nnz));
        }
    }
}
