package org.scgmvae.core.bench;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.eval.ClusteringMetrics;
import org.scgmvae.core.eval.LeidenClustering;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.io.H5adReader;
import org.scgmvae.core.io.H5adWriter;
import org.scgmvae.core.preprocess.DataSplit;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.CancellationToken;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Cell types on a real file, the way a user gets them with the CLI defaults (the input kind's route, seed 42):
 * unsupervised GMVAEs at each K, the project's Leiden baseline, and annotation of a stratified 20% test split (seed 0)
 * from all training labels and from 10% of them. Prints its own figures and writes {@code OUT/NAME.h5ad}: X = the
 * preprocessed cells (the route fitted on all cells, as the peers of {@code benchmarks/realdata/celltypes.sh} use it)
 * and obs with the truth, {@code gmvae_k<K>}, {@code leiden}, {@code split} and the test predictions
 * {@code gmvae_supervised}, {@code gmvae_10pct}.
 *
 * <p>{@code java -cp scgmvae.jar org.scgmvae.core.bench.CellTypeBenchmark FILE OUT NAME TYPE_COLUMN K[,K...]}
 */
public final class CellTypeBenchmark {

    private CellTypeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: CellTypeBenchmark FILE.h5ad OUT_DIR NAME TYPE_COLUMN K[,K...]");
            System.exit(2);
        }
        AnnData cells = new H5adReader().read(Path.of(args[0]));
        Path out = Files.createDirectories(Path.of(args[1]));
        String name = args[2];
        String typeCol = args[3];
        int[] ks = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        long seed = 42;
        CategoricalColumn type = cells.obs().categorical(typeCol);
        InputKind.Route route = InputKind.AUTO.resolve(cells, InputKind.DEFAULT_TOP_GENES);
        System.out.println(name + ": " + cells.nCells() + " cells x " + cells.nGenes() + " genes; " + route.explanation());
        AnnData pre = FittedPreprocessing.fit(cells, route.config()).transformed();
        AnnData result = pre;

        for (int k : ks) {
            long t0 = System.nanoTime();
            TrainingRequest req = TrainingRequest.of(cells).withPreprocess(route.config()).withEvaluation(typeCol)
                    .withArchitecture(ArchitectureOptions.defaults().withComponents(k)).withTraining(TrainingConfig.defaults().withSeed(seed));
            ModelTrainer.Outcome o = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
            int[] comp = Predictor.predict(o.model(), InferenceInput.prepare(o.model(), cells, null, null).input()).components();
            result = result.withObs(result.obs().withColumn("gmvae_k" + k, LeidenClustering.column(comp)));
            System.out.printf(Locale.ROOT, "  GMVAE K=%-3d %s (%d of %d components used, %d epochs, %.0f s)%n", k, summary(comp, type.codes()),
                    o.componentsUsed(), k, o.result().history().size(), (System.nanoTime() - t0) / 1e9);
        }
        long t0 = System.nanoTime();
        int[] leiden = LeidenClustering.defaults().cluster(pre.x());
        result = result.withObs(result.obs().withColumn("leiden", LeidenClustering.column(leiden)));
        System.out.printf(Locale.ROOT, "  Leiden res 1 %s (%d clusters, %.0f s)%n", summary(leiden, type.codes()), LeidenClustering.count(leiden),
                (System.nanoTime() - t0) / 1e9);

        DataSplit split = DataSplit.stratified(type, 0.2, 0);
        String[] splitCol = new String[cells.nCells()];
        Arrays.fill(splitCol, "train");
        IntStream.of(split.validation()).forEach(i -> splitCol[i] = "test");
        result = result.withObs(result.obs().withColumn("split", CategoricalColumn.fromStrings(splitCol)));
        AnnData train = cells.selectCells(split.train());
        AnnData test = cells.selectCells(split.validation());
        // 10% of the training cells keep their label, drawn per type (at least one each), the rest are unlabelled
        int[] some = type.select(split.train()).codes().clone();
        Random rnd = new Random(0);
        for (int c = 0; c < type.categories().size(); c++) {
            final int cc = c;
            int[] rows = IntStream.range(0, some.length).filter(i -> some[i] == cc).toArray();
            int keep = Math.max(1, (int) Math.round(0.1 * rows.length));
            for (int i = rows.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = rows[i];
                rows[i] = rows[j];
                rows[j] = tmp;
            }
            for (int i = keep; i < rows.length; i++) {
                some[rows[i]] = -1;
            }
        }
        AnnData trainSome = train.withObs(train.obs().withColumn(typeCol + "_10pct", new CategoricalColumn(some, type.categories(), false)));
        for (String[] run : new String[][] {{"gmvae_supervised", typeCol, "all labels"}, {"gmvae_10pct", typeCol + "_10pct", "10% labels"}}) {
            t0 = System.nanoTime();
            AnnData t = run[1].equals(typeCol) ? train : trainSome;
            TrainingRequest req = TrainingRequest.of(t).withPreprocess(InputKind.AUTO.resolve(t, InputKind.DEFAULT_TOP_GENES).config())
                    .withLabels(run[1]).withTraining(TrainingConfig.defaults().withSeed(seed));
            ModelTrainer.Outcome o = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
            String[] labels = Predictor.predict(o.model(), InferenceInput.prepare(o.model(), test, null, null).input()).labels();
            String[] col = new String[cells.nCells()];
            int[] val = split.validation();
            for (int i = 0; i < val.length; i++) {
                col[val[i]] = labels[i];
            }
            result = result.withObs(result.obs().withColumn(run[0], CategoricalColumn.fromStrings(col, type.categories())));
            int[] truth = type.select(val).codes();
            int[] pred = Arrays.stream(labels).mapToInt(l -> type.categories().indexOf(l)).toArray();
            int[] identity = IntStream.range(0, type.categories().size()).toArray();
            double acc = IntStream.range(0, val.length).filter(i -> pred[i] == truth[i]).count() / (double) val.length;
            double balanced = Arrays.stream(ClusteringMetrics.perClassRecall(pred, truth, identity, identity.length))
                    .filter(r -> !Double.isNaN(r)).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "  GMVAE %-10s test accuracy %.3f balanced %.3f (%d epochs, %.0f s)%n", run[2], acc, balanced,
                    o.result().history().size(), (System.nanoTime() - t0) / 1e9);
        }
        H5adWriter.write(result, out.resolve(name + ".h5ad"), true);
    }

    private static String summary(int[] predicted, int[] truth) {
        return String.format(Locale.ROOT, "majority %.3f 1:1 %.3f ARI %.3f NMI %.3f", ClusteringMetrics.majorityAccuracy(predicted, truth),
                ClusteringMetrics.hungarianAccuracy(predicted, truth), ClusteringMetrics.adjustedRandIndex(predicted, truth),
                ClusteringMetrics.normalizedMutualInfo(predicted, truth));
    }
}
