package org.scgmvae.bench;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.eval.FlipScore;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * scGen's perturbation protocol for every cell type in turn: the stimulated cells of one type are removed, a cGMVAE is
 * trained on the rest (the CLI's defaults: the input kind's route, labels and condition), the type's control cells are
 * flipped to the stimulated condition and written (expression units) as {@code OUT/<type>.h5ad}, next to
 * {@code OUT/<type>_train_cells.txt} (the training cells, for the peers of {@code benchmarks/realdata/perturbation.sh}).
 * Prints its own R^2 per type ({@link FlipScore}).
 *
 * <p>{@code java -cp scgmvae.jar org.scgmvae.bench.PerturbationBenchmark FILE OUT [N_TOP_GENES]} (obs
 * {@code cell_type}, {@code condition} with {@code control}/{@code stimulated}; -Dscgmvae.types=A,B limits the types;
 * -Dscgmvae.unsupervised=true trains without the labels; -Dscgmvae.flipModes=true prints every flip mode).
 */
public final class PerturbationBenchmark {

    private PerturbationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PerturbationBenchmark FILE.h5ad OUT_DIR [N_TOP_GENES]");
            System.exit(2);
        }
        AnnData cells = new H5adReader().read(Path.of(args[0]));
        Path out = Files.createDirectories(Path.of(args[1]));
        int nTop = args.length > 2 ? Integer.parseInt(args[2]) : InputKind.DEFAULT_TOP_GENES;
        String typeCol = System.getProperty("scgmvae.typeColumn", "cell_type");
        String condCol = System.getProperty("scgmvae.conditionColumn", "condition");
        String control = System.getProperty("scgmvae.control", "control");
        String stim = System.getProperty("scgmvae.stimulated", "stimulated");
        long seed = Long.getLong("scgmvae.seed", 42);
        CategoricalColumn type = cells.obs().categorical(typeCol);
        CategoricalColumn cond = cells.obs().categorical(condCol);
        List<String> types = System.getProperty("scgmvae.types") == null ? type.categories()
                : List.of(System.getProperty("scgmvae.types").split(","));
        List<FlipScore> scores = new ArrayList<>();
        for (String t : types) {
            long t0 = System.nanoTime();
            int[] train = IntStream.range(0, cells.nCells())
                    .filter(i -> !(t.equals(type.stringValue(i)) && stim.equals(cond.stringValue(i)))).toArray();
            AnnData trainCells = cells.selectCells(train);
            TrainingRequest req = TrainingRequest.of(trainCells).withPreprocess(InputKind.AUTO.resolve(trainCells, nTop).config())
                    .withConditions(condCol).withTraining(TrainingConfig.defaults().withSeed(seed));
            // -Dscgmvae.unsupervised=true: no labels (components named by the types only for the report), K = 20
            req = Boolean.getBoolean("scgmvae.unsupervised") ? req.withEvaluation(typeCol) : req.withLabels(typeCol);
            ModelTrainer.Outcome o = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
            FlipScore.Evaluation e = FlipScore.evaluate(o.model(), cells, typeCol, condCol, t, control, stim, ConditionFlipper.DEFAULT_MODE);
            FlipScore s = e.score();
            String file = t.replaceAll("[^A-Za-z0-9_.+-]", "_");
            H5adWriter.write(e.flipped(), out.resolve(file + ".h5ad"), true);
            Files.write(out.resolve(file + "_train_cells.txt"), IntStream.of(train).mapToObj(i -> cells.cellNames()[i]).toList());
            if (Boolean.getBoolean("scgmvae.flipModes")) {
                for (ConditionFlipper.Mode m : ConditionFlipper.Mode.values()) {
                    FlipScore v = FlipScore.evaluate(o.model(), cells, typeCol, condCol, t, control, stim, m).score();
                    System.out.printf(Locale.ROOT, "  flip mode %-10s R^2 all %.4f DEGs %.4f%n", m, v.all(), v.degs());
                }
            }
            scores.add(s);
            System.out.printf(Locale.ROOT, "%-12s ctrl %4d stim %4d  cGMVAE R^2 all %.4f DEGs %.4f | no change %.4f / %.4f  (%d epochs, %.1f s)%n",
                    t, s.controlCells(), s.stimulatedCells(), s.all(), s.degs(), s.noChangeAll(), s.noChangeDegs(),
                    o.result().history().size(), (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "%-12s                      cGMVAE R^2 all %.4f DEGs %.4f | no change %.4f / %.4f%n", "mean",
                scores.stream().mapToDouble(FlipScore::all).average().orElse(Double.NaN),
                scores.stream().mapToDouble(FlipScore::degs).average().orElse(Double.NaN),
                scores.stream().mapToDouble(FlipScore::noChangeAll).average().orElse(Double.NaN),
                scores.stream().mapToDouble(FlipScore::noChangeDegs).average().orElse(Double.NaN));
    }
}
