package org.scgmvae.bench;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.eval.ClusteringMetrics;
import org.scgmvae.core.eval.LeidenClustering;
import org.scgmvae.core.eval.PerturbationMetrics;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.scgmvae.bench.ThesisBenchmarks.BALANCE;
import static org.scgmvae.bench.ThesisBenchmarks.fmt;
import static org.scgmvae.bench.ThesisBenchmarks.report;

/**
 * The thesis' single-cell experiments (issue 4, experiments 4-7) on an .h5ad file: the Kang protocol
 * (cell types x control/stimulated: control cells unsupervised, all cells unsupervised and supervised,
 * perturbation prediction for a held-out cell type) and the Zheng protocol (cell types, one of them rare:
 * unsupervised, Leiden-guided, supervised with and without oversampling). Simulated counts run both
 * protocols as a stand-in while no real data set is in {@code ../shared/data}.
 *
 * <p>Files: {@code -Dscgmvae.kang=FILE} and {@code -Dscgmvae.zheng=FILE} (default {@code ../shared/data/kang.h5ad},
 * {@code ../shared/data/zheng.h5ad}). Columns: {@code -Dscgmvae.<key>.typeColumn} (first of cell_type, celltype,
 * cell_types, labels), {@code -Dscgmvae.<key>.conditionColumn} (Kang: first of condition, label, stim with two values),
 * {@code -Dscgmvae.<key>.control} (the condition value matching ctrl/control/unstim), {@code -Dscgmvae.kang.heldOut}
 * (CD4T, the type scGen holds out). X may hold raw counts (or a {@code counts} layer), then the default pipeline
 * runs, or log-normalised values (as scGen's Kang file), then only the 2,000 Seurat HVGs are selected and scaled.
 * Epochs: {@code -Dscgmvae.<key>.epochs} (60).
 */
final class SingleCellBenchmarks {

    private static final Pattern CONTROL = Pattern.compile("(?i).*(ctrl|control|unstim).*");

    private SingleCellBenchmarks() {
    }

    /**
     * A data set and how to read it.
     *
     * @param conditionColumn null for data without conditions (Zheng)
     * @param control         the control value of the condition column (null without conditions)
     */
    record CellData(String key, String name, AnnData cells, String typeColumn, String conditionColumn, String control,
                    PreprocessConfig preprocess, int epochs) {

        int[] types() {
            return cells.obs().categorical(typeColumn).codes();
        }

        /** Cells in this condition. */
        int[] inCondition(String condition) {
            CategoricalColumn c = cells.obs().categorical(conditionColumn);
            return IntStream.range(0, cells.nCells()).filter(i -> condition.equals(c.stringValue(i))).toArray();
        }

        /** Cells that are (or, with {@code match} false, are not) of this type and condition. */
        int[] where(String type, String condition, boolean match) {
            CategoricalColumn t = cells.obs().categorical(typeColumn);
            CategoricalColumn c = cells.obs().categorical(conditionColumn);
            return IntStream.range(0, cells.nCells())
                    .filter(i -> (type.equals(t.stringValue(i)) && condition.equals(c.stringValue(i))) == match).toArray();
        }

        String stimulated() {
            return cells.obs().categorical(conditionColumn).categories().stream().filter(v -> !v.equals(control)).findFirst().orElseThrow();
        }

        TrainingRequest request(AnnData data) {
            return TrainingRequest.of(data).withPreprocess(preprocess).withTraining(TrainingConfig.defaults().withEpochs(epochs));
        }
    }

    static void kang() throws IOException {
        CellData kang = load("kang", "Kang", true);
        if (kang != null) {
            kangProtocol(kang, System.getProperty("scgmvae.kang.heldOut", "CD4T"));
        }
    }

    static void zheng() throws IOException {
        CellData zheng = load("zheng", "Zheng", false);
        if (zheng != null) {
            zhengProtocol(zheng);
        }
    }

    /** Both protocols on the demo's simulated counts (6 types, the rarest 6%, ctrl/stim), as a stand-in for Kang and Zheng. */
    static void simulated() {
        AnnData cells = SimulatedCounts.generate(SimulatedCounts.Spec.defaults());
        int epochs = Integer.getInteger("scgmvae.simulated.epochs", 60);
        kangProtocol(new CellData("simulated", "simulated (Kang stand-in)", cells, "cell_type", "condition", "ctrl",
                PreprocessConfig.defaults(), epochs), "typeA");
        zhengProtocol(new CellData("simulated", "simulated (Zheng stand-in)", cells, "cell_type", null, null,
                PreprocessConfig.defaults(), epochs));
    }

    /** Experiments 5-7: Kang control unsupervised (K=21), Kang full unsupervised and supervised, perturbation prediction. */
    static void kangProtocol(CellData d, String heldOut) {
        String stim = d.stimulated();

        // 5. control cells only, unsupervised K=21 (the thesis' setting) next to Leiden on the same cells
        long t0 = System.nanoTime();
        AnnData control = d.cells().selectCells(d.inCondition(d.control()));
        TrainingRequest ctrl = d.request(control).withEvaluation(d.typeColumn())
                .withArchitecture(ArchitectureOptions.defaults().withComponents(21));
        String leiden = leidenBaseline(d, control);
        ModelTrainer.Outcome u = train(ctrl);
        report(d.name() + " control cells, unsup K=21 (majority)", fmt(u.evaluationAccuracy()), "0.78", leiden, t0);
        t0 = System.nanoTime();
        ModelTrainer.Outcome ub = train(ctrl.withTraining(ctrl.training().withComponentBalance(BALANCE)));
        report(d.name() + " control cells, unsup K=21 + balance " + BALANCE, fmt(ub.evaluationAccuracy())
                + " " + ThesisBenchmarks.clusteringSummary(ub, control, d.typeColumn()), "0.78", leiden, t0);

        // 6. all cells: cGMVAE unsupervised (K=28, Dz=Dw=2 as the thesis) and supervised (Dz=Dw=24), validation accuracy
        t0 = System.nanoTime();
        TrainingRequest all = d.request(d.cells()).withConditions(d.conditionColumn());
        ModelTrainer.Outcome full = train(all.withEvaluation(d.typeColumn())
                .withArchitecture(ArchitectureOptions.defaults().withComponents(28).withLatentDims(2, 2)));
        report(d.name() + " all cells, cGMVAE unsup K=28, Dz=Dw=2 (majority)", fmt(full.evaluationAccuracy()), "0.78",
                leidenBaseline(d, d.cells()), t0);
        t0 = System.nanoTime();
        ModelTrainer.Outcome sup = train(all.withLabels(d.typeColumn()).withArchitecture(ArchitectureOptions.defaults().withLatentDims(24, 24)));
        report(d.name() + " all cells, cGMVAE supervised Dz=Dw=24, validation acc", fmt(sup.result().best().validationAccuracy()),
                "0.90", "-", t0);

        // 7. scGen protocol: the stimulated cells of one type are never seen; predict them by flipping its control cells
        t0 = System.nanoTime();
        CategoricalColumn type = d.cells().obs().categorical(d.typeColumn());
        if (!type.categories().contains(heldOut)) {
            System.out.println(d.name() + ": perturbation experiment skipped, no cell type '" + heldOut + "' in '" + d.typeColumn()
                    + "' (types: " + type.categories() + "; choose one with -Dscgmvae.kang.heldOut)");
            return;
        }
        ModelTrainer.Outcome f = train(d.request(d.cells().selectCells(d.where(heldOut, stim, false))).withConditions(d.conditionColumn())
                .withLabels(d.typeColumn()));
        InferenceInput in = InferenceInput.prepare(f.model(), d.cells(), null, d.typeColumn());
        int[] ctrlCells = d.where(heldOut, d.control(), true);
        int[] stimCells = d.where(heldOut, stim, true);
        DenseMatrix flipped = ConditionFlipper.flip(f.model(), in.input().select(ctrlCells), stim);
        double[] realStim = PerturbationMetrics.columnMeans(in.data().x(), stimCells);
        double[] realCtrl = PerturbationMetrics.columnMeans(in.data().x(), ctrlCells);
        double[] pred = PerturbationMetrics.columnMeans(flipped, null);
        int[] degs = ThesisBenchmarks.topDifferences(realStim, realCtrl, 100);
        String held = d.name() + " held-out " + heldOut + " " + stim;
        reportFlip(held + ": R^2 all genes", realStim, realCtrl, pred, null, "~1", t0);
        reportFlip(held + ": R^2 top-100 DEGs", realStim, realCtrl, pred, degs, "-", t0);
        var scaler = f.model().preprocessing().scaler();
        if (scaler != null) {
            // scGen measures R^2 on log-normalised means; the figures above are in the model's scaled units
            double[] logStim = PerturbationMetrics.unscaleMeans(realStim, scaler);
            double[] logCtrl = PerturbationMetrics.unscaleMeans(realCtrl, scaler);
            double[] logPred = PerturbationMetrics.unscaleMeans(pred, scaler);
            reportFlip("  same, log-normalised units: R^2 all genes", logStim, logCtrl, logPred, null, "~1", t0);
            reportFlip("  same, log-normalised units: R^2 top-100 DEGs", logStim, logCtrl, logPred, degs, "-", t0);
        }
    }

    /**
     * Experiment 4: unsupervised (with component balance) and Leiden-guided clustering next to Leiden, then supervised
     * training with and without oversampling of rare types; the rarest type's recall on the validation cells shows the
     * rare-type handling.
     */
    static void zhengProtocol(CellData d) {
        int[] truth = d.types();
        long t0 = System.nanoTime();
        String leiden = leidenBaseline(d, d.cells());
        TrainingRequest unsup = d.request(d.cells()).withEvaluation(d.typeColumn())
                .withArchitecture(ArchitectureOptions.defaults().withComponents(20));
        ModelTrainer.Outcome ub = train(unsup.withTraining(unsup.training().withComponentBalance(BALANCE)));
        report(d.name() + " unsup K=20 + balance " + BALANCE + " (majority)", fmt(ub.evaluationAccuracy()) + " "
                + ThesisBenchmarks.clusteringSummary(ub, d.cells(), d.typeColumn()), "0.93", leiden, t0);
        t0 = System.nanoTime();
        ModelTrainer.Outcome g = train(unsup.withGuidance(ModelTrainer.LEIDEN, 15)
                .withArchitecture(unsup.architecture().withComponents(0)));
        report(d.name() + " Leiden-guided, K = #clusters (majority)", fmt(g.evaluationAccuracy()) + " "
                + ThesisBenchmarks.clusteringSummary(g, d.cells(), d.typeColumn()), "0.93", leiden, t0);

        CategoricalColumn type = d.cells().obs().categorical(d.typeColumn());
        int[] sizes = type.counts();
        int rarest = IntStream.range(0, sizes.length).filter(k -> sizes[k] > 0).boxed()
                .min((a, b) -> Integer.compare(sizes[a], sizes[b])).orElseThrow();
        TrainingRequest sup = d.request(d.cells()).withLabels(d.typeColumn());
        for (boolean rebalance : new boolean[] {false, true}) {
            t0 = System.nanoTime();
            ModelTrainer.Outcome s = train(sup.withTraining(sup.training().withRebalance(rebalance, 0.1)));
            int[] val = s.result().split().validation();
            String[] predicted = Predictor.predict(s.model(), InferenceInput.prepare(s.model(), d.cells().selectCells(val), null, null)
                    .input()).labels();
            long hits = IntStream.range(0, val.length).filter(i -> type.stringValue(val[i]).equals(predicted[i])).count();
            long rare = Arrays.stream(val).filter(i -> truth[i] == rarest).count();
            long rareHits = IntStream.range(0, val.length).filter(i -> truth[val[i]] == rarest && type.stringValue(val[i]).equals(predicted[i])).count();
            report(d.name() + " supervised" + (rebalance ? ", rare types oversampled" : "") + ", validation acc",
                    fmt((double) hits / val.length) + String.format(Locale.ROOT, " (%s recall %s of %d)", type.categories().get(rarest),
                            fmt((double) rareHits / Math.max(1, rare)), rare), "0.93", "-", t0);
        }
    }

    /** Leiden (PCA 50, 15-NN, resolution 1) on the cells as the models see them, majority accuracy and cluster count. */
    private static String leidenBaseline(CellData d, AnnData cells) {
        AnnData pre = FittedPreprocessing.fit(cells, d.preprocess()).transformed();
        int[] clusters = LeidenClustering.defaults().cluster(pre.x());
        return "Leiden " + fmt(ClusteringMetrics.majorityAccuracy(clusters, pre.obs().categorical(d.typeColumn()).codes()))
                + " (" + LeidenClustering.count(clusters) + " cl.)";
    }

    private static void reportFlip(String experiment, double[] stim, double[] ctrl, double[] pred, int[] genes, String thesis, long t0) {
        double[] s = genes == null ? stim : PerturbationMetrics.pick(stim, genes);
        double[] c = genes == null ? ctrl : PerturbationMetrics.pick(ctrl, genes);
        double[] p = genes == null ? pred : PerturbationMetrics.pick(pred, genes);
        report(experiment, fmt(PerturbationMetrics.rSquared(s, p)), thesis, "ctrl vs stim " + fmt(PerturbationMetrics.rSquared(s, c)), t0);
    }

    private static ModelTrainer.Outcome train(TrainingRequest req) {
        return ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
    }

    // ------------------------------------------------------------------ reading a data set

    /** Reads {@code -Dscgmvae.<key>} (default ../shared/data/<key>.h5ad) and finds its columns; null (with a message) when absent. */
    static CellData load(String key, String name, boolean withConditions) throws IOException {
        Path file = Path.of(System.getProperty("scgmvae." + key, "../shared/data/" + key + ".h5ad"));
        if (!Files.isRegularFile(file)) {
            System.out.println(name + ": skipped, " + file + " not found (" + availableFiles(file.toAbsolutePath().getParent())
                    + "); point -Dscgmvae." + key + "=FILE at an .h5ad with cell types" + (withConditions ? " and control/stimulated conditions" : ""));
            return null;
        }
        AnnData cells = new H5adReader().read(file);
        return describe(key, name, cells, withConditions);
    }

    /** Finds the type and condition columns and the control value (system properties first), with messages that list the choices. */
    static CellData describe(String key, String name, AnnData cells, boolean withConditions) {
        return describe(key, name, cells, withConditions, true);
    }

    /** As above; {@code needsTypes} false (timing only) leaves the type column null when none is found. */
    static CellData describe(String key, String name, AnnData cells, boolean withConditions, boolean needsTypes) {
        List<String> typeNames = List.of("cell_type", "celltype", "cell_types", "labels");
        String typeColumn = needsTypes || System.getProperty("scgmvae." + key + ".typeColumn") != null || typeNames.stream().anyMatch(cells.obs()::has)
                ? column(cells, key, "typeColumn", typeNames, 0) : null;
        String conditionColumn = null;
        String control = null;
        if (withConditions) {
            conditionColumn = column(cells, key, "conditionColumn", List.of("condition", "label", "stim"), 2);
            control = controlValue(cells.obs().categorical(conditionColumn).categories(), conditionColumn, key);
        }
        int epochs = Integer.getInteger("scgmvae." + key + ".epochs", 60);
        return new CellData(key, name, cells, typeColumn, conditionColumn, control, preprocessing(cells), epochs);
    }

    /** The property's value (checked), else the one value that reads as a control (ctrl, control, unstim...). */
    private static String controlValue(List<String> values, String column, String key) {
        if (values.size() != 2) {
            throw new IllegalArgumentException("condition column '" + column + "' has the values " + values + "; the Kang protocol needs two");
        }
        String control = System.getProperty("scgmvae." + key + ".control");
        if (control != null && !values.contains(control)) {
            throw new IllegalArgumentException("control value '" + control + "' is not one of " + values + " in '" + column + "'");
        }
        List<String> matching = values.stream().filter(v -> CONTROL.matcher(v).matches()).toList();
        if (control == null && matching.size() != 1) {
            throw new IllegalArgumentException("cannot tell which of " + values + " in '" + column + "' is the control; set -Dscgmvae."
                    + key + ".control");
        }
        return control != null ? control : matching.get(0);
    }

    /** The property's column, else the first candidate present (with exactly {@code categories} values when > 0). */
    private static String column(AnnData cells, String key, String option, List<String> candidates, int categories) {
        String set = System.getProperty("scgmvae." + key + "." + option);
        if (set != null) {
            if (!cells.obs().has(set)) {
                throw new IllegalArgumentException("-Dscgmvae." + key + "." + option + "=" + set + ": no such obs column; the file has "
                        + cells.obs().columnNames());
            }
            return set;
        }
        return candidates.stream().filter(c -> cells.obs().has(c)
                        && (categories == 0 || cells.obs().categorical(c).categories().size() == categories)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("none of the obs columns " + cells.obs().columnNames() + " is one of "
                        + candidates + (categories > 0 ? " with " + categories + " values" : "") + "; set -Dscgmvae." + key + "." + option));
    }

    /** The CLI's route for these values ({@link InputKind}): counts, log-normalised (HVGs + scaling) or as is. */
    static PreprocessConfig preprocessing(AnnData cells) {
        return InputKind.AUTO.resolve(cells, InputKind.DEFAULT_TOP_GENES).config();
    }

    private static String availableFiles(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return "no directory " + dir;
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> h5ad = new ArrayList<>(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".h5ad")).sorted().toList());
            return h5ad.isEmpty() ? dir + " holds no .h5ad file" : dir + " holds " + h5ad;
        } catch (IOException e) {
            return "cannot list " + dir + ": " + e.getMessage();
        }
    }
}
