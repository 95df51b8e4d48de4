package org.scgmvae.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.LossTerms;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.nn.HostArrays;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.preprocess.StatisticsPasses;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.train.AdamOptimizer;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.EpochEngine;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.Validation;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Data-parallel training on Spark with synchronous parameter averaging, the scheme of DL4J's own Spark training
 * (ParameterAveragingTrainingMaster, which averages the updater state too): the cells of one {@code .h5ad} file are cut
 * into one contiguous range per partition; each worker prepares its range once (the fitted preprocessing repeated
 * there) and keeps it for the run; every epoch runs in {@code rounds} rounds, each a share of every partition's
 * shuffled training cells, starting from the driver's parameters and Adam state, after which the driver averages both
 * (weighted by cells). Nothing but the prepared cells lives on a worker between rounds, so where Spark runs a task does
 * not change the result.
 * Validation loss and accuracy are computed on the workers too, in one pass, and so are the preprocessing's statistics (Spark
 * aggregations) and training's last pass over every cell ({@link FinalEncoding}). Everything else of training (the split,
 * early stopping, naming the components) runs on the driver through the same code as on one machine.
 */
public final class DataParallelTraining {

    private DataParallelTraining() {
    }

    /**
     * The engine choice for {@link org.scgmvae.core.train.ModelTrainer#train(org.scgmvae.core.train.TrainingRequest,
     * TrainingListener, CancellationToken, EpochEngine.Choice)} on the cells of {@code file} (the same cells as the
     * request's data, read by every worker from a file system they share).
     *
     * @param partitions workers' shares of the cells (at least 1)
     * @param rounds     parameter averages per epoch (at least 1)
     */
    public static EpochEngine.Choice on(SparkSession spark, Path file, int partitions, int rounds) {
        return on(spark, file, ReadOptions.defaults(), partitions, rounds);
    }

    /** As {@link #on(SparkSession, Path, int, int)} for cells read from {@code file} with {@code options} on the driver. */
    public static EpochEngine.Choice on(SparkSession spark, Path file, ReadOptions options, int partitions, int rounds) {
        if (partitions < 1 || rounds < 1) {
            throw new IllegalArgumentException("partitions and rounds per epoch must be at least 1, got " + partitions + " and " + rounds);
        }
        return new EpochEngine.Choice() {
            @Override
            public EpochEngine.Factory with(FittedPreprocessing pre) {
                return (net, data, config, listener, cancel) -> new Engine(spark, file, options, partitions, rounds, net, data, config,
                        listener, cancel, pre);
            }

            /** Training's last pass on the executors, a range of the file per task, not a driver pass over the file. */
            @Override
            public EpochEngine.Encoded encodeAll(TrainedModel model, ModelInput input, Progress progress) {
                return FinalEncoding.run(JavaSparkContext.fromSparkContext(spark.sparkContext()), file, options, partitions, model, input);
            }

            /** The preprocessing statistics as Spark aggregations over the file's blocks, not driver passes over the file. */
            @Override
            public FittedPreprocessing.Fit fitPreprocessing(AnnData data, PreprocessConfig config, Progress progress) {
                try {
                    StatisticsPasses passes = new SparkStatisticsPasses(JavaSparkContext.fromSparkContext(spark.sparkContext()), file, options,
                            STATISTICS_BLOCK_CELLS);
                    return FittedPreprocessing.fit(data, config, passes, progress);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Cells per task of the preprocessing's statistics passes. */
    static final int STATISTICS_BLOCK_CELLS = 8192;

    /** What every worker needs to prepare its cells, sent once per training run. */
    record Job(String id, String path, ReadOptions read, String preprocessing, org.scgmvae.core.model.GmvaeConfig model,
               TrainingConfig training, int[] conditions, int nConditions, int[] labels, int[][] ranges) implements Serializable {
    }

    /**
     * One round's instructions: the parameters and Adam state to start from (null: a fresh optimiser) and which share of
     * the epoch to run over which training cells.
     */
    record Round(float[] parameters, AdamOptimizer.State adam, int epoch, int round, int rounds, long epochSeed, double learningRate,
                 double classWeight, int[] trainRows) implements Serializable {
    }

    /**
     * A worker's answer: its parameters and Adam state after the round, the summed loss terms over its cells, how many cells
     * it saw, or why it stopped.
     */
    record Answer(float[] parameters, AdamOptimizer.State adam, double[] terms, int cells, String failure) implements Serializable {
    }

    private static final class Engine implements EpochEngine {
        private final JavaSparkContext sc;
        private final Broadcast<Job> job;
        private final JavaRDD<Integer> partitions;
        private final int rounds;
        private final TrainingConfig config;
        private final TrainingListener listener;
        private final CancellationToken cancel;
        /** The averaged Adam state the next round starts from; null = a fresh optimiser. */
        private AdamOptimizer.State adam;

        Engine(SparkSession spark, Path file, ReadOptions read, int nPartitions, int rounds, GmvaeModule net, ModelInput data,
               TrainingConfig config, TrainingListener listener, CancellationToken cancel, FittedPreprocessing pre) {
            if (config.rebalance()) {
                throw new IllegalArgumentException("oversampling rare labels (--rebalance) is not available in data-parallel training");
            }
            requireEveryCell(file, read, data.nCells());
            this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            this.rounds = rounds;
            this.config = config;
            this.listener = listener == null ? TrainingListener.NONE : listener;
            this.cancel = cancel == null ? CancellationToken.NEVER : cancel;
            int[][] ranges = ranges(data.nCells(), nPartitions);
            int p = ranges.length;
            this.job = sc.broadcast(new Job(UUID.randomUUID().toString(), file.toAbsolutePath().toString(), read, pre == null ? null : pre.toJson(),
                    net.config(), config, data.conditions(), net.config().nConditions(), data.labels(), ranges));
            this.partitions = sc.parallelize(IntStream.range(0, p).boxed().toList(), p);
        }

        @Override
        public Steps run(GmvaeModule net, int[] trainRows, double[] noise, Random rnd, int epoch, double learningRate, double classWeight) {
            long epochSeed = rnd.nextLong();
            LossTerms sums = LossTerms.ZERO;
            int nParams = (int) net.parameters().count();
            for (int r = 0; r < rounds; r++) {
                cancel.check();
                Broadcast<Round> round = sc.broadcast(new Round(HostArrays.read(net.parameters().flat()), adam, epoch, r, rounds, epochSeed,
                        learningRate, classWeight, trainRows));
                Broadcast<Job> j = job;
                List<Answer> answers;
                try {
                    answers = partitions.map(p -> Worker.round(j.value(), p, round.value())).collect();
                } finally {
                    round.destroy();
                }
                double[] params = new double[nParams];
                double[] m = new double[nParams];
                double[] v = new double[nParams];
                int steps = 0;
                int cells = 0;
                for (Answer a : answers) {
                    if (a.failure() != null) {
                        return new Steps(sums, EpochEngine.klWeight(config, epoch, (r + 1.0) / rounds), a.failure());
                    }
                    if (a.cells() == 0) {
                        continue;
                    }
                    for (int i = 0; i < nParams; i++) {
                        params[i] += (double) a.parameters()[i] * a.cells();
                        m[i] += (double) a.adam().m()[i] * a.cells();
                        v[i] += (double) a.adam().v()[i] * a.cells();
                    }
                    steps = Math.max(steps, a.adam().steps());
                    cells += a.cells();
                    sums = sums.plus(LossTerms.of(a.terms()), 1);
                }
                if (cells > 0) {
                    HostArrays.write(mean(params, cells), net.parameters().flat());
                    adam = new AdamOptimizer.State(mean(m, cells), mean(v, cells), steps);
                }
                listener.onProgress((epoch + (r + 1.0) / rounds) / config.epochs(), "epoch " + (epoch + 1) + "/" + config.epochs()
                        + ", round " + (r + 1) + "/" + rounds + " on " + answers.size() + " partitions");
            }
            return new Steps(sums, EpochEngine.klWeight(config, epoch, 1.0), null);
        }

        @Override
        public Validation validate(GmvaeModule net, int[] rows, double classWeight) {
            Broadcast<float[]> params = sc.broadcast(HostArrays.read(net.parameters().flat()));
            Broadcast<Job> j = job;
            List<Validation> parts;
            try {
                parts = partitions.map(p -> Worker.validate(j.value(), p, params.value(), rows, classWeight)).collect();
            } finally {
                params.destroy();
            }
            return parts.stream().reduce(Validation.NONE, Validation::plus);
        }

        @Override
        public void resetOptimizer() {
            adam = null;
        }

        @Override
        public void close() {
            Broadcast<Job> j = job;
            partitions.foreach(p -> Worker.forget(j.value(), p));
            job.destroy();
        }
    }

    /** {@code n} cells cut into at most {@code partitions} contiguous ranges {from, to} of (nearly) equal size, none empty. */
    static int[][] ranges(int n, int partitions) {
        int p = Math.max(1, Math.min(partitions, n));
        int[][] ranges = new int[p][];
        for (int i = 0; i < p; i++) {
            ranges[i] = new int[] {(int) ((long) n * i / p), (int) ((long) n * (i + 1) / p)};
        }
        return ranges;
    }

    private static float[] mean(double[] sums, int n) {
        float[] out = new float[sums.length];
        for (int i = 0; i < sums.length; i++) {
            out[i] = (float) (sums[i] / n);
        }
        return out;
    }

    /**
     * Workers read rows {@code [from, to)} of the file itself, so the driver's cells must be the file's cells, in order:
     * a cell filter (minimum counts or genes per cell) would pair labels with the wrong cells.
     */
    private static void requireEveryCell(Path file, ReadOptions read, int driverCells) {
        int fileCells;
        try (H5adCellBlocks cells = H5adCellBlocks.open(file, read)) {
            fileCells = cells.nCells();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (fileCells != driverCells) {
            throw new IllegalArgumentException("data-parallel training trains on every cell of " + file.getFileName() + " (" + fileCells
                    + " cells) but the prepared data has " + driverCells + ": cell filters (minimum counts or genes per cell) are not"
                    + " available here; filter the file first");
        }
    }

    /** The rows of {@code rows} (sorted global indices) that fall in {@code [from, to)}, as indices into that range. */
    static int[] local(int[] rows, int from, int to) {
        int a = lowerBound(rows, from);
        int b = lowerBound(rows, to);
        int[] out = new int[b - a];
        for (int i = a; i < b; i++) {
            out[i - a] = rows[i] - from;
        }
        return out;
    }

    private static int lowerBound(int[] sorted, int key) {
        int i = Arrays.binarySearch(sorted, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == key) {
            i--;
        }
        return i;
    }

    static FittedPreprocessing preprocessing(Job job) {
        try {
            return job.preprocessing() == null ? null : FittedPreprocessing.fromJson(job.preprocessing());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
