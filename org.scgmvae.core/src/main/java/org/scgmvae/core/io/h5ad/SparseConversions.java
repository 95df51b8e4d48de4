package org.scgmvae.core.io.h5ad;

import org.scgmvae.core.data.CsrMatrix;

/** Layout conversions between compressed sparse forms. */
final class SparseConversions {

    private SparseConversions() {
    }

    /** CSC (column pointers) to CSR in two counting passes, O(nnz) time and memory. */
    static CsrMatrix cscToCsr(int rows, int cols, long[] colPtr, long[] rowIdx, float[] data) {
        if (colPtr.length != cols + 1) {
            throw new IllegalArgumentException("CSC indptr has length " + colPtr.length + ", expected n_genes + 1 = " + (cols + 1));
        }
        if (rowIdx.length != data.length || colPtr[cols] != data.length) {
            throw new IllegalArgumentException("CSC indptr/indices/data lengths disagree");
        }
        long[] rowPtr = new long[rows + 1];
        for (long r : rowIdx) {
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("CSC row index " + r + " is outside 0.." + (rows - 1));
            }
            rowPtr[(int) r + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            rowPtr[i + 1] += rowPtr[i];
        }
        long[] next = rowPtr.clone();
        int[] indices = new int[data.length];
        float[] values = new float[data.length];
        for (int c = 0; c < cols; c++) {
            for (long k = colPtr[c]; k < colPtr[c + 1]; k++) {
                int pos = (int) next[(int) rowIdx[(int) k]]++;
                indices[pos] = c;
                values[pos] = data[(int) k];
            }
        }
        return new CsrMatrix(rows, cols, rowPtr, indices, values);
    }
}
