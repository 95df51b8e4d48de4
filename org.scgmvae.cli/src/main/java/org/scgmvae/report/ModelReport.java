package org.scgmvae.report;

import org.knowm.xchart.XYChart;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.CellSample;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.embed.Umap;
import org.scgmvae.core.eval.FlipScore;
import org.scgmvae.core.eval.LabelAgreement;
import org.scgmvae.core.eval.NeighbourVote;
import org.scgmvae.core.eval.Pca;
import org.scgmvae.core.io.h5ad.UnsColours;
import org.scgmvae.core.infer.CellGenerator;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.FlipSeen;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.model.GmvaeConfig;
import org.scgmvae.core.model.Provenance;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.task.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The report of a model on cells, the way biologists look at it: the embedding of z (and w) coloured by label, condition
 * and predicted component; the training curves; the confusion heatmap with {@code evaluate}'s figures; for a flip, scGen's
 * scatter of mean expression per cell type; generated cells next to real ones. PNG files and one {@code index.html} that
 * refers to them, in one folder that opens offline.
 */
public final class ModelReport {

    /** Cells drawn in an embedding at most (a seeded random subset beyond it), so that large data stay readable and fast. */
    public static final int MAX_EMBEDDED = 20_000;
    /** Real cells beside the generated ones at most. */
    static final int MAX_REAL_BESIDE_GENERATED = 5_000;
    private static final int PCS_OF_EXPRESSION = 50;

    /** How cells are placed in two dimensions. */
    public enum Embedding { UMAP, PCA }

    /**
     * What to show.
     *
     * @param data            name of the data (file), for the header
     * @param labelColumn     obs column of known labels (cell types); null: none (no confusion, no flip per type)
     * @param conditionColumn obs column of conditions; null: the model's own
     * @param flipTarget      condition the flip section predicts (null: no flip section); needs labels and a cGMVAE
     * @param flipFrom        condition flipped from (null: the model's other condition, when it has two)
     * @param flipTypes       cell types the flip section draws (null: every type with cells of both conditions)
     * @param flipMode        how the flip decodes
     * @param generate        cells per component and condition for the generation figure (0: no generation figure)
     * @param embedding       UMAP (default) or PCA
     * @param seed            seed of the embedding, the subsets and the generation
     * @param command         the command line that asked for the report, for the header (null: none)
     * @param source          the file the cells come from, whose {@code uns['<column>_colors']} colour the labels and conditions
     *                        as scanpy does (null: scanpy's default palette)
     */
    public record Request(String data, String labelColumn, String conditionColumn, String flipTarget, String flipFrom,
                          List<String> flipTypes, ConditionFlipper.Mode flipMode, int generate, Embedding embedding, long seed, String command,
                          Path source) {

        public Request {
            if (generate < 0) {
                throw new IllegalArgumentException("cells to generate per component must be >= 0, got " + generate);
            }
        }

        /** A report on the cells of {@code input}, whose {@code uns} colours the pictures take. */
        public static Request of(Path input) {
            return of(input.getFileName().toString()).withSource(input);
        }

        public Request withSource(Path input) {
            return new Request(data, labelColumn, conditionColumn, flipTarget, flipFrom, flipTypes, flipMode, generate, embedding, seed, command,
                    input);
        }

        public static Request of(String data) {
            return new Request(data, null, null, null, null, null, ConditionFlipper.DEFAULT_MODE, 0, Embedding.UMAP, 42, null, null);
        }

        public Request withLabels(String column) {
            return new Request(data, column, conditionColumn, flipTarget, flipFrom, flipTypes, flipMode, generate, embedding, seed, command, source);
        }

        public Request withCondition(String column) {
            return new Request(data, labelColumn, column, flipTarget, flipFrom, flipTypes, flipMode, generate, embedding, seed, command, source);
        }

        public Request withFlip(String from, String target, ConditionFlipper.Mode mode) {
            return new Request(data, labelColumn, conditionColumn, target, from, flipTypes, mode, generate, embedding, seed, command, source);
        }

        public Request withFlipTypes(List<String> types) {
            return new Request(data, labelColumn, conditionColumn, flipTarget, flipFrom, types == null ? null : List.copyOf(types), flipMode,
                    generate, embedding, seed, command, source);
        }

        public Request withGenerate(int cellsPerComponent) {
            return new Request(data, labelColumn, conditionColumn, flipTarget, flipFrom, flipTypes, flipMode, cellsPerComponent, embedding, seed, command, source);
        }

        public Request withEmbedding(Embedding e, long s) {
            return new Request(data, labelColumn, conditionColumn, flipTarget, flipFrom, flipTypes, flipMode, generate, e, s, command, source);
        }

        public Request withCommand(String c) {
            return new Request(data, labelColumn, conditionColumn, flipTarget, flipFrom, flipTypes, flipMode, generate, embedding, seed, c, source);
        }
    }

    /** The page, its images (in page order) and the figures' titles. */
    public record Written(Path page, List<Path> images, List<String> titles) {
    }

    static {
        // the CLI runs on servers without a display; every chart is drawn off screen (set before XChart touches AWT)
        System.setProperty("java.awt.headless", "true");
    }

    private ModelReport() {
    }

    public static Written write(TrainedModel model, AnnData cells, Request req, Path dir, Consumer<String> log, CancellationToken cancel)
            throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("report folder " + dir + " is a file; give a folder (it is created if missing)");
        }
        if (req.labelColumn() != null && !cells.obs().has(req.labelColumn())) {
            throw new IllegalArgumentException("no obs column '" + req.labelColumn() + "' for the labels; the cells have " + cells.obs().columnNames());
        }
        GmvaeConfig cfg = model.config();
        String condCol = req.conditionColumn() != null ? req.conditionColumn() : model.conditionColumn();
        String flipFrom = req.flipTarget() == null ? null : flipFrom(model, req); // refused before any work, not after the embeddings
        InferenceInput in = InferenceInput.prepare(model, cells, cfg.conditional() ? condCol : null, null);
        AnnData data = in.data();
        List<Figure> figures = new ArrayList<>();
        HtmlPage page = new HtmlPage("sc*GMVAE report: " + req.data());
        page.header(header(model, cells, in, req));

        log.accept("report: encoding " + data.nCells() + " cells");
        Predictor.WithLatents both = Predictor.predictWithLatents(model, in.input(), Progress.NONE);
        Predictor.Predictions pred = both.predictions();
        LatentEncoder.Latents lat = both.latents();
        int[] shown = CellSample.of(data.nCells(), MAX_EMBEDDED, req.seed());
        // categories in the file's order and colours, as scanpy's plots of the same file show them
        List<String> labelColours = UnsColours.of(req.source(), req.labelColumn()); // read once: the generated cells' figure uses them too
        EmbeddingChart.Annotation label = req.labelColumn() == null ? null : EmbeddingChart.Annotation.ofColumn(req.labelColumn(),
                data.obs().categorical(req.labelColumn()), shown, labelColours);
        EmbeddingChart.Annotation condition = cfg.conditional() && data.obs().has(condCol) ? EmbeddingChart.Annotation.ofColumn(condCol,
                data.obs().categorical(condCol), shown, UnsColours.of(req.source(), condCol)) : null;
        EmbeddingChart.Annotation component = components(model, pred.components(), shown, label);
        String sub = shown.length < data.nCells() ? String.format(Locale.ROOT, " (a random %,d of the %,d cells)", shown.length, data.nCells()) : "";

        page.section("Latent space", "Each point is a cell" + sub + ", placed by " + req.embedding() + " of its posterior mean z (the "
                + cfg.zDim() + "-dimensional code the mixture components live in) and of w (the " + cfg.wDim() + "-dimensional style).");
        cancel.check();
        log.accept("report: " + req.embedding() + " of z");
        DenseMatrix zxy = embed(lat.z().selectCells(shown), req, cancel);
        List<XYChart> zCharts = new ArrayList<>();
        String zAxis = req.embedding() + " of z";
        for (EmbeddingChart.Annotation a : Arrays.asList(label, condition, component)) {
            if (a != null) {
                zCharts.add(EmbeddingChart.chart("z coloured by " + a.name(), zAxis, zxy, a, null, 640, 500));
            }
        }
        figures.add(page(page, Figure.of("embedding_z.png", req.embedding() + " of z", "coloured by " + String.join(", ",
                zCharts.stream().map(c -> c.getTitle().replace("z coloured by ", "")).toList()), zCharts, 2, 640, 500)));

        cancel.check();
        DenseMatrix wxy = cfg.wDim() == 2 ? lat.w().selectCells(shown) : embed(lat.w().selectCells(shown), req, cancel);
        String wAxis = cfg.wDim() == 2 ? "w" : req.embedding() + " of w";
        List<XYChart> wCharts = new ArrayList<>();
        for (EmbeddingChart.Annotation a : Arrays.asList(condition, label != null ? label : component)) {
            if (a != null) {
                wCharts.add(EmbeddingChart.chart("w coloured by " + a.name(), wAxis, wxy, a, null, 640, 500));
            }
        }
        figures.add(page(page, Figure.of("embedding_w.png", cfg.wDim() == 2 ? "w (2-D, as it is)" : req.embedding() + " of w", "", wCharts, 2, 640, 500)));

        List<TrainedModel.EpochTerms> history = model.summary() == null ? null : model.summary().history();
        if (history == null || history.isEmpty()) {
            page.section("Training", "This model file holds no training history (files written before sc*GMVAE stored it); retrain to see the curves.");
        } else {
            int kept = model.summary().bestEpoch();
            page.section("Training", "Loss terms per cell, training and validation cells, for each of the " + history.size() + " epochs"
                    + (kept > 0 ? "; the dashed line marks epoch " + kept + ", whose parameters the model kept (the lowest validation"
                    + " loss, or training loss without validation cells, once the KL weight was fully on)." : ".") + guidedPhase(model));
            figures.add(page(page, Figure.of("training.png", "training curves", "", TrainingCurves.charts(history, kept, 440, 320), 3, 440, 320)));
        }

        if (label != null) {
            LabelAgreement agreement = LabelAgreement.of(pred.components(), data.obs().groups(req.labelColumn()));
            int cols = (int) Arrays.stream(agreement.table().counts()).filter(r -> Arrays.stream(r).sum() > 0).count();
            int w = Math.max(640, 260 + 56 * cols);
            int h = Math.max(420, 200 + 36 * agreement.labels().size());
            page.section("Components and known labels", "Rows: the known labels of '" + req.labelColumn() + "'; columns: the predicted "
                    + "components (named by the label of the model, or the majority label); each number is the share of the row's cells, in percent. "
                    + "Scored on all cells given here: where they include the training cells, the figures are not a held-out accuracy.");
            figures.add(page(page, Figure.of("confusion.png", ConfusionChart.title(agreement), recallCaption(agreement),
                    List.of(ConfusionChart.chart(agreement, model.componentLabels(), w, h)), 1, w, h)));
        }

        if (req.flipTarget() != null) {
            flips(model, cells, req, condCol, flipFrom, page, figures, log, cancel);
        }
        if (req.generate() > 0) {
            cancel.check();
            String each = cfg.conditional() ? "per component and condition" : "per component";
            int real = Math.min(data.nCells(), MAX_REAL_BESIDE_GENERATED);
            log.accept("report: generating " + req.generate() + " cells " + each);
            figures.add(page(page.section("Generated cells", "Generated cells (" + req.generate() + " " + each + ", "
                    + "w from the component's training cells, z its mean: each component's cells vary only as its w does, so they"
                    + " lie on thin curves rather than in clouds) and real cells (" + (real < data.nCells() ? String.format(Locale.ROOT,
                    "a random %,d of the %,d", real, data.nCells()) : "all " + real) + "), placed together by " + req.embedding()
                    + " of the first " + PCS_OF_EXPRESSION + " principal components of the real cells' expression."),
                    generation(model, in, pred, req, condCol, labelColours, cancel)));
        }

        Files.createDirectories(dir);
        List<Path> images = new ArrayList<>();
        for (Figure f : figures) {
            Path p = dir.resolve(f.file());
            Files.write(p, f.png());
            images.add(p);
        }
        Path html = dir.resolve("index.html");
        Files.write(html, page.bytes());
        return new Written(html, images, figures.stream().map(Figure::title).toList());
    }

    private static Figure page(HtmlPage page, Figure f) {
        page.figure(f);
        return f;
    }

    /** The condition the flip section flips from, after checking that the model and options allow the section at all. */
    private static String flipFrom(TrainedModel model, Request req) {
        if (!model.config().conditional()) {
            throw new IllegalArgumentException("the flip section needs a cGMVAE; this model has no conditions");
        }
        if (req.labelColumn() == null) {
            throw new IllegalArgumentException("the flip section is drawn per cell type: give the obs column of the types (--labels)");
        }
        List<String> conds = model.conditionNames();
        if (!conds.contains(req.flipTarget())) {
            throw new IllegalArgumentException("cannot flip to '" + req.flipTarget() + "': the model's conditions are " + conds);
        }
        if (req.flipMode() == ConditionFlipper.Mode.DELTA && model.shifts() == null) {
            throw new IllegalArgumentException(ConditionFlipper.NO_SHIFTS);
        }
        if (req.flipFrom() != null) {
            if (!conds.contains(req.flipFrom())) {
                throw new IllegalArgumentException("cannot flip from '" + req.flipFrom() + "': the model's conditions are " + conds);
            }
            if (req.flipFrom().equals(req.flipTarget())) {
                throw new IllegalArgumentException("the flip section flips from one condition to another; both are '" + req.flipTarget() + "'");
            }
            return req.flipFrom();
        }
        List<String> others = conds.stream().filter(c -> !c.equals(req.flipTarget())).toList();
        if (others.size() != 1) {
            throw new IllegalArgumentException("the model has " + conds.size() + " conditions; say which one to flip from");
        }
        return others.get(0);
    }

    private static void flips(TrainedModel model, AnnData cells, Request req, String condCol, String from, HtmlPage page,
                              List<Figure> figures, Consumer<String> log, CancellationToken cancel) {
        CategoricalColumn types = cells.obs().groups(req.labelColumn());
        CategoricalColumn cond = cells.obs().categorical(condCol);
        page.section("Perturbation prediction", "Per cell type: its '" + from + "' cells decoded under '" + req.flipTarget() + "' ("
                + req.flipMode() + "), the mean expression of each gene against the real '" + req.flipTarget() + "' cells of the type (left), "
                + "and the real '" + from + "' cells against them (right: what 'no change' would predict). Red: the top-" + FlipScore.TOP_DEGS
                + " DEGs (Wilcoxon, real '" + req.flipTarget() + "' vs '" + from + "'), the strongest " + FlipCharts.NAMED_DEGS + " named."
                + (model.shifts() == null || model.labelNames().isEmpty() ? " Where the real cells include the model's training cells,"
                        + " the figures measure a fit, not a held-out prediction." : " Only a type the model never saw under '"
                        + req.flipTarget() + "' in training (marked held out) tests a prediction; for the others (marked in training)"
                        + " the real cells may be ones the model was fitted to."));
        int drawn = 0;
        if (req.flipTypes() != null) {
            for (String t : req.flipTypes()) {
                if (!types.categories().contains(t)) {
                    throw new IllegalArgumentException("no cell type '" + t + "' in '" + req.labelColumn() + "'; the types are " + types.categories());
                }
            }
        }
        for (String type : req.flipTypes() != null ? req.flipTypes() : types.categories()) {
            int ctrl = 0;
            int stim = 0;
            for (int i = 0; i < cells.nCells(); i++) {
                if (type.equals(types.stringValue(i))) {
                    ctrl += from.equals(cond.stringValue(i)) ? 1 : 0;
                    stim += req.flipTarget().equals(cond.stringValue(i)) ? 1 : 0;
                }
            }
            if (ctrl < 2 || stim < 2) {
                continue; // a mean of one cell says nothing; such types are listed below
            }
            cancel.check();
            log.accept("report: flipping " + type);
            FlipScore.Evaluation e = FlipScore.evaluate(model, cells, req.labelColumn(), condCol, type, from, req.flipTarget(), req.flipMode());
            FlipSeen seen = FlipSeen.of(model, type, from, req.flipTarget());
            String mark = seen == null ? "" : seen.heldOut() ? " (held out)" : " (in training)";
            String said = seen == null ? "" : seen.describe(req.flipMode());
            String caption = said.isEmpty() ? "" : Character.toUpperCase(said.charAt(0)) + said.substring(1) + ".";
            figures.add(page(page, Figure.of("flip_" + safe(type) + ".png", FlipCharts.title(type + mark + " predicted", e.score().all(),
                            e.score().degs()) + "; no change " + String.format(Locale.ROOT, "%.4f / %.4f", e.score().noChangeAll(),
                            e.score().noChangeDegs()), caption, FlipCharts.charts(e, mark, from, req.flipTarget(), 600, 500), 2, 600, 500)));
            drawn++;
        }
        if (drawn == 0) {
            page.section("", "No cell type has at least 2 '" + from + "' and 2 '" + req.flipTarget() + "' cells here, so no flip is drawn.");
        }
    }

    private static Figure generation(TrainedModel model, InferenceInput in, Predictor.Predictions pred, Request req, String condCol,
                                     List<String> labelColours,
                                     CancellationToken cancel) {
        AnnData gen = CellGenerator.generate(model, req.generate(), false, req.seed(), OutputUnits.EXPRESSION, CellGenerator.StyleSource.CELLS);
        int[] realRows = CellSample.of(in.data().nCells(), MAX_REAL_BESIDE_GENERATED, req.seed());
        DenseMatrix real = OutputUnits.realExpression(model, in.data()).selectCells(realRows);
        Pca.Axes axes = Pca.fit(real, Math.min(PCS_OF_EXPRESSION, Math.min(real.nCells(), real.nGenes())));
        DenseMatrix rp = axes.project(real);
        DenseMatrix gp = axes.project(gen.x());
        int d = rp.nGenes();
        float[] joint = new float[(rp.nCells() + gp.nCells()) * d];
        System.arraycopy(rp.values(), 0, joint, 0, rp.values().length);
        System.arraycopy(gp.values(), 0, joint, rp.values().length, gp.values().length);
        DenseMatrix xy = embed(new DenseMatrix(rp.nCells() + gp.nCells(), d, joint), req, cancel);
        DenseMatrix realXy = xy.selectCells(IntStream.range(0, rp.nCells()).toArray());
        DenseMatrix genXy = xy.selectCells(IntStream.range(rp.nCells(), xy.nCells()).toArray());
        // colours: the real cells' known label (else the model's predicted label), the generated cells' component label
        String[] realColour;
        String colourName;
        if (req.labelColumn() != null) {
            realColour = values(in.data().obs().categorical(req.labelColumn()), realRows);
            colourName = req.labelColumn();
        } else {
            realColour = IntStream.of(realRows).mapToObj(i -> pred.labels()[i]).toArray(String[]::new);
            colourName = "predicted label";
        }
        CategoricalColumn genLabel = gen.obs().categorical("label");
        double[] genComp = ((org.scgmvae.core.data.NumericColumn) gen.obs().column("component")).values();
        String[] genColour = IntStream.range(0, gen.nCells())
                .mapToObj(i -> genLabel.stringValue(i) != null ? genLabel.stringValue(i) : "component " + (int) genComp[i]).toArray(String[]::new);
        // one legend for both panels: the known labels in their column's order and colours (as the latent-space figure shows
        // them), then any other name in alphabetical order
        List<String> colours = new ArrayList<>();
        List<java.awt.Color> palette = new ArrayList<>();
        if (req.labelColumn() != null) {
            CategoricalColumn known = in.data().obs().categorical(req.labelColumn());
            colours.addAll(known.categories());
            palette.addAll(Palette.of(labelColours, known.categories().size()));
        }
        TreeSet<String> others = new TreeSet<>();
        Arrays.stream(realColour).filter(v -> v != null).forEach(others::add);
        Arrays.stream(genColour).forEach(others::add);
        others.removeAll(colours);
        int all = colours.size() + others.size();
        for (String o : others) {
            colours.add(o);
            palette.add(Palette.of(colours.size() - 1, all));
        }
        EmbeddingChart.Annotation realShape = null;
        EmbeddingChart.Annotation genShape = null;
        if (model.config().conditional()) {
            realShape = new EmbeddingChart.Annotation(condCol, values(in.data().obs().categorical(condCol), realRows), model.conditionNames());
            genShape = new EmbeddingChart.Annotation("condition", values(gen.obs().categorical("condition"), null), model.conditionNames());
        }
        String axis = req.embedding() + " of expression";
        XYChart a = EmbeddingChart.chart("real cells (" + realRows.length + ")", axis, realXy, new EmbeddingChart.Annotation(colourName, realColour,
                colours, palette), realShape, 640, 520);
        XYChart b = EmbeddingChart.chart("generated cells (" + gen.nCells() + ")", axis, genXy, new EmbeddingChart.Annotation("label", genColour,
                colours, palette), genShape, 640, 520);
        sameAxes(xy, a, b);
        String caption = model.config().conditional() ? "colour: cell type; shape: condition" : "colour: cell type";
        if (req.labelColumn() != null) {
            double named = NeighbourVote.shareNamed(rp, realColour, gp, genColour, NAMING_NEIGHBOURS);
            caption += String.format(Locale.ROOT, "; a %d-NN classifier on the real cells' %d principal components names %.1f%% of the generated "
                    + "cells their intended type", NAMING_NEIGHBOURS, rp.nGenes(), 100 * named);
        }
        return Figure.of("generated.png", "generated cells next to real cells", caption, List.of(a, b), 2, 640, 520);
    }

    /** Neighbours of the classifier that names generated cells by the real cells around them. */
    static final int NAMING_NEIGHBOURS = 15;

    private static void sameAxes(DenseMatrix xy, XYChart... charts) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < xy.nCells(); i++) {
            for (int c = 0; c < 2; c++) {
                lo[c] = Math.min(lo[c], xy.get(i, c));
                hi[c] = Math.max(hi[c], xy.get(i, c));
            }
        }
        for (XYChart ch : charts) {
            double px = 0.03 * (hi[0] - lo[0]);
            double py = 0.03 * (hi[1] - lo[1]);
            ch.getStyler().setXAxisMin(lo[0] - px).setXAxisMax(hi[0] + px).setYAxisMin(lo[1] - py).setYAxisMax(hi[1] + py);
        }
    }

    private static DenseMatrix embed(DenseMatrix points, Request req, CancellationToken cancel) {
        if (req.embedding() == Embedding.PCA || points.nCells() < 3) {
            DenseMatrix pc = Pca.scores(points, 2);
            if (pc.nGenes() == 2) {
                return pc;
            }
            float[] xy = new float[2 * points.nCells()]; // one dimension: the second coordinate stays 0
            for (int i = 0; i < points.nCells(); i++) {
                xy[2 * i] = pc.nGenes() > 0 ? pc.get(i, 0) : 0;
            }
            return new DenseMatrix(points.nCells(), 2, xy);
        }
        return Umap.defaults().withSeed(req.seed()).embed(points, cancel);
    }

    /**
     * For a guided model, which epochs were its guided phase: there the classification loss and accuracy measure agreement
     * with the guiding clusters (Leiden's by default), not with cell types. Empty otherwise.
     */
    static String guidedPhase(TrainedModel model) {
        if (model.summary() == null || !"GUIDED".equals(model.summary().mode()) || model.summary().provenance() == null) {
            return "";
        }
        Object column = model.summary().provenance().settings().get("guidedLabelColumn");
        long guided = model.summary().history().stream().takeWhile(e -> !Double.isNaN(e.validationAccuracy())).count();
        if (column == null || guided == 0) {
            return "";
        }
        return " Epochs 1-" + guided + " were the guided phase, supervised on '" + column + "'" + ("leiden".equals(column)
                ? " (Leiden's clusters of the cells, not cell types)" : "") + ": the classification loss and the accuracy measure"
                + " agreement with those clusters, and end with it; the unsupervised phase follows.";
    }

    private static String[] values(CategoricalColumn c, int[] rows) {
        int n = rows == null ? c.size() : rows.length;
        return IntStream.range(0, n).mapToObj(i -> c.stringValue(rows == null ? i : rows[i])).toArray(String[]::new);
    }

    /** The predicted components; one named after a type of {@code label} takes that type's colour where each names its own type. */
    private static EmbeddingChart.Annotation components(TrainedModel model, int[] comp, int[] rows, EmbeddingChart.Annotation label) {
        int k = model.config().nComponents();
        String[] names = new String[k];
        for (int c = 0; c < k; c++) {
            String l = model.labelOfComponent(c);
            names[c] = l == null ? Integer.toString(c) : c + " " + l;
        }
        String[] v = IntStream.of(rows).mapToObj(i -> names[comp[i]]).toArray(String[]::new);
        boolean[] seen = new boolean[k];
        IntStream.of(rows).forEach(i -> seen[comp[i]] = true);
        List<String> used = IntStream.range(0, k).filter(c -> seen[c]).mapToObj(c -> names[c]).toList();
        EmbeddingChart.Annotation a = new EmbeddingChart.Annotation("predicted component", v, used);
        if (label == null) {
            return a;
        }
        List<String> types = IntStream.range(0, k).filter(c -> seen[c]).mapToObj(model::labelOfComponent).toList();
        return a.withColours(EmbeddingChart.coloursOfTypes(types, label));
    }

    private static String recallCaption(LabelAgreement a) {
        StringBuilder sb = new StringBuilder("recall per label: ");
        for (int l = 0; l < a.labels().size(); l++) {
            sb.append(l == 0 ? "" : ", ").append(a.labels().get(l)).append(String.format(Locale.ROOT, " %.4f", a.recall()[l]));
        }
        return sb.append(" (").append(a.table().total()).append(" cells with a label)").toString();
    }

    private static Map<String, String> header(TrainedModel model, AnnData cells, InferenceInput in, Request req) {
        GmvaeConfig c = model.config();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("data", req.data());
        h.put("cells x genes", String.format(Locale.ROOT, "%,d cells x %,d genes (the model uses %,d)", cells.nCells(), cells.nGenes(), c.nFeatures()));
        if (in.alignment() != null && !in.alignment().isExact()) {
            h.put("genes", in.alignment().summary());
        }
        TrainedModel.TrainingSummary s = model.summary();
        h.put("model", String.format(Locale.ROOT, "%s, K = %d components, z %d-D, w %d-D, %s likelihood%s",
                c.conditional() ? "cGMVAE (conditions " + model.conditionNames() + ")" : "GMVAE", c.nComponents(), c.zDim(), c.wDim(),
                c.likelihood(), model.labelColumn() == null ? "" : ", labels from '" + model.labelColumn() + "'"));
        if (s != null) {
            h.put("training", String.format(Locale.ROOT, "%s, %d epochs, seed %d", s.mode(), s.epochs(), s.seed()));
            h.put("settings", s.trainingConfig());
            Provenance pv = s.provenance();
            h.put("provenance", pv == null ? "not stored (a model file from before provenance was recorded)"
                    : String.format(Locale.ROOT, "trained %s by %s on %,d cells x %,d genes (gene list SHA-256 %s...), on %s", pv.trainedAt(),
                    pv.library(), pv.cells(), pv.genes(), pv.genesSha256().substring(0, 12), pv.compute()));
        }
        h.put("report", req.embedding() + ", seed " + req.seed());
        if (req.command() != null) {
            h.put("command", req.command());
        }
        String v = ModelReport.class.getPackage().getImplementationVersion();
        h.put("version", "sc*GMVAE " + (v == null ? "(development build)" : v));
        return h;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
