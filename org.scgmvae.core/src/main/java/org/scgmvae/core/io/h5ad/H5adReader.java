package org.scgmvae.core.io.h5ad;

import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.io.DataFileException;
import org.scgmvae.core.io.GeneNames;
import org.scgmvae.core.io.MatrixChecks;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.task.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AnnData {@code .h5ad} files with the pure-Java jhdf library: the whole file ({@link #read}), its annotations
 * only ({@link #readAnnotations}), or a block of cells at a time ({@link H5adCellBlocks}).
 *
 * <p>Supported: X dense or sparse (CSR, CSC, also the pre-0.7 {@code h5sparse_format} form), obs/var in every encoding
 * anndata has used ({@link FrameReader}), obsm arrays, layers (the {@code counts} layer is what count-based models use);
 * {@code raw} optionally replaces X.
 */
public final class H5adReader {

    private final ReadOptions options;

    public H5adReader(ReadOptions options) {
        this.options = options;
    }

    public H5adReader() {
        this(ReadOptions.defaults());
    }

    public AnnData read(Path file) throws IOException {
        return read(file, Progress.NONE);
    }

    /** As {@link #read(Path)}, reporting each part of the file (X, obs and var, obsm, each layer) and stopping between them. */
    public AnnData read(Path file, Progress progress) throws IOException {
        try (H5adFile f = H5adFile.open(file)) {
            return f.guarded(() -> read(f, progress));
        }
    }

    /**
     * Cell and gene annotations only (obs, var; X's shape but not its values): what a KNIME reader
     * needs to announce its columns before reading the data. X of the result has no stored values. Files without X
     * (results written with --no-x) have annotations too.
     */
    public AnnData readAnnotations(Path file) throws IOException {
        try (H5adFile f = H5adFile.open(file)) {
            return f.guarded(() -> {
                // results written without X (--no-x) still have their annotations: the shape then comes from obs and var
                boolean noX = !options.useRaw() && f.child(xPath()) == null && f.child("obs") != null && f.child(varPath()) != null;
                int[] shape = noX ? new int[] {-1, -1} : MatrixReader.shape(f, xNode(f), "/" + xPath());
                DataFrame obs = new FrameReader(f).read("obs", shape[0]);
                DataFrame var = GeneNames.checkUnique(new FrameReader(f).read(varPath(), shape[1]), options.makeGeneNamesUnique(), f.path,
                        "/" + varPath());
                if (noX) {
                    shape = new int[] {obs.nRows(), var.nRows()};
                }
                return new AnnData(new CsrMatrix(shape[0], shape[1], new long[shape[0] + 1], new int[0], new float[0]), obs, var);
            });
        }
    }

    private AnnData read(H5adFile f, Progress progress) throws IOException {
        String name = f.path.getFileName().toString();
        progress.step(0, 4, "reading " + name + ": " + xPath());
        ExpressionMatrix x = MatrixReader.read(f, xNode(f), "/" + xPath());
        progress.step(2, 4, "reading " + name + ": obs and var");
        Annotations a = annotations(f, x.nCells(), x.nGenes());
        MatrixChecks.requireFinite(x, f.path, "/" + xPath(), a.obs().index(), a.var().index());
        progress.step(3, 4, "reading " + name + ": obsm and layers");
        Map<String, DenseMatrix> obsm = new FrameReader(f).readObsm(x.nCells());
        Map<String, ExpressionMatrix> layers = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : layerNodes(f).entrySet()) {
            progress.check();
            ExpressionMatrix m = MatrixReader.read(f, e.getValue(), "/layers/" + e.getKey());
            if (m.nCells() != x.nCells() || m.nGenes() != x.nGenes()) {
                throw f.error("/layers/" + e.getKey(), "shape mismatch: layer is " + m.nCells() + " x " + m.nGenes() + " but X is "
                        + x.nCells() + " x " + x.nGenes());
            }
            layers.put(e.getKey(), m);
        }
        progress.step(4, 4, "read " + x.nCells() + " cells x " + x.nGenes() + " genes");
        return new AnnData(x, a.obs(), a.var(), obsm, layers);
    }

    /** obs and var, checked against X's shape; gene names unique (or made unique when asked). */
    record Annotations(DataFrame obs, DataFrame var) {
    }

    Annotations annotations(H5adFile f, int nCells, int nGenes) throws IOException {
        FrameReader frames = new FrameReader(f);
        DataFrame obs = frames.read("obs", nCells);
        DataFrame var = frames.read(varPath(), nGenes);
        if (obs.nRows() != nCells) {
            throw f.error("/obs", "shape mismatch: X has " + nCells + " cells but obs has " + obs.nRows() + " rows");
        }
        if (var.nRows() != nGenes) {
            throw f.error("/" + varPath(), "shape mismatch: X has " + nGenes + " genes but var has " + var.nRows() + " rows");
        }
        if (nCells == 0 || nGenes == 0) {
            throw f.error("/" + xPath(), "empty matrix (" + nCells + " cells x " + nGenes + " genes)");
        }
        return new Annotations(obs, GeneNames.checkUnique(var, options.makeGeneNamesUnique(), f.path, "/" + varPath()));
    }

    /** X, or raw/X when raw was requested; fails with the file's path when it is missing. */
    Node xNode(H5adFile f) throws DataFileException {
        if (options.useRaw() && !f.hdf.getChildren().containsKey("raw")) {
            throw f.error("/raw", "reading raw was requested but the file has no raw data");
        }
        Node x = f.child(xPath());
        if (x == null) {
            throw f.error("/" + xPath(), "missing X (the expression matrix)");
        }
        return x;
    }

    /**
     * The layers asked for by the options, by the names they are read under (the counts layer as {@code counts}); none when
     * raw replaces X: raw has no layers. A counts layer of another name that the file lacks is refused with its layers.
     */
    Map<String, Node> layerNodes(H5adFile f) throws DataFileException {
        Map<String, Node> chosen = new LinkedHashMap<>();
        if (!options.useRaw() && f.child("layers") instanceof Group g) {
            for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                String as = options.readAs(e.getKey());
                if (as != null) {
                    chosen.put(as, e.getValue());
                }
            }
        }
        if (!options.countsLayer().equals(ReadOptions.COUNTS) && !options.useRaw() && !chosen.containsKey(ReadOptions.COUNTS)) {
            List<String> there = f.child("layers") instanceof Group g ? List.copyOf(g.getChildren().keySet()) : List.of();
            throw f.error("/layers/" + options.countsLayer(), "no such layer for the counts; the file's layers are " + there);
        }
        return chosen;
    }

    String xPath() {
        return options.useRaw() ? "raw/X" : "X";
    }

    private String varPath() {
        return options.useRaw() ? "raw/var" : "var";
    }

    ReadOptions options() {
        return options;
    }
}
