package org.scgmvae.spark;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.model.GmvaeConfig;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.GmvaeParameters;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.nn.HostArrays;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.EpochEngine;
import org.scgmvae.core.train.LocalEpochs;
import org.scgmvae.core.train.Trainer;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.Validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The worker side of {@link DataParallelTraining}: each partition's cells, prepared once and kept in the executor's JVM
 * for the training run (with a network to run them through); parameters and Adam state come with every round. A task
 * of a partition that runs on another executor prepares the same cells again there, so the result does not depend on
 * where a task runs. Only the latest run's partitions are kept.
 */
final class Worker {

    private static final Map<String, State> STATES = new ConcurrentHashMap<>();

    private Worker() {
    }

    /** A partition's prepared cells (range {@code [from, to)} of the file), network and optimiser. */
    private static final class State {
        final int from;
        final int to;
        final ModelInput input;
        final GmvaeModule net;
        final LocalEpochs steps;

        State(int from, int to, ModelInput input, GmvaeModule net, LocalEpochs steps) {
            this.from = from;
            this.to = to;
            this.input = input;
            this.net = net;
            this.steps = steps;
        }
    }

    private static State state(DataParallelTraining.Job job, int p) {
        // one training run per executor at a time: a new run's first task drops what an earlier run left
        STATES.keySet().removeIf(k -> !k.startsWith(job.id() + "#"));
        return STATES.computeIfAbsent(job.id() + "#" + p, k -> prepare(job, p));
    }

    private static State prepare(DataParallelTraining.Job job, int p) {
        try {
            return prepareCells(job, p);
        } catch (OutOfMemoryError e) {
            // said here, while the task can still fail on its own: in local mode Spark's handler would end the JVM with only
            // "SparkContext has been shutdown"
            int cells = job.ranges()[p][1] - job.ranges()[p][0];
            long mb = (long) cells * job.model().nFeatures() * Float.BYTES >> 20;
            throw new IllegalArgumentException("partition " + p + " of " + job.ranges().length + " (" + cells + " cells, about " + mb
                    + " MB prepared) does not fit in the executor's heap of " + (Runtime.getRuntime().maxMemory() >> 20) + " MB, beside"
                    + " the other partitions it holds: give the executors more memory (--executor-memory; in local mode, where one"
                    + " JVM holds every partition, --driver-memory or java -Xmx), or on a cluster more executors, each then holding fewer"
                    + " cells");
        }
    }

    private static State prepareCells(DataParallelTraining.Job job, int p) {
        int from = job.ranges()[p][0];
        int to = job.ranges()[p][1];
        ModelInput input = cells(job.path(), job.read(), DataParallelTraining.preprocessing(job), from, to, job.conditions(), job.nConditions(),
                job.labels(), job.model());
        GmvaeModule net = new GmvaeModule(job.model(), GmvaeParameters.initialise(job.model(), 0));
        return new State(from, to, input, net, new LocalEpochs(net, input, job.training(), TrainingListener.NONE, CancellationToken.NEVER));
    }

    /**
     * Rows {@code [from, to)} of the file, prepared as the driver prepares them: read in one block, the fitted preprocessing
     * repeated (null: used as they are), with their slices of the driver's condition and label codes (null: none).
     */
    static ModelInput cells(String path, ReadOptions read, FittedPreprocessing pre, int from, int to, int[] conditions, int nConditions,
                            int[] labels, GmvaeConfig config) {
        try (H5adCellBlocks file = H5adCellBlocks.open(Path.of(path), read)) {
            return prepared(file, pre, from, to, conditions, nConditions, labels, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #cells} from a file already open. */
    static ModelInput prepared(H5adCellBlocks file, FittedPreprocessing pre, int from, int to, int[] conditions, int nConditions,
                               int[] labels, GmvaeConfig config) throws IOException {
        AnnData cells = file.block(from, to);
        AnnData prepared = pre == null ? cells : pre.apply(cells).transformed();
        return ModelInput.of(prepared, slice(conditions, from, to), nConditions, slice(labels, from, to), config);
    }

    private static int[] slice(int[] codes, int from, int to) {
        return codes == null ? null : Arrays.copyOfRange(codes, from, to);
    }

    /** One round: from the driver's parameters, this partition's share of the epoch; its parameters and terms after it. */
    static DataParallelTraining.Answer round(DataParallelTraining.Job job, int p, DataParallelTraining.Round r) {
        State s = state(job, p);
        synchronized (s) {
            if (r.adam() == null) {
                s.steps.resetOptimizer();
            } else {
                s.steps.restoreOptimizer(r.adam());
            }
            HostArrays.write(r.parameters(), s.net.parameters().flat());
            int[] local = DataParallelTraining.local(r.trainRows(), s.from, s.to);
            // the same shuffled order in every round of the epoch, each round taking its own share of it
            List<Integer> order = new java.util.ArrayList<>(IntStream.range(0, local.length).boxed().toList());
            Collections.shuffle(order, new Random(r.epochSeed() * 31 + p));
            int a = (int) ((long) local.length * r.round() / r.rounds());
            int b = (int) ((long) local.length * (r.round() + 1) / r.rounds());
            int[] share = new int[b - a];
            for (int i = a; i < b; i++) {
                share[i - a] = local[order.get(i)];
            }
            EpochEngine.Steps steps = s.steps.run(s.net, share, new double[share.length], new Random(r.epochSeed() ^ (1_000_003L * p + r.round())),
                    r.epoch(), (double) r.round() / r.rounds(), (r.round() + 1.0) / r.rounds(), r.learningRate(), r.classWeight());
            return new DataParallelTraining.Answer(HostArrays.read(s.net.parameters().flat()), s.steps.optimizerState(), steps.sums().toArray(),
                    share.length, steps.failure());
        }
    }

    /** The network with the given parameters on this partition's share of {@code rows} (global indices): sums and counts. */
    static Validation validate(DataParallelTraining.Job job, int p, float[] params, int[] rows, double classWeight) {
        State s = state(job, p);
        synchronized (s) {
            HostArrays.write(params, s.net.parameters().flat());
            int[] local = DataParallelTraining.local(rows, s.from, s.to);
            return local.length == 0 ? Validation.NONE : Trainer.validate(s.net, s.input, local, classWeight);
        }
    }

    static void forget(DataParallelTraining.Job job, int p) {
        STATES.remove(job.id() + "#" + p);
    }
}
