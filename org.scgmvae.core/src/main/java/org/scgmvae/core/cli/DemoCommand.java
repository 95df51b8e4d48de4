package org.scgmvae.core.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.eval.PerturbationMetrics;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.H5adWriter;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.CancellationToken;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * The README's main job: train a cGMVAE on the embedded default data (simulated PBMC-like counts:
 * 6 unbalanced cell types, control and stimulated), report accuracy and loss terms, predict the
 * stimulated state of control cells by flipping the condition, and write the outputs.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a cGMVAE on the embedded simulated data set, print accuracy, loss terms and a perturbation "
                + "prediction score, and write model, embeddings and predictions to --output-dir.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--output-dir", description = "Where to write model.scgmvae, cells.h5ad and history.csv (default ${DEFAULT-VALUE}).")
    Path outputDir = Path.of("scgmvae-demo-out");

    @Option(names = {"-e", "--epochs"}, description = "Training epochs (default ${DEFAULT-VALUE}).")
    int epochs = 40;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        AnnData cells = SimulatedCounts.generate(SimulatedCounts.Spec.defaults());
        System.out.println("data: " + cells);
        TrainingRequest req = TrainingRequest.of(cells).withConditions("condition").withEvaluation("cell_type")
                .withArchitecture(ArchitectureOptions.defaults())
                .withTraining(TrainingConfig.defaults().withEpochs(epochs).withSeed(seed));
        ModelTrainer.Outcome out = ModelTrainer.train(req, new ConsoleProgress(System.err, 5), CancellationToken.NEVER);
        System.out.printf(Locale.ROOT, "%ntrained cGMVAE (%s, K=%d) in %d epochs: %s%n", out.mode(),
                out.model().config().nComponents(), out.result().history().size(), out.result().stopReason());
        System.out.println("loss terms (best epoch, validation): " + format(out.result().best().validation()));

        InferenceInput in = InferenceInput.prepare(out.model(), cells, null, null);
        Predictor.Predictions pred = Predictor.predict(out.model(), in.input());
        EvaluateCommand.report(System.out, pred.components(), cells.obs().categorical("cell_type"));

        double[] r2 = flipScore(out, in);
        System.out.printf(Locale.ROOT, "perturbation prediction (%s, ctrl -> stim, mean expression of all model genes):%n"
                + "  R^2 real stim vs flipped ctrl: %.4f   (reference: real stim vs real ctrl %.4f)%n", FLIP_TYPE, r2[0], r2[1]);

        LatentEncoder.Latents lat = LatentEncoder.encode(out.model(), in.input(), false, seed);
        AnnData annotated = ResultAnnotations.withLatents(ResultAnnotations.withPredictions(cells, pred), lat);
        ModelFile.save(out.model(), outputDir.resolve("model.scgmvae"));
        H5adWriter.write(annotated, outputDir.resolve("cells.h5ad"), true);
        TrainCommand.writeHistory(out, outputDir.resolve("history.csv"));
        System.out.printf(Locale.ROOT, "outputs: %s (model.scgmvae, cells.h5ad with obsm X_gmvae_z/X_gmvae_w and gmvae_* predictions, history.csv)%n",
                outputDir.toAbsolutePath());
        System.out.printf(Locale.ROOT, "total time %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static final String FLIP_TYPE = "typeA";

    /** {R^2 real stim vs flipped ctrl, R^2 real stim vs real ctrl} for one cell type, in the model's input units. */
    private static double[] flipScore(ModelTrainer.Outcome out, InferenceInput in) {
        CategoricalColumn type = in.data().obs().categorical("cell_type");
        CategoricalColumn cond = in.data().obs().categorical("condition");
        int[] ctrl = IntStream.range(0, type.size()).filter(i -> FLIP_TYPE.equals(type.stringValue(i)) && "ctrl".equals(cond.stringValue(i))).toArray();
        int[] stim = IntStream.range(0, type.size()).filter(i -> FLIP_TYPE.equals(type.stringValue(i)) && "stim".equals(cond.stringValue(i))).toArray();
        DenseMatrix flipped = ConditionFlipper.flip(out.model(), in.input().select(ctrl), "stim");
        double[] realStim = PerturbationMetrics.columnMeans(in.data().x(), stim);
        double[] realCtrl = PerturbationMetrics.columnMeans(in.data().x(), ctrl);
        double[] predicted = PerturbationMetrics.columnMeans(flipped, null);
        return new double[] {PerturbationMetrics.rSquared(realStim, predicted), PerturbationMetrics.rSquared(realStim, realCtrl)};
    }

    private static String format(java.util.Map<String, Double> terms) {
        StringBuilder sb = new StringBuilder();
        terms.forEach((k, v) -> sb.append(k).append('=').append(String.format(Locale.ROOT, "%.3f", v)).append(' '));
        return sb.toString().trim();
    }
}
