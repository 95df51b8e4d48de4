package org.scgmvae.core.train;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.eval.ClusteringMetrics;
import org.scgmvae.core.eval.ContingencyTable;
import org.scgmvae.core.eval.LeidenClustering;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.io.MatrixChecks;
import org.scgmvae.core.model.CategoryCodes;
import org.scgmvae.core.model.ComponentStyles;
import org.scgmvae.core.model.ConditionShift;
import org.scgmvae.core.model.GmvaeConfig;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.GmvaeParameters;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.model.Provenance;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.nn.BlasInfo;
import org.scgmvae.core.nn.Nd4jLoader;
import org.scgmvae.core.preprocess.DataSplit;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.GeneStats;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.task.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The whole training job behind the CLI and the KNIME learners: fit preprocessing, encode labels
 * and conditions, build and train the network (optionally guided: supervised on another
 * clusterer's labels first, then unsupervised), and name the components.
 */
public final class ModelTrainer {

    /**
     * Guided-training column name that, when absent from obs, is computed: Leiden clusters on the
     * preprocessed cells ({@link LeidenClustering#defaults()}), as the thesis' Louvain guidance. With a
     * number of components K set, the resolution is chosen so that Leiden finds K clusters (every component
     * is pre-trained; on MNIST, K=10 this way gave 0.962 test accuracy after 10+10 epochs, 0.971 after 10+100,
     * see BENCHMARKS.md), or where no resolution gives exactly K, the closest number below K (the remaining
     * components start untrained);
     * with K unset, K is the number of clusters at resolution 1. Above {@link TrainingRequest#guideCells()} cells a seeded
     * sample of that many is clustered, the other cells unlabelled ({@link LeidenGuide}).
     */
    public static final String LEIDEN = "leiden";

    private ModelTrainer() {
    }

    /**
     * A trained model with its training history.
     *
     * @param componentsUsed how many components win at least one training cell (fewer than K = some collapsed)
     * @param keptRestart    which of the restarts was kept (0-based; 0 without restarts): its history is {@code result}'s
     */
    public record Outcome(TrainedModel model, Trainer.Result result, TrainingMode mode, AnnData trainingData,
                          double evaluationAccuracy, int componentsUsed, int keptRestart) {

        /** What was trained, as the user asked for it: GUIDED for guided runs, else the label mode. */
        public String modeName() {
            return model.summary().mode();
        }
    }

    /** Share of the cells below which a component counts as unused in the collapse warning. */
    static final double UNUSED_SHARE = 0.002;

    public static Outcome train(TrainingRequest req, TrainingListener listener, CancellationToken cancel) {
        return train(req, listener, cancel, EpochEngine.Choice.LOCAL);
    }

    /**
     * As {@link #train(TrainingRequest, TrainingListener, CancellationToken)} with the training steps run by the chosen
     * engine (e.g. data-parallel on Spark workers); everything else (preprocessing, codes, the final encoding and naming)
     * runs here.
     */
    public static Outcome train(TrainingRequest req, TrainingListener listener, CancellationToken cancel, EpochEngine.Choice engines) {
        Nd4jLoader.useLibraryClassLoader();
        AnnData data = req.data();
        // Fail on a misspelt column before minutes of preprocessing, not after.
        for (String col : new String[] {req.labelColumn(), req.conditionColumn(), req.evaluationColumn(), req.guidedLabelColumn()}) {
            if (col != null && !(col.equals(LEIDEN) && col.equals(req.guidedLabelColumn()))) {
                data.obs().column(col);
            }
        }
        // the steps before the first epoch: their messages and cancellation, the progress bar still at 0
        Progress setup = Progress.of((f, m) -> listener.onProgress(0, m), cancel);
        FittedPreprocessing pre = null;
        if (req.preprocess() != null) {
            FittedPreprocessing.Fit fit = engines.fitPreprocessing(data, req.preprocess(), setup);
            pre = fit.preprocessing();
            data = fit.transformed();
            fit.warnings().forEach(listener::onWarning);
        }
        cancel.check();
        if (data.nGenes() < FEW_FEATURES) {
            listener.onWarning("the model sees only " + data.nGenes() + " feature" + (data.nGenes() == 1 ? "" : "s") + (pre != null
                    && req.preprocess().normalizeTotal() && data.nGenes() == 1 ? " (after normalize_total every cell that has counts holds"
                    + " the same value of it)" : "") + ": too few to tell cell types apart; give it the cells' genes");
        }
        requireFinite(data);
        String hint = LikelihoodHints.check(req.architecture().likelihood(), data);
        if (hint != null) {
            listener.onWarning(hint);
        }
        List<String> labelNames = List.of();
        int[] labels = null;
        if (req.labelColumn() != null) {
            CategoricalColumn lab = groups(data, req.labelColumn(), "label", listener::onWarning);
            labelNames = CategoryCodes.observedIn(lab).names();
            if (labelNames.size() == 1) {
                throw new IllegalArgumentException("label column '" + req.labelColumn() + "' holds one category ('" + labelNames.get(0)
                        + "') in every labelled cell: there is nothing to tell apart. Label at least two types, or train without"
                        + " labels");
            }
            labels = new CategoryCodes(labelNames).encode(lab);
        }
        List<String> conditionNames = List.of();
        int[] conditions = null;
        if (req.conditionColumn() != null) {
            CategoricalColumn cond = groups(data, req.conditionColumn(), "condition", listener::onWarning);
            int[] missing = IntStream.range(0, cond.size()).filter(cond::isMissing).toArray();
            if (missing.length > 0) {
                throw new IllegalArgumentException((missing.length == 1 ? "cell '" + data.cellNames()[missing[0]] + "' has"
                        : missing.length + " cells (the first '" + data.cellNames()[missing[0]] + "') have") + " no value in condition column '"
                        + req.conditionColumn() + "'; every cell needs a condition");
            }
            conditionNames = CategoryCodes.observedIn(cond).names();
            if (conditionNames.size() < 2) {
                throw new IllegalArgumentException("condition column '" + req.conditionColumn() + "' has only "
                        + conditionNames + "; a conditional model needs at least two conditions");
            }
            conditions = new CategoryCodes(conditionNames).encode(cond);
            int[] perCondition = cond.counts();
            for (int c = 0; c < perCondition.length; c++) {
                if (perCondition[c] > 0 && perCondition[c] < FEW_CELLS_PER_CONDITION) {
                    listener.onWarning("condition '" + cond.categories().get(c) + "' has only " + perCondition[c] + " cell"
                            + (perCondition[c] == 1 ? "" : "s") + ": what the model learns of it, and a flip to it, rests on "
                            + (perCondition[c] == 1 ? "that cell" : "those cells"));
                }
            }
        }
        if (req.architecture().components() > data.nCells()) {
            throw tooManyComponents(req.architecture().components(), data.nCells()); // before Leiden is asked for that many clusters
        }
        int[] guided = null;
        List<String> guidedNames = List.of();
        if (req.guidedLabelColumn() != null && req.labelColumn() != null) {
            // phase 1 would train component k as cluster k, phase 2 as label k: the pre-training would be scrambled
            throw new IllegalArgumentException("guided training ('" + req.guidedLabelColumn() + "') and training labels ('"
                    + req.labelColumn() + "') cannot be combined; use one of them (or --evaluate for known labels)");
        }
        boolean guidanceFellBack = false;
        if (req.guidedLabelColumn() != null) {
            // the default route computes its own clusters even where obs has a 'leiden' column (e.g. from 'scgmvae leiden')
            if (req.guidedLabelColumn().equals(LEIDEN) && (!data.obs().has(LEIDEN) || req.guidanceByDefault())) {
                int k = req.architecture().components();
                boolean sampled = data.nCells() > req.guideCells();
                LeidenGuide.requireRoomFor(k, data.nCells(), req.guideCells());
                listener.onProgress(0, "Leiden clustering for guided training" + (k > 0 ? " (" + k + " clusters)" : "")
                        + (sampled ? " on a sample of " + req.guideCells() + " of " + data.nCells() + " cells" : ""));
                if (sampled) {
                    listener.onNote("Leiden's guide is a seeded sample of " + req.guideCells() + " of the " + data.nCells() + " cells (the"
                            + " guide-cells setting); the others train unlabelled in the guided phase, whose validation accuracy is"
                            + " measured on the sampled cells");
                }
                int[] clusters = LeidenGuide.clusters(data.x(), k, req.guideCells(), req.training().seed(), setup);
                int found = LeidenClustering.count(clusters);
                if (k > 0 && found > k && req.guidanceByDefault()) {
                    // the default route cannot apply: train as asked for, unguided, and say why
                    listener.onWarning("even at the lowest resolution Leiden finds " + found + " clusters, more than the " + k
                            + " components: training without Leiden guidance (ask for at least " + found + " components to have it)");
                    guidanceFellBack = true;
                } else if (k > 0 && found > k) {
                    throw new IllegalArgumentException("even at the lowest resolution Leiden finds " + found + " clusters (groups of cells"
                            + " without kNN neighbours in common are never merged), more than the " + k + " components requested;"
                            + " ask for at least " + found + " components (or 0: one per Leiden cluster)");
                }
                if (k > 0 && found < k) {
                    listener.onProgress(0, "Leiden reached " + found + " clusters, not " + k + ": " + (k - found)
                            + " components start without pre-training");
                }
                if (!guidanceFellBack) {
                    data = data.withObs(data.obs().withColumn(LEIDEN, LeidenClustering.columnInOrderOfAppearance(clusters)));
                }
            }
            if (!guidanceFellBack && data.obs().has(req.guidedLabelColumn())) { // not a 'leiden' column of the file after a fallback
                CategoricalColumn g = groups(data, req.guidedLabelColumn(), "guidance", listener::onWarning);
                guidedNames = CategoryCodes.observedIn(g).names();
                guided = new CategoryCodes(guidedNames).encode(g);
            }
        }
        int nLabels = Math.max(labelNames.size(), guidedNames.size());
        GmvaeConfig cfg = req.architecture().toConfig(data.nGenes(), conditionNames.size(), nLabels);
        if (cfg.nComponents() > data.nCells()) {
            // more components than cells cannot all hold a cell, and the prior network's size grows with K
            throw tooManyComponents(cfg.nComponents(), data.nCells());
        }
        ModelInput input = ModelInput.of(data, conditions, conditionNames.size(), labels, cfg);
        TrainingMode mode = TrainingMode.of(labels);
        if (labels != null && mode == TrainingMode.UNSUPERVISED) {
            listener.onWarning("label column '" + req.labelColumn() + "' has no value in any cell: training is unsupervised");
        }
        int restarts = req.training().restarts();
        ModelInput guidedInput = guided == null ? null : input.withLabels(guided);
        GmvaeModule net = null;
        Trainer.Result result = null;
        long seed = req.training().seed();
        DataSplit split = null; // the first run's, so that every restart is judged on the same validation cells
        double bestLoss = Double.POSITIVE_INFINITY;
        int kept = 0;
        String divergence = null;
        for (int r = 0; r < restarts; r++) {
            TrainingConfig tc = req.training().withSeed(req.training().seed() + r);
            TrainingListener l = restarts == 1 ? listener : scaled(listener, (double) r / restarts, 1.0 / restarts);
            GmvaeModule candidate = new GmvaeModule(cfg, GmvaeParameters.initialise(cfg, tc.seed()));
            Trainer.Result run;
            try {
                run = trainOnce(candidate, input, tc, guidedInput, req, split, l, cancel, engines.with(pre));
            } catch (TrainingDivergedException e) {
                if (restarts == 1) {
                    throw e;
                }
                // one diverging restart does not discard the others
                divergence = e.getMessage();
                listener.onWarning("restart " + (r + 1) + "/" + restarts + " (seed " + tc.seed() + ") diverged and is left out: " + e.getMessage());
                listener.onRestartFinished(r, restarts, tc.seed(), Double.POSITIVE_INFINITY);
                continue;
            }
            split = run.split();
            // all restarts are compared by the same figure: validation loss when there are validation cells (non-finite = worst)
            double loss = selectionLoss(run, split.validation().length > 0);
            if (restarts > 1) {
                listener.onRestartFinished(r, restarts, tc.seed(), loss);
            }
            if (result == null || loss < bestLoss) {
                net = candidate;
                result = run;
                seed = tc.seed();
                bestLoss = loss;
                kept = r;
            }
        }
        if (result == null) {
            throw new TrainingDivergedException("all " + restarts + " restarts diverged; the last: " + divergence);
        }
        double refLibrary = input.librarySize() == null ? 0 : GeneStats.median(input.librarySize());
        TrainedModel model = new TrainedModel(net, labelNames, new ArrayList<>(labelNames), conditionNames, pre,
                req.labelColumn(), req.conditionColumn(), refLibrary,
                new TrainedModel.TrainingSummary(guided != null ? "GUIDED" : mode.name(), result.history().size(),
                        result.best().trainLoss(), result.best().validationLoss(), result.best().validationAccuracy(),
                        seed, req.training().toString(), result.history().stream()
                        .map(r -> new TrainedModel.EpochTerms(r.epoch(), r.train(), r.validation(), r.validationAccuracy())).toList(),
                        provenance(req, seed, guided != null), result.bestEpoch()), null, null);
        EpochEngine.Encoded last = engines.encodeAll(model, input, Progress.cancelledBy(cancel)); // one pass over the cells
        int[] predicted = last.components();
        LatentEncoder.Latents latents = last.latents();
        model = model.withStyles(ComponentStyles.fit(latents.w().values(), cfg.wDim(), predicted, cfg.nComponents()));
        if (conditions != null) {
            model = model.withShifts(ConditionShift.fit(latents.z().values(), cfg.zDim(), knownOrPredicted(labels, predicted),
                    cfg.nComponents(), conditions, conditionNames.size()));
        }
        int used = componentsUsed(predicted, cfg.nComponents(), UNUSED_SHARE);
        if (used < cfg.nComponents() && labels == null) {
            listener.onWarning(used + " of " + cfg.nComponents() + " components hold cells (at least " + UNUSED_SHARE * 100
                    + "% of them): the others collapsed. If cell types share components, try " + (guided != null ? ""
                    : "Leiden guidance (the default without labels), ") + "a component balance of 0.5 or restarts; fewer components"
                    + " give the same result with less to train");
        }
        double evalAcc = Double.NaN;
        String evalColumn = req.evaluationColumn() != null ? req.evaluationColumn() : req.labelColumn();
        CategoricalColumn truthCol = evalColumn == null ? null
                : groups(data, evalColumn, "evaluation", evalColumn.equals(req.labelColumn()) ? m -> { } : listener::onWarning);
        if (truthCol != null && hasAnyValue(truthCol)) {
            // Name every component by the majority label of the cells it wins (supervised components keep their label).
            List<String> truthNames = CategoryCodes.observedIn(truthCol).names();
            int[] truth = new CategoryCodes(truthNames).encode(truthCol);
            int[] mapping = ClusteringMetrics.majorityMapping(new ContingencyTable(predicted, truth));
            List<String> compLabels = new ArrayList<>();
            for (int k = 0; k < cfg.nComponents(); k++) {
                if (k < labelNames.size()) {
                    compLabels.add(labelNames.get(k));
                } else {
                    compLabels.add(k < mapping.length && mapping[k] >= 0 ? truthNames.get(mapping[k]) : null);
                }
            }
            model = model.withComponentLabels(compLabels);
            evalAcc = ClusteringMetrics.majorityAccuracy(predicted, truth);
        }
        return new Outcome(model, result, mode, data, evalAcc, used, kept);
    }

    private static IllegalArgumentException tooManyComponents(int k, int cells) {
        return new IllegalArgumentException(k + " components for " + cells + " cells: ask for at most one "
                + "component per cell (components), usually far fewer than the cells");
    }

    /**
     * One training run of {@code net}: with {@code guidedInput} (the input labelled by the guiding clusters) first supervised
     * on it, then unsupervised on {@code input}; {@code split} null draws the validation cells.
     */
    private static Trainer.Result trainOnce(GmvaeModule net, ModelInput input, TrainingConfig tc, ModelInput guidedInput,
                                            TrainingRequest req, DataSplit split, TrainingListener l, CancellationToken cancel,
                                            EpochEngine.Factory engines) {
        if (guidedInput == null) {
            return new Trainer(tc, l, cancel, engines).train(net, input, split);
        }
        l.onProgress(0, "guided phase: supervised on '" + req.guidedLabelColumn() + "'");
        Trainer.Result first = new Trainer(tc.withEpochs(Math.max(1, req.guidedEpochs())), scaled(l, 0, 0.5, 0, "guided phase"), cancel, engines)
                .train(net, guidedInput, split);
        // one history for both phases (the console, the CLI's --history, the model file, the report and the learner nodes' table
        // alike): the guided epochs first, the unsupervised ones numbered on from there
        int off = first.history().size();
        l.onProgress(0.5, "unsupervised phase from epoch " + (off + 1));
        Trainer.Result second = new Trainer(tc.withWarmup(0), scaled(l, 0.5, 0.5, off, "unsupervised phase"), cancel, engines)
                .train(net, input, first.split());
        List<EpochReport> both = new ArrayList<>(first.history());
        second.history().forEach(r -> both.add(renumbered(r, off)));
        return new Trainer.Result(both, second.bestEpoch() + off, second.split(), off + " guided epochs, then " + second.stopReason());
    }

    /** What restarts are compared by: the best epoch's validation loss, or its training loss without validation cells. */
    private static double selectionLoss(Trainer.Result r, boolean byValidation) {
        double loss = byValidation ? r.best().validationLoss() : r.best().trainLoss();
        return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
    }

    /** NaN/Inf in the model input would silently poison every parameter: name the first one instead. */
    private static void requireFinite(AnnData data) {
        try {
            MatrixChecks.requireFinite(data.x(), null, "training input", data.cellNames(), data.geneNames());
        } catch (org.scgmvae.core.io.DataFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static TrainingListener scaled(TrainingListener l, double offset, double span) {
        return scaled(l, offset, span, 0, "");
    }

    /**
     * As above for a phase of guided training: the epochs of its reports numbered on from {@code epochsBefore}, and its
     * progress messages (which count the phase's own epochs) named by {@code phase}.
     */
    private static TrainingListener scaled(TrainingListener l, double offset, double span, int epochsBefore, String phase) {
        return new TrainingListener() {
            @Override
            public void onProgress(double fraction, String message) {
                l.onProgress(offset + span * fraction, phase.isEmpty() || message == null ? message : phase + ", " + message);
            }

            @Override
            public void onEpoch(EpochReport report) {
                l.onEpoch(renumbered(report, epochsBefore));
            }

            @Override
            public void onRecovery(int epoch, String reason) {
                l.onRecovery(epoch + epochsBefore, reason);
            }

            @Override
            public void onWarning(String message) {
                l.onWarning(message);
            }

            @Override
            public void onRestartFinished(int index, int of, long seed, double loss) {
                l.onRestartFinished(index, of, seed, loss);
            }
        };
    }

    private static EpochReport renumbered(EpochReport r, int epochsBefore) {
        return epochsBefore == 0 ? r : new EpochReport(r.epoch() + epochsBefore, r.train(), r.validation(), r.validationAccuracy(),
                r.learningRate(), r.klWeight(), r.seconds());
    }

    /** Components that win at least {@code share} of the cells (and at least one). */
    static int componentsUsed(int[] predicted, int k, double share) {
        int[] n = new int[k];
        for (int c : predicted) {
            n[c]++;
        }
        double min = Math.max(1, share * predicted.length);
        return (int) Arrays.stream(n).filter(c -> c >= min).count();
    }

    private static boolean hasAnyValue(CategoricalColumn c) {
        for (int code : c.codes()) {
            if (code >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Where the model came from: the request's data shape and gene list, every setting, the library and the arithmetic. */
    static Provenance provenance(TrainingRequest req, long keptSeed, boolean guided) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("preprocess", req.preprocess());
        settings.put("architecture", req.architecture());
        settings.put("training", req.training());
        settings.put("keptSeed", keptSeed);
        settings.put("labelColumn", req.labelColumn());
        settings.put("conditionColumn", req.conditionColumn());
        settings.put("evaluationColumn", req.evaluationColumn());
        settings.put("guidedLabelColumn", guided ? req.guidedLabelColumn() : null); // the guidance that ran (none after a fallback)
        settings.put("guidanceByDefault", req.guidanceByDefault());
        settings.put("guidedEpochs", req.guidedEpochs());
        settings.put("guideCells", guided && LEIDEN.equals(req.guidedLabelColumn()) ? req.guideCells() : null); // where it applied
        AnnData d = req.data();
        return new Provenance(Provenance.LIBRARY, java.time.Instant.now().toString(), d.nCells(), d.nGenes(),
                Provenance.sha256(d.geneNames()), settings, BlasInfo.describe());
    }

    /** Whole-number columns with more distinct values than this are measurements (counts, sizes), not groups. */
    static final int MAX_NUMERIC_GROUPS = 200;

    /** Fewer features than this get a warning: cell types cannot be told apart on so few genes. */
    private static final int FEW_FEATURES = 5;
    /** A condition with fewer cells than this gets a warning. */
    private static final int FEW_CELLS_PER_CONDITION = 10;

    /** The obs column as groups (see {@link #categories}), with missing values written as text read as missing, and said so. */
    static CategoricalColumn groups(AnnData data, String column, String role, java.util.function.Consumer<String> warn) {
        CategoricalColumn c = categories(data, column, role);
        CategoricalColumn read = c.withoutMissingAsText();
        if (read == c) {
            return c;
        }
        java.util.Map<String, Integer> cells = new java.util.TreeMap<>();
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i) && read.isMissing(i)) {
                cells.merge("'" + c.categories().get(c.codes()[i]) + "'", 1, Integer::sum);
            }
        }
        int n = cells.values().stream().mapToInt(Integer::intValue).sum();
        warn.accept(n + " cell" + (n == 1 ? "" : "s") + " of obs column '" + column + "' hold " + String.join(", ", cells.keySet())
                + ", read as missing " + role + (n == 1 ? "" : "s") + " (a missing value written as text, as pandas' astype(str) writes NaN)");
        return read;
    }

    /**
     * A column that names groups of cells (labels, conditions, guidance, evaluation): categories, or whole numbers such
     * as cluster ids. A column of measurements would silently become hundreds of one-cell classes, so it is refused.
     */
    private static CategoricalColumn categories(AnnData data, String column, String role) {
        if (data.obs().has(column) && data.obs().column(column) instanceof NumericColumn n) {
            double[] v = java.util.Arrays.stream(n.values()).filter(x -> !Double.isNaN(x)).toArray();
            long distinct = java.util.Arrays.stream(v).distinct().count();
            boolean fractional = java.util.Arrays.stream(v).anyMatch(x -> x != Math.rint(x));
            if (fractional || distinct > MAX_NUMERIC_GROUPS) {
                String examples = java.util.Arrays.stream(v).distinct().limit(3).mapToObj(ModelTrainer::trim)
                        .collect(java.util.stream.Collectors.joining(", "));
                throw new IllegalArgumentException("obs column '" + column + "' holds " + (fractional ? "fractional numbers" : "numbers")
                        + " with " + distinct + " distinct values (e.g. " + examples + "), not groups: the " + role
                        + " column needs categories such as cell types or conditions (whole numbers such as cluster ids, at most "
                        + MAX_NUMERIC_GROUPS + " of them, are taken as categories)");
            }
        }
        return data.obs().categorical(column);
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(java.util.Locale.ROOT, "%.4g", x);
    }

    /** Each cell's known label, else its predicted component. */
    private static int[] knownOrPredicted(int[] labels, int[] predicted) {
        int[] out = predicted.clone();
        for (int i = 0; labels != null && i < out.length; i++) {
            if (labels[i] >= 0) {
                out[i] = labels[i];
            }
        }
        return out;
    }

}
