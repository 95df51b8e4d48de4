package org.scgmvae.core.io.h5ad;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.BlockMatrix;
import org.scgmvae.core.data.BooleanColumn;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.data.StringColumn;
import org.scgmvae.core.io.AtomicFile;
import org.scgmvae.core.io.hdf5.Hdf5Writer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes AnnData {@code .h5ad} files in the current AnnData on-disk encoding (anndata 0.8+):
 * X (dense array or csr_matrix, optional), obs and var dataframes (categorical, numeric, boolean
 * and string columns), obsm arrays and layers. The file is written to a temporary name and
 * renamed at the end, so a failure never leaves a half-written file under the target name.
 */
public final class H5adWriter {

    private H5adWriter() {
    }

    public static void write(AnnData data, Path file, boolean withX) throws IOException {
        write(data, file, withX, CarriedGroups.NONE);
    }

    /** As {@link #write(AnnData, Path, boolean)}, carrying over what {@code carried} names from the input of these cells. */
    public static void write(AnnData data, Path file, boolean withX, CarriedGroups carried) throws IOException {
        AtomicFile.write(file, partial -> {
            try (H5adFile input = carried.open(); Hdf5Writer h5 = new Hdf5Writer(partial)) {
                Hdf5Writer.Group root = h5.root();
                root.attribute("encoding-type", "anndata").attribute("encoding-version", "0.1.0");
                if (withX) {
                    writeMatrix(root, "X", data.x());
                }
                writeFrame(root, "obs", data.obs());
                writeFrame(root, "var", data.var());
                Hdf5Writer.Group obsm = dict(root, "obsm");
                for (Map.Entry<String, DenseMatrix> e : data.obsm().entrySet()) {
                    writeMatrix(obsm, e.getKey(), e.getValue());
                }
                Hdf5Writer.Group layers = dict(root, "layers");
                java.util.Set<String> written = new java.util.HashSet<>();
                for (Map.Entry<String, ExpressionMatrix> e : data.layers().entrySet()) {
                    written.add(carried.outputName(e.getKey()));
                    writeMatrix(layers, carried.outputName(e.getKey()), e.getValue());
                }
                carried.copy(input, root, layers, written);
            }
        });
    }

    /**
     * Writes cells whose expression stays on disk: X (when {@code withX}), the layers and the obsm arrays of {@code
     * source} are copied through a block of {@code blockCells} cells at a time, never held whole; obs (e.g. the source's
     * obs with result columns), var and the {@code extraObsm} arrays (results, replacing source arrays of the same name)
     * come from memory. Gives the same file as {@link #write} of the whole data read at once.
     */
    public static void writeCopying(H5adCellBlocks source, DataFrame obs, Map<String, DenseMatrix> extraObsm, Path file, boolean withX,
                                    int blockCells) throws IOException {
        writeCopying(source, obs, extraObsm, file, withX, blockCells, CarriedGroups.NONE);
    }

    /** As {@link #writeCopying(H5adCellBlocks, DataFrame, Map, Path, boolean, int)}, carrying over what {@code carried} names. */
    public static void writeCopying(H5adCellBlocks source, DataFrame obs, Map<String, DenseMatrix> extraObsm, Path file, boolean withX,
                                    int blockCells, CarriedGroups carried) throws IOException {
        if (obs.nRows() != source.nCells()) {
            throw new IllegalArgumentException("obs has " + obs.nRows() + " rows but the source has " + source.nCells() + " cells");
        }
        AtomicFile.write(file, partial -> {
            try (H5adFile input = carried.open(); Hdf5Writer h5 = new Hdf5Writer(partial)) {
                Hdf5Writer.Group root = h5.root();
                root.attribute("encoding-type", "anndata").attribute("encoding-version", "0.1.0");
                if (withX) {
                    copyMatrix(root, "X", source.nCells(), source.nGenes(), source.xRows(), blockCells);
                }
                writeFrame(root, "obs", obs);
                writeFrame(root, "var", source.annotations().var());
                Hdf5Writer.Group obsm = dict(root, "obsm");
                for (Map.Entry<String, Integer> e : source.obsmWidths().entrySet()) {
                    if (!extraObsm.containsKey(e.getKey())) {
                        String key = e.getKey();
                        obsm.dataset(key, new float[0], new long[] {source.nCells(), e.getValue()},
                                        blocks(source.nCells(), blockCells, (from, to) -> source.obsmRows(key, from, to)))
                                .attribute("encoding-type", "array").attribute("encoding-version", "0.2.0");
                    }
                }
                for (Map.Entry<String, DenseMatrix> e : extraObsm.entrySet()) {
                    writeMatrix(obsm, e.getKey(), e.getValue());
                }
                Hdf5Writer.Group layers = dict(root, "layers");
                java.util.Set<String> written = new java.util.HashSet<>();
                for (Map.Entry<String, MatrixReader.RowBlocks> e : source.layerRows().entrySet()) {
                    written.add(carried.outputName(e.getKey()));
                    copyMatrix(layers, carried.outputName(e.getKey()), source.nCells(), source.nGenes(), e.getValue(), blockCells);
                }
                carried.copy(input, root, layers, written);
            }
        });
    }

    /**
     * Writes cells whose X is handed over a block at a time ({@code x}, e.g. generated), with obs and var from memory and
     * no layers or obsm: memory stays that of one block.
     */
    public static void write(DataFrame obs, DataFrame var, CellRows x, Path file, int blockCells) throws IOException {
        write(obs, var, x, Map.of(), file, blockCells);
    }

    /** As {@link #write(DataFrame, DataFrame, CellRows, Path, int)}, with layers handed over a block at a time too (each in turn). */
    public static void write(DataFrame obs, DataFrame var, CellRows x, Map<String, CellRows> layers, Path file, int blockCells)
            throws IOException {
        AtomicFile.write(file, partial -> {
            try (Hdf5Writer h5 = new Hdf5Writer(partial)) {
                Hdf5Writer.Group root = h5.root();
                root.attribute("encoding-type", "anndata").attribute("encoding-version", "0.1.0");
                copyMatrix(root, "X", obs.nRows(), var.nRows(), x, blockCells);
                writeFrame(root, "obs", obs);
                writeFrame(root, "var", var);
                Hdf5Writer.Group layerGroup = dict(root, "layers");
                for (Map.Entry<String, CellRows> layer : layers.entrySet()) {
                    copyMatrix(layerGroup, layer.getKey(), obs.nRows(), var.nRows(), layer.getValue(), blockCells);
                }
                for (String g : new String[] {"obsm", "uns", "varm", "obsp", "varp"}) {
                    dict(root, g);
                }
            }
        });
    }

    /** One piece of a copied dataset: what rows {@code [from, to)} contribute. */
    @FunctionalInterface
    private interface RowPiece {
        Object read(int from, int to) throws IOException;
    }

    private static org.scgmvae.core.io.hdf5.ChunkSource blocks(int nCells, int blockCells, RowPiece piece) {
        int[] next = {0};
        return () -> {
            if (next[0] >= nCells) {
                return null;
            }
            int from = next[0];
            int to = Math.min(nCells, from + blockCells);
            next[0] = to;
            return piece.read(from, to);
        };
    }

    /**
     * A matrix copied block by block: a dense array row block after row block; a CSR matrix as data, then indices (a
     * second pass over the blocks), then indptr (kept from the first pass: one number per cell).
     */
    private static void copyMatrix(Hdf5Writer.Group parent, String name, int n, int genes, CellRows rows, int blockCells) {
        if (!rows.sparse()) {
            parent.dataset(name, new float[0], new long[] {n, genes}, blocks(n, blockCells, (from, to) -> {
                        ExpressionMatrix m = rows.rows(from, to);
                        return DenseMatrix.copyOf(m).values();
                    }))
                    .attribute("encoding-type", "array").attribute("encoding-version", "0.2.0");
            return;
        }
        long nnz = rows.storedEntries();
        long[] indptr = new long[n + 1];
        Hdf5Writer.Group g = parent.group(name)
                .attribute("encoding-type", "csr_matrix").attribute("encoding-version", "0.1.0")
                .attribute("shape", new long[] {n, genes});
        g.dataset("data", new float[0], new long[] {nnz}, blocks(n, blockCells, (from, to) -> {
            CsrMatrix m = (CsrMatrix) rows.rows(from, to);
            for (int i = 0; i < m.nCells(); i++) {
                indptr[from + i + 1] = indptr[from] + m.indptr()[i + 1];
            }
            return m.data();
        }));
        boolean wide = wideIndex(nnz, genes);
        g.dataset("indices", wide ? new long[0] : new int[0], new long[] {nnz}, blocks(n, blockCells, (from, to) -> {
            int[] indices = ((CsrMatrix) rows.rows(from, to)).indices();
            return wide ? Arrays.stream(indices).asLongStream().toArray() : indices;
        }));
        g.dataset("indptr", wide ? new long[0] : new int[0], new long[] {n + 1L}, blocks(1, 1, (from, to) -> wide ? indptr : narrow(indptr)));
    }

    /**
     * Whether a CSR matrix's indices and indptr need 64 bits. scipy keeps both in one dtype (int32 where the counts fit);
     * int64 row pointers next to int32 gene indices make its row selection (adata[cells] in anndata) fail with "Output dtype
     * not compatible with inputs".
     */
    private static boolean wideIndex(long nnz, long genes) {
        return Math.max(nnz, genes) > narrowIndexLimit;
    }

    /** Above this, a CSR matrix's indices and indptr are int64; lowered only by tests, to write the wide form of small files. */
    static long narrowIndexLimit = Integer.MAX_VALUE;

    private static int[] narrow(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.toIntExact(values[i]);
        }
        return out;
    }

    private static Hdf5Writer.Group dict(Hdf5Writer.Group parent, String name) {
        return parent.group(name).attribute("encoding-type", "dict").attribute("encoding-version", "0.1.0");
    }

    private static void writeMatrix(Hdf5Writer.Group parent, String name, ExpressionMatrix m) {
        if (m instanceof BlockMatrix b) {
            // cells that are not held in memory are written a block at a time
            copyMatrix(parent, name, b.nCells(), b.nGenes(), CellRows.of(b), b.blockSize());
            return;
        }
        if (m instanceof CsrMatrix csr) {
            Hdf5Writer.Group g = parent.group(name)
                    .attribute("encoding-type", "csr_matrix").attribute("encoding-version", "0.1.0")
                    .attribute("shape", new long[] {csr.nCells(), csr.nGenes()});
            g.dataset("data", csr.data());
            boolean wide = wideIndex(csr.indptr()[csr.nCells()], csr.nGenes());
            g.dataset("indices", wide ? Arrays.stream(csr.indices()).asLongStream().toArray() : csr.indices());
            g.dataset("indptr", wide ? csr.indptr() : narrow(csr.indptr()));
        } else {
            DenseMatrix d = (DenseMatrix) m; // the only other ExpressionMatrix kind
            parent.dataset(name, d.values(), d.nCells(), d.nGenes())
                    .attribute("encoding-type", "array").attribute("encoding-version", "0.2.0");
        }
    }


    private static void writeFrame(Hdf5Writer.Group root, String name, DataFrame df) {
        Hdf5Writer.Group g = root.group(name)
                .attribute("encoding-type", "dataframe").attribute("encoding-version", "0.2.0")
                .attribute("_index", "_index")
                .attribute("column-order", df.columnNames().toArray(new String[0]));
        stringArray(g, "_index", df.index());
        for (Map.Entry<String, Column> e : df.columns().entrySet()) {
            writeColumn(g, e.getKey(), e.getValue());
        }
    }

    private static void writeColumn(Hdf5Writer.Group g, String name, Column col) {
        if (col instanceof StringColumn s && java.util.Arrays.stream(s.values()).anyMatch(java.util.Objects::isNull)) {
            // Missing text has no vlen-string encoding; a categorical keeps it as a missing code.
            col = CategoricalColumn.fromStrings(s.values());
        }
        if (col instanceof CategoricalColumn c) {
            Hdf5Writer.Group cg = g.group(name)
                    .attribute("encoding-type", "categorical").attribute("encoding-version", "0.2.0")
                    .attribute("ordered", c.ordered());
            Hdf5Writer.Dataset codes;
            if (c.categories().size() < 127) {
                byte[] small = new byte[c.size()];
                for (int i = 0; i < small.length; i++) {
                    small[i] = (byte) c.codes()[i];
                }
                codes = cg.dataset("codes", small);
            } else {
                codes = cg.dataset("codes", c.codes());
            }
            // anndata 0.8+ tags every element; an untagged one reads with an OldFormatWarning
            codes.attribute("encoding-type", "array").attribute("encoding-version", "0.2.0");
            stringArray(cg, "categories", c.categories().toArray(new String[0]));
        } else if (col instanceof NumericColumn n) {
            boolean asInt = n.integer() && java.util.Arrays.stream(n.values()).allMatch(Double::isFinite);
            Hdf5Writer.Dataset ds = asInt
                    ? g.dataset(name, java.util.Arrays.stream(n.values()).mapToLong(v -> (long) v).toArray())
                    : g.dataset(name, n.values());
            ds.attribute("encoding-type", "array").attribute("encoding-version", "0.2.0");
        } else if (col instanceof BooleanColumn b) {
            g.dataset(name, b.values()).attribute("encoding-type", "array").attribute("encoding-version", "0.2.0");
        } else if (col instanceof StringColumn s) {
            stringArray(g, name, s.values());
        }
    }

    private static void stringArray(Hdf5Writer.Group g, String name, String[] values) {
        g.dataset(name, values).attribute("encoding-type", "string-array").attribute("encoding-version", "0.2.0");
    }
}
