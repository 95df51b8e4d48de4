package org.scgmvae.bench;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.eval.ClusteringMetrics;
import org.scgmvae.core.eval.LeidenClustering;
import org.scgmvae.core.infer.CellGenerator;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.DataSplit;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.task.CancellationToken;
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
 * unsupervised GMVAEs at each K (training seeds 42, 1, 2 or {@code -Dscgmvae.seeds}, each and their mean), Leiden-guided
 * GMVAEs at K = number of types, the project's Leiden baseline, and annotation of a stratified 20% test split (seed 0)
 * from all training labels and from 10% of them. Prints its own figures and writes {@code OUT/NAME.h5ad}: X = the
 * preprocessed cells (the route fitted on all cells, as the peers of {@code benchmarks/realdata/celltypes.sh} use it)
 * and obs with the truth, {@code gmvae_k<K>} and {@code gmvae_guided_k<K>} (the first seed's), {@code leiden}, {@code split} and the test predictions
 * {@code gmvae_supervised}, {@code gmvae_10pct}; and the supervised model's generated and real training cells
 * ({@code NAME_generated.h5ad}, {@code NAME_real.h5ad}) for the peers' check of generated cells.
 *
 * With a donor column, also a transfer set-up: labels of the first half of the donors, predictions for the others
 * (obs {@code transfer_split}, {@code gmvae_transfer}).
 *
 * <p>{@code java -cp scgmvae.jar org.scgmvae.bench.CellTypeBenchmark FILE OUT NAME TYPE_COLUMN K[,K...] [DONOR_COLUMN]}
 */
public final class CellTypeBenchmark {

    private static final int GENERATED_DRAWS = 100;

    private CellTypeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: CellTypeBenchmark FILE.h5ad OUT_DIR NAME TYPE_COLUMN K[,K...] [DONOR_COLUMN]");
            System.exit(2);
        }
        AnnData cells = new H5adReader().read(Path.of(args[0]));
        Path out = Files.createDirectories(Path.of(args[1]));
        String name = args[2];
        String typeCol = args[3];
        int[] ks = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        String donorCol = args.length > 5 ? args[5] : null;
        long seed = 42;
        CategoricalColumn type = cells.obs().categorical(typeCol);
        InputKind.Route route = InputKind.AUTO.resolve(cells, InputKind.DEFAULT_TOP_GENES);
        System.out.println(name + ": " + cells.nCells() + " cells x " + cells.nGenes() + " genes; " + route.explanation());
        AnnData pre = FittedPreprocessing.fit(cells, route.config()).transformed();
        AnnData result = pre;

        long[] seeds = Arrays.stream(System.getProperty("scgmvae.seeds", "42,1,2").split(",")).mapToLong(Long::parseLong).toArray();
        int nTypes = type.categories().size();
        boolean annotationOnly = Boolean.getBoolean("scgmvae.annotationOnly");
        for (int k : annotationOnly ? new int[0] : ks) {
            result = clusterings(cells, route, typeCol, type, k, false, seeds, result);
        }
        // the thesis' guided training, the default without labels: supervised on Leiden's K clusters, then unsupervised
        if (!annotationOnly) {
            result = clusterings(cells, route, typeCol, type, nTypes, true, seeds, result);
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
        Annotation all = annotate(train, test, typeCol, type, split.validation(), "all labels", seed);
        writeGenerated(all.model(), train, test, out, name);
        result = all.into(result, "gmvae_supervised", type);
        result = annotate(trainSome, test, typeCol + "_10pct", type, split.validation(), "10% labels", seed).into(result, "gmvae_10pct", type);
        if (donorCol != null) {
            // transfer: labels of the first half of the donors (in the column's order), predictions for the others
            CategoricalColumn donor = cells.obs().categorical(donorCol);
            int half = donor.categories().size() / 2;
            int[] known = IntStream.range(0, cells.nCells()).filter(i -> donor.codes()[i] >= 0 && donor.codes()[i] < half).toArray();
            int[] unknown = IntStream.range(0, cells.nCells()).filter(i -> donor.codes()[i] >= half).toArray();
            String[] transferCol = new String[cells.nCells()];
            IntStream.of(known).forEach(i -> transferCol[i] = "train");
            IntStream.of(unknown).forEach(i -> transferCol[i] = "test");
            result = result.withObs(result.obs().withColumn("transfer_split", CategoricalColumn.fromStrings(transferCol)));
            System.out.println("  transfer: labels of donors " + donor.categories().subList(0, half) + " (" + known.length + " cells), predicting "
                    + donor.categories().subList(half, donor.categories().size()) + " (" + unknown.length + " cells)");
            result = annotate(cells.selectCells(known), cells.selectCells(unknown), typeCol, type, unknown, "transfer", seed)
                    .into(result, "gmvae_transfer", type);
        }
        H5adWriter.write(result, out.resolve(name + ".h5ad"), true);
    }

    /**
     * Unsupervised (or Leiden-guided) GMVAEs at K components, one per training seed: prints each seed's figures and their
     * mean, since one seed can flatter or wrong a method (on Kang control the one-to-one accuracy at K = 8 spans 0.61-0.70
     * over three seeds); the first seed's clusters go to obs ({@code gmvae_k<K>} or {@code gmvae_guided_k<K>}).
     */
    private static AnnData clusterings(AnnData cells, InputKind.Route route, String typeCol, CategoricalColumn type, int k, boolean guided,
                                       long[] seeds, AnnData result) {
        String name = guided ? "guided K=" + k : "plain K=" + k; // guided: the default route without labels; plain: --guided none
        double[][] figures = new double[seeds.length][];
        for (int i = 0; i < seeds.length; i++) {
            long t0 = System.nanoTime();
            TrainingRequest req = TrainingRequest.of(cells).withPreprocess(route.config()).withEvaluation(typeCol)
                    .withArchitecture(ArchitectureOptions.defaults().withComponents(k)).withTraining(TrainingConfig.defaults().withSeed(seeds[i]));
            // guided: the route 'scgmvae train -k K' takes without labels; plain: '--guided none'
            req = guided ? req.withDefaultGuidance() : req.withGuidance(TrainingRequest.UNGUIDED, TrainingRequest.DEFAULT_GUIDED_EPOCHS)
                    .withDefaultGuidance();
            ModelTrainer.Outcome o = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
            int[] comp = Predictor.predict(o.model(), InferenceInput.prepare(o.model(), cells, null, null).input()).components();
            if (i == 0) {
                result = result.withObs(result.obs().withColumn((guided ? "gmvae_guided_k" : "gmvae_k") + k, LeidenClustering.column(comp)));
            }
            figures[i] = figures(comp, type.codes());
            System.out.printf(Locale.ROOT, "  GMVAE %-12s seed %-3d %s (%d of %d components used, %d epochs, %.0f s)%n", name, seeds[i],
                    summary(figures[i]), o.componentsUsed(), k, o.result().history().size(), (System.nanoTime() - t0) / 1e9);
        }
        if (seeds.length > 1) {
            double[] mean = new double[figures[0].length];
            double[] min = new double[mean.length];
            double[] max = new double[mean.length];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (double[] f : figures) {
                for (int j = 0; j < f.length; j++) {
                    mean[j] += f[j] / figures.length;
                    min[j] = Math.min(min[j], f[j]);
                    max[j] = Math.max(max[j], f[j]);
                }
            }
            System.out.printf(Locale.ROOT, "  GMVAE %-12s mean of %d seeds %s; 1:1 %.3f-%.3f, ARI %.3f-%.3f%n", name, seeds.length, summary(mean),
                    min[1], max[1], min[2], max[2]);
        }
        return result;
    }

    /** A model trained with labels and its predictions for the test cells {@code rows} (indices into the whole file). */
    private record Annotation(TrainedModel model, String[] labels, int[] rows) {

        AnnData into(AnnData result, String column, CategoricalColumn type) {
            String[] col = new String[result.nCells()];
            for (int i = 0; i < rows.length; i++) {
                col[rows[i]] = labels[i];
            }
            return result.withObs(result.obs().withColumn(column, CategoricalColumn.fromStrings(col, type.categories())));
        }
    }

    /** Trains with the labels of {@code labelCol} on {@code train} (the CLI defaults), predicts {@code test} and prints its accuracy. */
    private static Annotation annotate(AnnData train, AnnData test, String labelCol, CategoricalColumn type, int[] testRows, String what,
                                       long seed) {
        long t0 = System.nanoTime();
        TrainingRequest req = TrainingRequest.of(train).withPreprocess(InputKind.AUTO.resolve(train, InputKind.DEFAULT_TOP_GENES).config())
                .withLabels(labelCol).withTraining(TrainingConfig.defaults().withSeed(seed));
        ModelTrainer.Outcome o = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
        String[] labels = Predictor.predict(o.model(), InferenceInput.prepare(o.model(), test, null, null).input()).labels();
        int[] truth = type.select(testRows).codes();
        int[] pred = Arrays.stream(labels).mapToInt(l -> type.categories().indexOf(l)).toArray();
        int[] identity = IntStream.range(0, type.categories().size()).toArray();
        double acc = IntStream.range(0, pred.length).filter(i -> pred[i] == truth[i]).count() / (double) pred.length;
        double balanced = Arrays.stream(ClusteringMetrics.perClassRecall(pred, truth, identity, identity.length))
                .filter(r -> !Double.isNaN(r)).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "  GMVAE %-10s test accuracy %.3f balanced %.3f (%d epochs, %.0f s)%n", what, acc, balanced,
                o.result().history().size(), (System.nanoTime() - t0) / 1e9);
        return new Annotation(o.model(), labels, testRows);
    }

    /**
     * The supervised model's generated cells ({@value #GENERATED_DRAWS} draws of w per component, the CLI's other defaults) and
     * its real training cells, both in the model's units, for the peers' 15-NN check of whether a generated cell looks like
     * its intended type: {@code OUT/NAME_generated.h5ad} (obs {@code label}) and {@code OUT/NAME_real.h5ad}; the real test
     * cells too ({@code OUT/NAME_real_test.h5ad}), since how often the same 15-NN names a real held-out cell's type is what
     * "looks like its type" can reach.
     */
    private static void writeGenerated(TrainedModel model, AnnData train, AnnData test, Path out, String name) throws Exception {
        AnnData generated = CellGenerator.generate(model, GENERATED_DRAWS, false, 42, OutputUnits.MODEL);
        H5adWriter.write(generated, out.resolve(name + "_generated.h5ad"), true);
        H5adWriter.write(InferenceInput.prepare(model, train, null, null).data(), out.resolve(name + "_real.h5ad"), true);
        H5adWriter.write(InferenceInput.prepare(model, test, null, null).data(), out.resolve(name + "_real_test.h5ad"), true);
    }

    /** Majority accuracy, one-to-one accuracy, ARI, NMI. */
    private static double[] figures(int[] predicted, int[] truth) {
        return new double[] {ClusteringMetrics.majorityAccuracy(predicted, truth), ClusteringMetrics.hungarianAccuracy(predicted, truth),
                ClusteringMetrics.adjustedRandIndex(predicted, truth), ClusteringMetrics.normalizedMutualInfo(predicted, truth)};
    }

    private static String summary(int[] predicted, int[] truth) {
        return summary(figures(predicted, truth));
    }

    private static String summary(double[] f) {
        return String.format(Locale.ROOT, "majority %.3f 1:1 %.3f ARI %.3f NMI %.3f", f[0], f[1], f[2], f[3]);
    }
}
