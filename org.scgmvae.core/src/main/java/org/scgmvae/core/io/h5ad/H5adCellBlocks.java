package org.scgmvae.core.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.BlockMatrix;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.io.MatrixChecks;
import org.scgmvae.core.io.ReadOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * An {@code .h5ad} file read a block of cells at a time, so that memory depends on the block, not on the number of
 * cells: obs and var are read once when the file is opened (with every check of {@link H5adReader}), X, the requested
 * layers and obsm per block, each from its own slice of the file (rows of a dense array, the slice of a CSR matrix's
 * indptr, indices and data). Blocks hold the same values as the same rows of {@link H5adReader#read}.
 *
 * <p>Not thread-safe: one reader per thread.
 */
public final class H5adCellBlocks implements AutoCloseable {

    private final H5adFile file;
    private final int nCells;
    private final int nGenes;
    private final String xWhere;
    private final DataFrame obs;
    private final DataFrame var;
    private final MatrixReader.RowBlocks x;
    private final Map<String, MatrixReader.RowBlocks> layers = new LinkedHashMap<>();
    private final Map<String, Dataset> obsm = new LinkedHashMap<>();

    private H5adCellBlocks(H5adFile file, H5adReader reader) throws IOException {
        this.file = file;
        Node xNode = reader.xNode(file);
        xWhere = "/" + reader.xPath();
        int[] shape = MatrixReader.shape(file, xNode, xWhere);
        nCells = shape[0];
        nGenes = shape[1];
        H5adReader.Annotations a = reader.annotations(file, nCells, nGenes);
        obs = a.obs();
        var = a.var();
        x = MatrixReader.rowBlocks(file, xNode, xWhere);
        for (Map.Entry<String, Node> e : reader.layerNodes(file).entrySet()) {
            String where = "/layers/" + e.getKey();
            int[] s = MatrixReader.shape(file, e.getValue(), where);
            if (s[0] != nCells || s[1] != nGenes) {
                throw file.error(where, "shape mismatch: layer is " + s[0] + " x " + s[1] + " but X is " + nCells + " x " + nGenes);
            }
            layers.put(e.getKey(), MatrixReader.rowBlocks(file, e.getValue(), where));
        }
        if (file.child("obsm") instanceof Group g) {
            for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                if (e.getValue() instanceof Dataset d && d.getDimensions().length == 2 && !d.isCompound()
                        && ArrayConversions.isNumericArray(java.lang.reflect.Array.newInstance(d.getJavaType(), 0))) {
                    if (d.getDimensions()[0] != nCells) {
                        throw file.error("/obsm/" + e.getKey(), "shape mismatch: has " + d.getDimensions()[0] + " rows but X has " + nCells + " cells");
                    }
                    obsm.put(e.getKey(), d);
                }
            }
        }
    }

    /** Opens {@code path} and reads its obs and var; X stays on disk until {@link #block} asks for rows. */
    public static H5adCellBlocks open(Path path, ReadOptions options) throws IOException {
        H5adFile f = H5adFile.open(path);
        try {
            return f.guarded(() -> new H5adCellBlocks(f, new H5adReader(options)));
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    public int nCells() {
        return nCells;
    }

    public int nGenes() {
        return nGenes;
    }

    public Path path() {
        return file.path;
    }

    /** obs and var with an X of the right shape that holds no values (as {@link H5adReader#readAnnotations}). */
    public AnnData annotations() {
        return new AnnData(new CsrMatrix(nCells, nGenes, new long[nCells + 1], new int[0], new float[0]), obs, var);
    }

    /** Cells {@code [from, to)}: X, the requested layers, their obs rows and obsm rows, and var. */
    public AnnData block(int from, int to) throws IOException {
        if (from < 0 || to > nCells || from >= to) {
            throw new IllegalArgumentException("cells " + from + ".." + to + " are not a non-empty range of 0.." + nCells);
        }
        return file.guarded(() -> {
            int[] rows = IntStream.range(from, to).toArray();
            DataFrame blockObs = obs.select(rows);
            ExpressionMatrix bx = x.rows(from, to);
            MatrixChecks.requireFinite(bx, file.path, xWhere, blockObs.index(), var.index(), from);
            Map<String, DenseMatrix> bObsm = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : obsmWidths().entrySet()) {
                bObsm.put(e.getKey(), new DenseMatrix(to - from, e.getValue(), obsmRows(e.getKey(), from, to)));
            }
            Map<String, ExpressionMatrix> bLayers = new LinkedHashMap<>();
            for (Map.Entry<String, MatrixReader.RowBlocks> e : layers.entrySet()) {
                bLayers.put(e.getKey(), e.getValue().rows(from, to));
            }
            return new AnnData(bx, blockObs, var, bObsm, bLayers);
        });
    }

    /**
     * The whole file as cells whose X and layers stay on disk: {@link BlockMatrix}es that read {@code blockCells} cells at a
     * time (each block checked for non-finite values as it is read), obs and var in memory, no obsm. Valid while this
     * reader is open. Every algorithm that reads a matrix row by row (preprocessing, training, inference) runs on it in
     * memory bounded by a few blocks.
     */
    public AnnData onDisk(int blockCells) {
        String[] cellNames = obs.index();
        BlockMatrix bx = BlockMatrix.of(nCells, nGenes, blockCells, x.sparse(), (from, to) -> {
            ExpressionMatrix m = x.rows(from, to);
            MatrixChecks.requireFinite(m, file.path, xWhere, java.util.Arrays.copyOfRange(cellNames, from, to), var.index(), from);
            return m;
        });
        Map<String, ExpressionMatrix> onDiskLayers = new LinkedHashMap<>();
        layers.forEach((name, rows) -> onDiskLayers.put(name, BlockMatrix.of(nCells, nGenes, blockCells, rows.sparse(), rows::rows)));
        return new AnnData(bx, obs, var, Map.of(), onDiskLayers);
    }

    // ---- for copying the file's matrices through a writer block by block (H5adWriter.writeCopying)

    MatrixReader.RowBlocks xRows() {
        return x;
    }

    Map<String, MatrixReader.RowBlocks> layerRows() {
        return layers;
    }

    /** obsm keys with their number of columns. */
    public Map<String, Integer> obsmWidths() {
        Map<String, Integer> w = new LinkedHashMap<>();
        obsm.forEach((k, d) -> w.put(k, d.getDimensions()[1]));
        return w;
    }

    float[] obsmRows(String key, int from, int to) throws IOException {
        return file.guarded(() -> ArrayConversions.toFloats(file.rows(obsm.get(key), from, to - from, "/obsm/" + key)));
    }

    /** Sentences about parts that could not be read block by block and were read whole instead (empty when none). */
    public List<String> inMemoryParts() {
        List<String> why = new ArrayList<>();
        if (x.inMemoryReason() != null) {
            why.add(x.inMemoryReason());
        }
        layers.values().stream().map(MatrixReader.RowBlocks::inMemoryReason).filter(r -> r != null).forEach(why::add);
        return why;
    }

    @Override
    public void close() {
        file.close();
    }
}
