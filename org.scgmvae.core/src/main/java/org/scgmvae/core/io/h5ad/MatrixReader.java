package org.scgmvae.core.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.EnumDataType;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * X or a layer of an {@code .h5ad}: a dense dataset, or a {@code csr_matrix} / {@code csc_matrix} group (also the
 * pre-0.7 {@code h5sparse_format} form), read whole or in blocks of rows.
 */
final class MatrixReader {

    private MatrixReader() {
    }

    /** A matrix read a block of rows at a time. */
    interface RowBlocks extends CellRows {
        /** Why the whole matrix had to be read into memory instead of block by block; null when it was not. */
        default String inMemoryReason() {
            return null;
        }
    }

    static int[] shape(H5adFile f, Node node, String where) throws IOException {
        if (node instanceof Dataset d) {
            int[] dims = d.getDimensions();
            if (dims.length != 2) {
                throw f.error(where, "expected a 2-D matrix but found " + dims.length + " dimension(s) " + Arrays.toString(dims));
            }
            return dims;
        }
        Sparse s = sparse(f, (Group) node, where);
        return new int[] {s.rows, s.cols};
    }

    static ExpressionMatrix read(H5adFile f, Node node, String where) throws IOException {
        if (node instanceof Dataset d) {
            int[] dims = shape(f, d, where);
            return new DenseMatrix(dims[0], dims[1], denseValues(f, d, f.flat(d, where), where));
        }
        Sparse s = sparse(f, (Group) node, where);
        float[] data = ArrayConversions.toFloats(f.numbers(f.flat(s.data, where + "/data"), where + "/data"));
        long[] indices = ArrayConversions.toLongs(f.flat(s.indices, where + "/indices"));
        long[] indptr = ArrayConversions.toLongs(f.flat(s.indptr, where + "/indptr"));
        try {
            return s.csr ? new CsrMatrix(s.rows, s.cols, indptr, narrow(indices), data)
                    : SparseConversions.cscToCsr(s.rows, s.cols, indptr, indices, data);
        } catch (IllegalArgumentException e) {
            throw f.error(where, "invalid " + s.encoding + ": " + e.getMessage(), e);
        }
    }

    /**
     * Row blocks that read only their own part of the file: dense rows as a hyperslab, CSR rows through their slice of
     * indptr, indices and data. A CSC matrix cannot be cut by rows without reading all of it, so it is read (and
     * converted) once and served from memory; {@link RowBlocks#inMemoryReason()} says so.
     */
    static RowBlocks rowBlocks(H5adFile f, Node node, String where) throws IOException {
        if (node instanceof Dataset d) {
            int[] dims = shape(f, d, where);
            return new RowBlocks() {
                @Override
                public ExpressionMatrix rows(int from, int to) throws IOException {
                    checkRange(from, to, dims[0]);
                    return f.guarded(() -> new DenseMatrix(to - from, dims[1], denseValues(f, d, f.rows(d, from, to - from, where), where)));
                }

                @Override
                public long storedEntries() {
                    return (long) dims[0] * dims[1];
                }

                @Override
                public boolean sparse() {
                    return false;
                }
            };
        }
        Sparse s = sparse(f, (Group) node, where);
        if (!s.csr) {
            ExpressionMatrix whole = read(f, node, where);
            return new RowBlocks() {
                @Override
                public ExpressionMatrix rows(int from, int to) {
                    checkRange(from, to, whole.nCells());
                    return whole.selectCells(IntStream.range(from, to).toArray());
                }

                @Override
                public long storedEntries() {
                    return whole.storedEntries();
                }

                @Override
                public boolean sparse() {
                    return whole.isSparse();
                }

                @Override
                public String inMemoryReason() {
                    return where + " is stored column by column (csc_matrix), which cannot be read a block of cells at a time; it was"
                            + " read whole (" + whole.storedEntries() + " stored values). To keep memory bounded, store it by rows"
                            + " (in Python: adata.X = adata.X.tocsr(); adata.write_h5ad(...))";
                }
            };
        }
        // the values the rows hold: indptr[n] - indptr[0] (each block is rebased on its own first offset)
        long nnz = s.rows == 0 ? 0 : ArrayConversions.toLongs(f.slice(s.indptr, s.rows, 1, where + "/indptr"))[0]
                - ArrayConversions.toLongs(f.slice(s.indptr, 0, 1, where + "/indptr"))[0];
        return new RowBlocks() {
            @Override
            public ExpressionMatrix rows(int from, int to) throws IOException {
                return csrRows(f, s, where, from, to);
            }

            @Override
            public long storedEntries() {
                return nnz;
            }

            @Override
            public boolean sparse() {
                return true;
            }
        };
    }

    private static ExpressionMatrix csrRows(H5adFile f, Sparse s, String where, int from, int to) throws IOException {
        checkRange(from, to, s.rows);
        return f.guarded(() -> {
            long[] ptr = ArrayConversions.toLongs(f.slice(s.indptr, from, to - from + 1, where + "/indptr"));
            long start = ptr[0];
            int nnz = Math.toIntExact(ptr[ptr.length - 1] - start);
            if (nnz < 0) {
                throw f.error(where, "invalid csr_matrix: indptr decreases between rows " + from + " and " + to);
            }
            for (int i = 0; i < ptr.length; i++) {
                ptr[i] -= start;
            }
            float[] data = ArrayConversions.toFloats(f.numbers(f.slice(s.data, start, nnz, where + "/data"), where + "/data"));
            long[] indices = ArrayConversions.toLongs(f.slice(s.indices, start, nnz, where + "/indices"));
            try {
                return new CsrMatrix(to - from, s.cols, ptr, narrow(indices), data);
            } catch (IllegalArgumentException e) {
                throw f.error(where, "invalid csr_matrix in rows " + from + ".." + (to - 1) + ": " + e.getMessage(), e);
            }
        });
    }

    private static void checkRange(int from, int to, int rows) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + to + " outside 0.." + rows);
        }
    }

    private static float[] denseValues(H5adFile f, Dataset d, Object raw, String where) throws IOException {
        return ArrayConversions.toFloats(d.getDataType() instanceof EnumDataType && Attributes.isEnumBooleans(raw)
                ? Attributes.enumToBooleans((String[]) raw) : f.numbers(raw, where));
    }

    /** The parts of a sparse matrix group. */
    private record Sparse(boolean csr, String encoding, int rows, int cols, Dataset data, Dataset indices, Dataset indptr) {
    }

    private static Sparse sparse(H5adFile f, Group g, String where) throws IOException {
        String enc = Attributes.string(g, "encoding-type");
        if (enc == null) {
            enc = Attributes.string(g, "h5sparse_format");
            enc = enc == null ? null : enc + "_matrix";
        }
        long[] shape = Attributes.longs(g, "shape");
        if (shape == null) {
            shape = Attributes.longs(g, "h5sparse_shape");
        }
        if (enc == null || shape == null || shape.length != 2) {
            throw f.error(where, "group is neither a csr_matrix nor a csc_matrix (encoding-type="
                    + enc + ", shape=" + Arrays.toString(shape) + ")");
        }
        if (!enc.equals("csr_matrix") && !enc.equals("csc_matrix")) {
            throw f.error(where, "unsupported matrix encoding '" + enc + "'");
        }
        return new Sparse(enc.equals("csr_matrix"), enc, Math.toIntExact(shape[0]), Math.toIntExact(shape[1]),
                f.dataset(g, "data", where), f.dataset(g, "indices", where), f.dataset(g, "indptr", where));
    }

    private static int[] narrow(long[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (int) a[i];
        }
        return r;
    }
}
