package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.eval.ClusteringMetrics;
import org.scgmvae.core.eval.FlipScore;
import org.scgmvae.core.eval.LeidenClustering;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.DemoData;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.preprocess.DataSplit;
import org.scgmvae.report.ModelReport;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * The README's main job, on real cells: scGen's Kang 2018 PBMCs (control and IFN-beta stimulated, 7 cell types; the
 * embedded subset {@link DemoData}). The stimulated cells of one type are held out, as scGen does, and so is a fifth of
 * the other cells; a cGMVAE is trained on the rest with the labels, by the default route for log-normalised input. It
 * prints the held-out annotation accuracy next to Leiden on the same cells, and the R^2 of the held-out type's
 * predicted stimulated expression next to "no change".
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a cGMVAE on real PBMCs (the embedded subset of scGen's Kang 2018 file, control and IFN-beta "
                + "stimulated) with one cell type's stimulated cells held out; print the held-out annotation accuracy next to "
                + "Leiden, and the flip's R^2 for the held-out type next to 'no change'; write the outputs to --output-dir.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--output-dir", description = "Where to write model.scgmvae, cells.h5ad, flipped.h5ad, history.csv and report/index.html (default ${DEFAULT-VALUE}).")
    Path outputDir = Path.of("scgmvae-demo-out");

    @Option(names = "--held-out", paramLabel = "TYPE", description = "Cell type whose stimulated cells are held out and predicted (default ${DEFAULT-VALUE}, as scGen).")
    String heldOut = "CD4T";

    @Option(names = {"-e", "--epochs"}, description = "Default ${DEFAULT-VALUE}; early stopping usually ends training sooner.")
    int epochs = TrainingConfig.defaults().epochs();

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 42;

    static final String TYPE = "cell_type";
    static final String CONDITION = "condition";
    static final String CONTROL = "control";
    static final String STIMULATED = "stimulated";

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        AnnData cells = DemoData.kang();
        CategoricalColumn type = cells.obs().categorical(TYPE);
        CategoricalColumn cond = cells.obs().categorical(CONDITION);
        if (!type.categories().contains(heldOut)) {
            throw new IllegalArgumentException("--held-out: no cell type '" + heldOut + "'; the demo data has " + type.categories());
        }
        System.out.println("data: " + DemoData.DESCRIPTION + ": " + cells.nCells() + " cells x " + cells.nGenes() + " genes, types "
                + type.categories());
        int[] heldStim = IntStream.range(0, cells.nCells())
                .filter(i -> heldOut.equals(type.stringValue(i)) && STIMULATED.equals(cond.stringValue(i))).toArray();
        int[] rest = IntStream.range(0, cells.nCells()).filter(i -> Arrays.binarySearch(heldStim, i) < 0).toArray();
        // a fifth of the other cells, stratified by type, is never trained on: the annotation is scored on them
        DataSplit split = DataSplit.stratified(type.select(rest), 0.2, seed);
        int[] train = IntStream.of(split.train()).map(i -> rest[i]).sorted().toArray();
        int[] test = IntStream.of(split.validation()).map(i -> rest[i]).sorted().toArray();
        System.out.printf(Locale.ROOT, "held out: the %d stimulated %s cells (to predict) and %d other cells (to annotate); training on %d%n",
                heldStim.length, heldOut, test.length, train.length);

        AnnData trainCells = cells.selectCells(train);
        InputKind.Route route = InputKind.AUTO.resolve(trainCells, InputKind.DEFAULT_TOP_GENES);
        System.out.println(route.explanation());
        TrainingRequest req = TrainingRequest.of(trainCells).withPreprocess(route.config()).withConditions(CONDITION).withLabels(TYPE)
                .withTraining(TrainingConfig.defaults().withEpochs(epochs).withSeed(seed));
        ModelTrainer.Outcome out = ModelTrainer.train(req, new ConsoleProgress(System.err, 5), CancellationToken.NEVER);
        System.out.printf(Locale.ROOT, "trained cGMVAE (%s, K=%d, %d genes) in %d epochs: %s, best epoch %d%n", out.modeName(),
                out.model().config().nComponents(), out.model().config().nFeatures(), out.result().history().size(),
                out.result().stopReason(), out.result().bestEpoch());
        System.out.println("loss terms per cell (best epoch, validation cells): " + TrainCommand.formatTerms(out.result().best().validation()));

        // every cell through the model once: the held-out cells' annotation and the written embeddings come from it
        InferenceInput all = InferenceInput.prepare(out.model(), cells, null, null);
        Predictor.WithLatents encoded = Predictor.predictWithLatents(out.model(), all.input(), Progress.NONE);
        Predictor.Predictions pred = encoded.predictions();
        // annotation of the held-out cells, next to Leiden on the same cells (clusters named by their majority type)
        CategoricalColumn testTypes = type.select(test);
        int[] truth = testTypes.codes();
        int[] predicted = IntStream.of(test).map(i -> testTypes.categories().indexOf(pred.labels()[i])).toArray();
        double accuracy = IntStream.range(0, test.length).filter(i -> predicted[i] == truth[i]).count() / (double) test.length;
        int[] identity = IntStream.range(0, testTypes.categories().size()).toArray();
        double balanced = Arrays.stream(ClusteringMetrics.perClassRecall(predicted, truth, identity, identity.length))
                .filter(r -> !Double.isNaN(r)).average().orElse(Double.NaN);
        int[] leiden = leiden(cells, route, test);
        System.out.printf(Locale.ROOT, "%nannotation of %d held-out cells (7 types):%n", test.length);
        System.out.printf(Locale.ROOT, "  cGMVAE predicted label        accuracy %.4f   balanced accuracy %.4f%n", accuracy,
                balanced);
        System.out.printf(Locale.ROOT, "  Leiden (PCA 50, 15-NN, res 1) accuracy %.4f   ARI %.4f   (%d clusters, each named by its majority type)%n",
                ClusteringMetrics.majorityAccuracy(leiden, truth), ClusteringMetrics.adjustedRandIndex(leiden, truth), LeidenClustering.count(leiden));

        FlipScore.Evaluation flip = FlipScore.evaluate(out.model(), cells, TYPE, CONDITION, heldOut, CONTROL, STIMULATED,
                ConditionFlipper.DEFAULT_MODE);
        FlipScore f = flip.score();
        System.out.printf(Locale.ROOT, "%nperturbation prediction for %s (never seen stimulated): %d control cells flipped to '%s',%n"
                        + "R^2 of mean log-normalised expression against the %d real stimulated %s cells:%n"
                        + "  cGMVAE flip   all %d model genes %.4f   top-%d DEGs %.4f%n"
                        + "  no change     all %d model genes %.4f   top-%d DEGs %.4f%n",
                heldOut, f.controlCells(), STIMULATED, f.stimulatedCells(), heldOut, out.model().config().nFeatures(), f.all(),
                FlipScore.TOP_DEGS, f.degs(), out.model().config().nFeatures(), f.noChangeAll(), FlipScore.TOP_DEGS, f.noChangeDegs());

        LatentEncoder.Latents lat = encoded.latents();
        ModelFile.save(out.model(), outputDir.resolve("model.scgmvae"));
        H5adWriter.write(ResultAnnotations.withLatents(ResultAnnotations.withPredictions(cells, pred, out.model()), lat), outputDir.resolve("cells.h5ad"), true);
        H5adWriter.write(flip.flipped(), outputDir.resolve("flipped.h5ad"), true);
        TrainCommand.writeHistory(out, outputDir.resolve("history.csv"));
        ReportOptions.write(out.model(), cells, ModelReport.Request.of(DemoData.DESCRIPTION).withLabels(TYPE).withCondition(CONDITION)
                .withFlip(CONTROL, STIMULATED, ConditionFlipper.DEFAULT_MODE).withFlipTypes(java.util.List.of(heldOut)).withGenerate(50)
                .withEmbedding(ModelReport.Embedding.UMAP, seed).withCommand("scgmvae demo --held-out " + heldOut + " --seed " + seed),
                outputDir.resolve("report"));
        System.out.printf(Locale.ROOT, "%noutputs: %s (model.scgmvae; cells.h5ad with obsm X_gmvae_z/X_gmvae_w and gmvae_* predictions;"
                + " flipped.h5ad: the %s control cells predicted under '%s', log-normalised; history.csv; report/index.html: pictures of the model, open it in a browser)%n", outputDir.toAbsolutePath(), heldOut, STIMULATED);
        System.out.printf(Locale.ROOT, "total time %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** Leiden on every cell, preprocessed by the same route as the model's training cells; the clusters of {@code rows}. */
    private static int[] leiden(AnnData cells, InputKind.Route route, int[] rows) {
        AnnData pre = FittedPreprocessing.fit(cells, route.config()).transformed();
        int[] clusters = LeidenClustering.defaults().cluster(pre.x());
        return IntStream.of(rows).map(i -> clusters[i]).toArray();
    }
}
