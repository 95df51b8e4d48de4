package org.scgmvae.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.train.EpochEngine;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Training's last pass of data-parallel training on the executors: each task reads a range of the training file a block at
 * a time, prepares each block as the driver does and encodes it with the trained model (broadcast once); the driver only puts the ranges' components
 * and latent means together. On one machine the same pass reads every cell through the driver.
 */
final class FinalEncoding {

    /** The Spark job's description. */
    static final String DESCRIPTION = "sc*GMVAE training's last pass: encoding every cell";

    private FinalEncoding() {
    }

    /** One range's result: its first cell and, per cell, the most probable component and the means of z and w (by rows). */
    record Part(int from, int[] components, float[] z, float[] w) implements Serializable {
    }

    /** What every task needs besides the model: the file, how to read it and the driver's condition codes (null: none). */
    record Job(String path, ReadOptions read, int[] conditions, int nConditions) implements Serializable {
    }

    static EpochEngine.Encoded run(JavaSparkContext sc, Path file, ReadOptions read, int partitions, TrainedModel model, ModelInput input) {
        int n = input.nCells();
        BroadcastModel shared;
        try {
            shared = new BroadcastModel(sc, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Broadcast<Job> job = sc.broadcast(new Job(file.toAbsolutePath().toString(), read, input.conditions(), model.config().nConditions()));
        List<Part> parts;
        sc.setJobDescription(DESCRIPTION + " (" + n + " cells)"); // what Spark's UI shows for this job
        try {
            parts = sc.parallelize(Arrays.asList(DataParallelTraining.ranges(n, partitions)), partitions)
                    .map(range -> encode(shared.model(), job.value(), range[0], range[1]))
                    .collect();
        } finally {
            sc.setJobDescription(null);
            job.destroy();
            shared.destroy();
        }
        int dz = model.config().zDim();
        int dw = model.config().wDim();
        int[] components = new int[n];
        float[] z = new float[n * dz];
        float[] w = new float[n * dw];
        for (Part p : parts) {
            System.arraycopy(p.components(), 0, components, p.from(), p.components().length);
            System.arraycopy(p.z(), 0, z, p.from() * dz, p.z().length);
            System.arraycopy(p.w(), 0, w, p.from() * dw, p.w().length);
        }
        return new EpochEngine.Encoded(components, new LatentEncoder.Latents(new DenseMatrix(n, dz, z), new DenseMatrix(n, dw, w)));
    }

    /** Cells read, prepared and encoded at a time by a task: its memory does not grow with its range. */
    static final int BLOCK_CELLS = 8192;

    private static Part encode(TrainedModel model, Job job, int from, int to) throws IOException {
        int dz = model.config().zDim();
        int dw = model.config().wDim();
        int[] components = new int[to - from];
        float[] z = new float[(to - from) * dz];
        float[] w = new float[(to - from) * dw];
        try (H5adCellBlocks file = H5adCellBlocks.open(Path.of(job.path()), job.read())) {
            for (int a = from; a < to; a += BLOCK_CELLS) {
                int b = Math.min(to, a + BLOCK_CELLS);
                ModelInput cells = Worker.prepared(file, model.preprocessing(), a, b, job.conditions(), job.nConditions(), null, model.config());
                Predictor.WithLatents both = Predictor.predictWithLatents(model, cells, Progress.NONE);
                System.arraycopy(both.predictions().components(), 0, components, a - from, b - a);
                System.arraycopy(both.latents().z().values(), 0, z, (a - from) * dz, (b - a) * dz);
                System.arraycopy(both.latents().w().values(), 0, w, (a - from) * dw, (b - a) * dw);
            }
        }
        return new Part(from, components, z, w);
    }
}
