package org.scgmvae.core.preprocess;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.io.MatrixChecks;
import org.scgmvae.core.options.NumberOption;
import org.scgmvae.core.task.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A preprocessing pipeline fitted on training data: which genes went in, the normalisation
 * target, the selected (highly variable) genes and the scaling statistics. Applying it to new
 * data reproduces exactly the transform the model was trained on. Serialises to JSON so it can
 * be stored next to (or inside) a model.
 *
 * <p>The transformed data has X = model input (selected genes, normalised/scaled as configured),
 * a {@code counts} layer with the raw counts of the selected genes and an obs column
 * {@code library_size} (total counts over those selected genes), which count likelihoods need.
 *
 * @param inputGenes    genes after gene filtering, in the space where cells are normalised
 * @param targetSum     fitted normalize_total target (null when not normalising)
 * @param selectedGenes the model's genes (highly variable ones, or all input genes)
 * @param scaler        fitted scaling statistics of the selected genes (null when not scaling)
 * @param countShare    median share of a training cell's counts that falls on the selected genes (null when not
 *                      normalising; absent in models written before it existed): turns expected counts over the
 *                      selected genes back into normalize_total's units, which divide by all of a cell's counts
 */
public record FittedPreprocessing(PreprocessConfig config, String[] inputGenes, Double targetSum,
                                  String[] selectedGenes, Scaler scaler, Double countShare) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Result of {@link #fit}: the fitted pipeline, the transformed training data and warnings about the input
     * (e.g. {@link LogTransformedCheck}) for the caller to show.
     */
    public record Fit(FittedPreprocessing preprocessing, AnnData transformed, java.util.List<String> warnings) {
    }

    /** Result of {@link #apply}: transformed data and how its genes were aligned. */
    public record Applied(AnnData transformed, GeneAligner.Report alignment, InputNotes notes) {
    }

    /** Runs the configured pipeline on training data and records what it needs to repeat it. */
    public static Fit fit(AnnData data, PreprocessConfig cfg) {
        return fit(data, cfg, Progress.NONE);
    }

    /** As {@link #fit(AnnData, PreprocessConfig)}, reporting each step and stopping between steps when cancelled. */
    public static Fit fit(AnnData data, PreprocessConfig cfg, Progress progress) {
        progress.step(0, 6, "preprocessing: filtering cells and genes");
        AnnData unfiltered = withCountsAsX(data, cfg);
        AnnData raw = filtered(unfiltered, cfg);
        progress.step(1, 6, "preprocessing: normalize_total and log1p");
        java.util.List<String> warnings = new java.util.ArrayList<>(logWarnings(cfg, raw.x()));
        droppedGenesNote(unfiltered.nGenes(), raw.nGenes(), cfg).ifPresent(warnings::add);
        double[] totals = cfg.normalizeTotal() ? GeneStats.cellTotals(raw.x())[0] : null;
        Double target = cfg.normalizeTotal() ? (cfg.targetSum() != null ? cfg.targetSum() : NormalizeTotal.medianOf(totals)) : null;
        if (totals != null) {
            NormalizeTotal.emptyCellsWarning(totals, raw.cellNames()).ifPresent(warnings::add);
        }
        ExpressionMatrix logData = normalizeAndLog(raw.x(), cfg, target);
        String[] selected = raw.geneNames();
        progress.step(2, 6, "preprocessing: highly variable genes");
        HighlyVariableGenes.Result hvg = null;
        if (cfg.hvgFlavor() != null && (cfg.nTopGenes() == 0 || cfg.nTopGenes() < raw.nGenes())) {
            hvg = HighlyVariableGenes.compute(logData, cfg.hvgFlavor(), cfg.nTopGenes());
            int[] idx = someGenes(hvg);
            selected = Arrays.stream(idx).mapToObj(j -> raw.geneNames()[j]).toArray(String[]::new);
        }
        Scaler scaler = null;
        progress.step(3, 6, "preprocessing: scaling");
        if (cfg.scale()) {
            int[] idx = indicesOf(raw.geneNames(), selected);
            scaler = Scaler.fit(logData.selectGenes(idx), cfg.scaleMaxValue());
        }
        Double share = cfg.normalizeTotal() ? countShare(raw.x(), indicesOf(raw.geneNames(), selected)) : null;
        FittedPreprocessing fitted = new FittedPreprocessing(cfg, raw.geneNames(), target, selected, scaler, share);
        progress.step(4, 6, "preprocessing: transforming the cells");
        AnnData out = fitted.transformAligned(raw, logData);
        if (hvg != null) {
            // Keep scanpy's HVG statistics for the selected genes in var.
            out = out.withVar(hvg.annotate(raw.var()).select(indicesOf(raw.geneNames(), selected)));
        }
        progress.step(6, 6, "preprocessing done");
        return new Fit(fitted, out, warnings);
    }

    /**
     * The same pipeline fitted from passes over the cells that may run elsewhere ({@link StatisticsPasses}; on Spark's
     * workers for data that one machine should not read alone): the gene filter from per-gene counts, normalize_total's
     * median from per-cell totals, the highly variable genes and the scaling from per-gene statistics of the
     * log-normalised values, the count share from per-cell totals. {@code data} supplies the names and a sample of values for
     * the log-data check; the transformed cells come back lazily, as {@link #fit(AnnData, PreprocessConfig)}'s do. No cell
     * filters (they would change which cells the later passes see).
     */
    public static Fit fit(AnnData data, PreprocessConfig cfg, StatisticsPasses passes, Progress progress) {
        if (cfg.minCountsPerCell() > 0 || cfg.minGenesPerCell() > 0) {
            throw new IllegalArgumentException("cell filters (min counts or genes per cell) are not available when the preprocessing"
                    + " statistics are collected in passes; filter the cells beforehand");
        }
        String layer = cfg.countsLayer();
        AnnData raw = withCountsAsX(data, cfg);
        String[] genes = raw.geneNames();
        progress.step(0, 5, "preprocessing: counts per gene");
        int[] kept = java.util.stream.IntStream.range(0, genes.length).toArray();
        if (cfg.minCellsPerGene() > 0 || cfg.minCountsPerGene() > 0) {
            GeneStats.Accumulator c = passes.geneStats(cells -> countsOf(cells, layer), genes.length, false);
            kept = QualityFilter.keptGenes(c.sums(), c.stats().nonZeroCells(), cfg.minCountsPerGene(), cfg.minCellsPerGene());
        }
        final int[] keep = kept;
        String[] input = Arrays.stream(keep).mapToObj(j -> genes[j]).toArray(String[]::new);
        progress.step(1, 5, "preprocessing: library sizes");
        double[] libraries = cfg.normalizeTotal() ? passes.cellTotals(cells -> {
            ExpressionMatrix counts = countsOf(cells, layer);
            MatrixChecks.requireCounts(counts, "normalize_total", cells.cellNames(), cells.geneNames()); // as fit() checks them
            return counts.selectGenes(keep);
        }) : null;
        Double target = !cfg.normalizeTotal() ? null : cfg.targetSum() != null ? cfg.targetSum() : NormalizeTotal.medianOf(libraries);
        StatisticsPasses.Step logData = cells -> normalizeAndLog(countsOf(cells, layer).selectGenes(keep), cfg, target);
        String[] selected = input;
        progress.step(2, 5, "preprocessing: highly variable genes");
        if (cfg.hvgFlavor() != null && (cfg.nTopGenes() == 0 || cfg.nTopGenes() < input.length)) {
            GeneStats s = passes.geneStats(logData, input.length, cfg.hvgFlavor() == HighlyVariableGenes.Flavor.SEURAT).stats();
            int[] idx = someGenes(HighlyVariableGenes.fromStats(s, cfg.hvgFlavor(), cfg.nTopGenes()));
            selected = Arrays.stream(idx).mapToObj(j -> input[j]).toArray(String[]::new);
        }
        final int[] sel = indicesOf(input, selected);
        progress.step(3, 5, "preprocessing: scaling");
        Scaler scaler = cfg.scale() ? Scaler.of(passes.geneStats(cells -> logData.apply(cells).selectGenes(sel), sel.length, false),
                cfg.scaleMaxValue()) : null;
        progress.step(4, 5, "preprocessing: library sizes over the selected genes");
        // each cell's counts on the model's genes: the count share's numerator and the training cells' library_size
        double[] onSelected = passes.cellTotals(cells -> countsOf(cells, layer).selectGenes(keep).selectGenes(sel));
        Double share = cfg.normalizeTotal() ? medianShare(libraries, onSelected) : null;
        progress.step(5, 5, "preprocessing fitted");
        FittedPreprocessing fitted = new FittedPreprocessing(cfg, input, target, selected, scaler, share);
        // the training cells as the fitted steps make them, lazily: no pass over the cells here (the passes checked the counts
        // and summed the library sizes)
        AnnData rawKept = keep.length == genes.length ? raw : raw.selectGenes(keep);
        AnnData transformed = fitted.transformAligned(rawKept, normalizeAndLog(rawKept.x(), cfg, target), onSelected);
        java.util.List<String> warnings = new java.util.ArrayList<>(logWarnings(cfg, raw.x()));
        droppedGenesNote(genes.length, keep.length, cfg).ifPresent(warnings::add);
        if (libraries != null) {
            NormalizeTotal.emptyCellsWarning(libraries, raw.cellNames()).ifPresent(warnings::add);
        }
        return new Fit(fitted, transformed, warnings);
    }

    /** The warning of {@link LogTransformedCheck} (a sample of cells) when the pipeline normalises or logs, else none. */
    private static java.util.List<String> logWarnings(PreprocessConfig cfg, ExpressionMatrix counts) {
        String w = cfg.normalizeTotal() || cfg.log1p() ? LogTransformedCheck.warning(counts) : null;
        return w == null ? java.util.List.of() : java.util.List.of(w);
    }

    private static int[] someGenes(HighlyVariableGenes.Result hvg) {
        int[] idx = hvg.selectedIndices();
        if (idx.length == 0) {
            throw new IllegalArgumentException("highly_variable_genes selected no gene; lower the cut-offs or set n_top_genes");
        }
        return idx;
    }

    /** The counts a pipeline starts from in a block of cells: its layer when the cells have it, else X. */
    private static ExpressionMatrix countsOf(AnnData cells, String layer) {
        ExpressionMatrix counts = layer == null ? null : cells.layers().get(layer);
        return counts == null ? cells.x() : counts;
    }

    /** Says how many genes the gene filter left out (by default those without counts in any cell), so that no gene goes unnoticed. */
    private static java.util.Optional<String> droppedGenesNote(int before, int after, PreprocessConfig cfg) {
        if (after == before) {
            return java.util.Optional.empty();
        }
        String rule = cfg.minCountsPerGene() > 0 ? "fewer than " + NumberOption.format(cfg.minCountsPerGene()) + " counts" + (cfg.minCellsPerGene() > 0
                ? " or detected in fewer than " + cfg.minCellsPerGene() + " cells" : "")
                : cfg.minCellsPerGene() == 1 ? "no counts in any cell" : "counts in fewer than " + cfg.minCellsPerGene() + " cells";
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%,d of %,d genes have %s and are left out (filter_genes); the"
                + " model uses the other %,d", before - after, before, rule, after));
    }

    private static AnnData filtered(AnnData raw, PreprocessConfig cfg) {
        if (cfg.normalizeTotal()) {
            MatrixChecks.requireCounts(raw.x(), "normalize_total", raw.cellNames(), raw.geneNames());
        }
        AnnData out = raw;
        if (cfg.minCountsPerCell() > 0 || cfg.minGenesPerCell() > 0) {
            out = QualityFilter.filterCells(out, cfg.minCountsPerCell(), cfg.minGenesPerCell());
        }
        if (cfg.minCellsPerGene() > 0 || cfg.minCountsPerGene() > 0) {
            out = QualityFilter.filterGenes(out, cfg.minCountsPerGene(), cfg.minCellsPerGene());
        }
        return out;
    }

    /** Applies the fitted pipeline to new data (genes aligned by name; no cell filtering). */
    public Applied apply(AnnData data) {
        AnnData raw = withCountsAsX(data, config);
        GeneAligner.Result aligned = GeneAligner.align(raw, inputGenes);
        GeneAligner.requireModelGenes(aligned.report(), selectedGenes);
        AnnData a = aligned.data();
        double[] totals = null;
        if (config.normalizeTotal()) {
            MatrixChecks.requireCounts(a.x(), "normalize_total", a.cellNames(), a.geneNames());
            totals = GeneStats.cellTotals(a.x())[0];
        }
        InputNotes notes = InputNotes.of(config, a.x(), totals, a.cellNames(), scaler == null ? null : scaler.minimums());
        return new Applied(transformAligned(a, normalizeAndLog(a.x(), config, targetSum)), aligned.report(), notes);
    }

    /**
     * Model-input values (what a Gaussian decoder returns: selected genes, scaled when the pipeline scales) back in
     * expression units, the units a user compares with real cells: the scaling undone (x * sd + mean), i.e.
     * log-normalised values after a pipeline with normalize_total + log1p, or the input's own units otherwise.
     * Values that were clipped in training cannot be told apart, so they come back at the clipped level.
     */
    public DenseMatrix toExpression(DenseMatrix modelUnits) {
        requireFeatures(modelUnits);
        return scaler == null ? modelUnits : scaler.invert(modelUnits);
    }

    /**
     * Expected counts over the selected genes (a count decoder's mean for each cell's library size) in the pipeline's
     * log-normalised units: log1p(count / library * share * target), with the library over the selected genes and the
     * median share of counts they hold ({@link #countShare}); the pipeline's own order, so that predicted and real cells
     * compare on one scale. Without normalisation in the pipeline the counts come back as they are (log1p when it logs).
     */
    public DenseMatrix countsToExpression(DenseMatrix expectedCounts) {
        requireFeatures(expectedCounts);
        int g = expectedCounts.nGenes();
        float[] v = expectedCounts.values();
        float[] out = new float[v.length];
        double share = countShare == null ? 1.0 : countShare;
        for (int i = 0; i < expectedCounts.nCells(); i++) {
            double lib = 0;
            for (int j = 0; j < g; j++) {
                lib += v[i * g + j];
            }
            double f = config.normalizeTotal() && lib > 0 ? share * targetSum / lib : 1.0;
            for (int j = 0; j < g; j++) {
                double x = v[i * g + j] * f;
                out[i * g + j] = (float) (config.log1p() ? Math.log1p(x) : x);
            }
        }
        return new DenseMatrix(expectedCounts.nCells(), g, out);
    }

    private void requireFeatures(DenseMatrix m) {
        if (m.nGenes() != selectedGenes.length) {
            throw new IllegalArgumentException("got " + m.nGenes() + " values per cell for a preprocessing of " + selectedGenes.length + " genes");
        }
    }

    /** Median over cells of the share of their counts on the selected genes (cells without counts left out). */
    private static Double countShare(ExpressionMatrix counts, int[] selected) {
        return medianShare(GeneStats.cellTotals(counts)[0], GeneStats.cellTotals(counts.selectGenes(selected))[0]);
    }

    /** Median over cells with counts of {@code selected[i] / all[i]}; 1 when no cell has counts. */
    private static double medianShare(double[] all, double[] selected) {
        double[] share = java.util.stream.IntStream.range(0, all.length).filter(i -> all[i] > 0).mapToDouble(i -> selected[i] / all[i]).toArray();
        return share.length == 0 ? 1.0 : GeneStats.median(share);
    }

    /** Number of model input genes. */
    public int nFeatures() {
        return selectedGenes.length;
    }

    private AnnData transformAligned(AnnData raw, ExpressionMatrix logData) {
        return transformAligned(raw, logData, null);
    }

    /** @param library each cell's counts over the selected genes when already summed, else null (summed here) */
    private AnnData transformAligned(AnnData raw, ExpressionMatrix logData, double[] library) {
        int[] idx = indicesOf(raw.geneNames(), selectedGenes);
        ExpressionMatrix x = logData.selectGenes(idx);
        if (scaler != null) {
            x = scaler.transform(x);
        }
        AnnData sub = raw.selectGenes(idx);
        // library size over the modelled genes: count likelihoods spread it over exactly these genes
        double[] libraries = library != null ? library : GeneStats.cellTotals(sub.x())[0];
        return new AnnData(x, sub.obs().withColumn("library_size", new NumericColumn(libraries)), sub.var(),
                raw.obsm(), Map.of("counts", sub.x()));
    }

    private static ExpressionMatrix normalizeAndLog(ExpressionMatrix m, PreprocessConfig cfg, Double target) {
        ExpressionMatrix x = m;
        if (cfg.normalizeTotal()) {
            x = NormalizeTotal.apply(x, target);
        }
        if (cfg.log1p()) {
            x = Log1p.apply(x);
        }
        return x;
    }

    private static AnnData withCountsAsX(AnnData data, PreprocessConfig cfg) {
        return data.withXAndVar(countsOf(data, cfg.countsLayer()), data.var());
    }

    private static int[] indicesOf(String[] all, String[] wanted) {
        Map<String, Integer> pos = new HashMap<>();
        for (int j = 0; j < all.length; j++) {
            pos.put(all[j], j);
        }
        return Arrays.stream(wanted).mapToInt(pos::get).toArray();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FittedPreprocessing fromJson(String json) throws IOException {
        return JSON.readValue(json, FittedPreprocessing.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedPreprocessing f && f.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }
}
