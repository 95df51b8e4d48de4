package org.scgmvae.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The in-memory counterpart of an AnnData object: expression matrix X (cells x genes), cell
 * annotations (obs), gene annotations (var, index = gene names), per-cell embeddings (obsm) and
 * extra matrices of X's shape (layers, e.g. raw "counts"). Immutable; {@code with...} methods
 * return copies that share data.
 */
public final class AnnData {

    private final ExpressionMatrix x;
    private final DataFrame obs;
    private final DataFrame var;
    private final Map<String, DenseMatrix> obsm;
    private final Map<String, ExpressionMatrix> layers;

    public AnnData(ExpressionMatrix x, DataFrame obs, DataFrame var,
                   Map<String, DenseMatrix> obsm, Map<String, ExpressionMatrix> layers) {
        if (obs.nRows() != x.nCells()) {
            throw new IllegalArgumentException("X has " + x.nCells() + " cells (rows) but obs has " + obs.nRows() + " rows");
        }
        if (var.nRows() != x.nGenes()) {
            throw new IllegalArgumentException("X has " + x.nGenes() + " genes (columns) but var has " + var.nRows() + " rows");
        }
        obsm.forEach((k, m) -> {
            if (m.nCells() != x.nCells()) {
                throw new IllegalArgumentException("obsm['" + k + "'] has " + m.nCells() + " rows but X has " + x.nCells() + " cells");
            }
        });
        layers.forEach((k, m) -> {
            if (m.nCells() != x.nCells() || m.nGenes() != x.nGenes()) {
                throw new IllegalArgumentException("layers['" + k + "'] is " + m.nCells() + " x " + m.nGenes()
                        + " but X is " + x.nCells() + " x " + x.nGenes());
            }
        });
        this.x = x;
        this.obs = obs;
        this.var = var;
        this.obsm = Collections.unmodifiableMap(new LinkedHashMap<>(obsm));
        this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    public AnnData(ExpressionMatrix x, DataFrame obs, DataFrame var) {
        this(x, obs, var, Map.of(), Map.of());
    }

    public ExpressionMatrix x() { return x; }

    public DataFrame obs() { return obs; }

    public DataFrame var() { return var; }

    public Map<String, DenseMatrix> obsm() { return obsm; }

    public Map<String, ExpressionMatrix> layers() { return layers; }

    public int nCells() { return x.nCells(); }

    public int nGenes() { return x.nGenes(); }

    public String[] cellNames() { return obs.index(); }

    public String[] geneNames() { return var.index(); }

    public AnnData withX(ExpressionMatrix newX) {
        return new AnnData(newX, obs, var, obsm, layers);
    }

    /** New X with a gene set of its own (e.g. after HVG selection): var is replaced too. */
    public AnnData withXAndVar(ExpressionMatrix newX, DataFrame newVar) {
        return new AnnData(newX, obs, newVar, obsm, Map.of());
    }

    public AnnData withObs(DataFrame newObs) {
        return new AnnData(x, newObs, var, obsm, layers);
    }

    public AnnData withVar(DataFrame newVar) {
        return new AnnData(x, obs, newVar, obsm, layers);
    }

    public AnnData withObsm(String key, DenseMatrix m) {
        Map<String, DenseMatrix> o = new LinkedHashMap<>(obsm);
        o.put(key, m);
        return new AnnData(x, obs, var, o, layers);
    }

    public AnnData withLayer(String key, ExpressionMatrix m) {
        Map<String, ExpressionMatrix> l = new LinkedHashMap<>(layers);
        l.put(key, m);
        return new AnnData(x, obs, var, obsm, l);
    }

    /** Only the given cells (rows of X, obs, obsm and layers), in the given order. */
    public AnnData selectCells(int[] cells) {
        Map<String, DenseMatrix> o = new LinkedHashMap<>();
        obsm.forEach((k, m) -> o.put(k, m.selectCells(cells)));
        Map<String, ExpressionMatrix> l = new LinkedHashMap<>();
        layers.forEach((k, m) -> l.put(k, m.selectCells(cells)));
        return new AnnData(x.selectCells(cells), obs.select(cells), var, o, l);
    }

    /** Only the given genes (columns of X and layers, rows of var), in the given order. */
    public AnnData selectGenes(int[] genes) {
        Map<String, ExpressionMatrix> l = new LinkedHashMap<>();
        layers.forEach((k, m) -> l.put(k, m.selectGenes(genes)));
        return new AnnData(x.selectGenes(genes), obs, var.select(genes), obsm, l);
    }

    @Override
    public String toString() {
        return "AnnData " + nCells() + " cells x " + nGenes() + " genes (" + (x.isSparse() ? "sparse" : "dense")
                + "); obs: " + obs.columnNames() + "; var: " + var.columnNames() + "; obsm: " + obsm.keySet()
                + "; layers: " + layers.keySet();
    }
}
