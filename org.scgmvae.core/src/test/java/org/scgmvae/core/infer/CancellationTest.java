package org.scgmvae.core.infer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.eval.LeidenClustering;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.task.CancelledException;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.train.ToyModelFixture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 part 2: the long steps besides training report their progress and stop when cancelled, between small units of
 * work: chunks of 1,024 cells for the appliers, blocks of the kNN search and Leiden iterations, preprocessing steps, the
 * parts of an .h5ad file.
 */
class CancellationTest {

    @TempDir
    Path dir;

    /** Records every report; cancels once {@code cancelAfter} reports have been made (never when negative). */
    static final class Recorder {
        final List<Double> fractions = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        final int cancelAfter;

        Recorder(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        Progress progress() {
            return Progress.of((f, m) -> {
                fractions.add(f);
                messages.add(m);
            }, () -> cancelAfter >= 0 && fractions.size() >= cancelAfter);
        }

        void assertMonotoneToOne() {
            for (int i = 1; i < fractions.size(); i++) {
                assertTrue(fractions.get(i) >= fractions.get(i - 1) - 1e-12, "never backwards: " + fractions);
            }
            assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-12, "ends at 1: " + fractions);
        }
    }

    @Test
    void appliersReportPerChunkAndStopBetweenChunks() {
        int threads = org.scgmvae.core.nn.ComputeSettings.inferenceThreads();
        org.scgmvae.core.nn.ComputeSettings.setInferenceThreads(1); // one chunk after the other: a report per chunk
        try {
            appliersOneChunkAfterTheOther();
        } finally {
            org.scgmvae.core.nn.ComputeSettings.setInferenceThreads(threads);
        }
    }

    /**
     * On several threads the chunks give the same numbers to the bit (each is computed alone, with a one-thread BLAS);
     * progress is reported by the calling thread, never backwards, ending at 1; cancelling stops the workers.
     */
    @Test
    void chunksOnSeveralThreadsGiveTheSameResultsAndStillStop() {
        TrainedModel model = ToyModelFixture.supervised().model();
        AnnData many = ToyBlobs.generate(500, 5); // 5,000 cells: five chunks
        InferenceInput in = InferenceInput.prepare(model, many, null, null);
        int threads = org.scgmvae.core.nn.ComputeSettings.inferenceThreads();
        try {
            org.scgmvae.core.nn.ComputeSettings.setInferenceThreads(1);
            Predictor.Predictions p1 = Predictor.predict(model, in.input());
            LatentEncoder.Latents l1 = LatentEncoder.encode(model, in.input(), false, 0);
            org.scgmvae.core.data.DenseMatrix f1 = ConditionFlipper.flip(model, in.input(), "stim", ConditionFlipper.Mode.PRIOR_MEAN);
            org.scgmvae.core.nn.ComputeSettings.setInferenceThreads(3);
            Recorder all = new Recorder(-1);
            Predictor.Predictions p3 = Predictor.predict(model, in.input(), all.progress());
            for (int i = 0; i < 5000; i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(p1.probabilities()[i], p3.probabilities()[i], 0f, "cell " + i);
            }
            all.assertMonotoneToOne();
            org.junit.jupiter.api.Assertions.assertArrayEquals(l1.z().values(), LatentEncoder.encode(model, in.input(), false, 0).z().values(), 0f);
            org.junit.jupiter.api.Assertions.assertArrayEquals(f1.values(),
                    ConditionFlipper.flip(model, in.input(), "stim", ConditionFlipper.Mode.PRIOR_MEAN).values(), 0f);
            assertThrows(CancelledException.class, () -> LatentEncoder.encode(model, in.input(), false, 0, new Recorder(1).progress()));
        } finally {
            org.scgmvae.core.nn.ComputeSettings.setInferenceThreads(threads);
        }
    }

    private static void appliersOneChunkAfterTheOther() {
        TrainedModel model = ToyModelFixture.supervised().model();
        AnnData many = ToyBlobs.generate(300, 5); // 3,000 cells: three chunks
        InferenceInput in = InferenceInput.prepare(model, many, null, null);
        Recorder all = new Recorder(-1);
        Predictor.Predictions p = Predictor.predict(model, in.input(), all.progress());
        assertEquals(3000, p.components().length);
        assertEquals(List.of(0.0, 1024 / 3000.0, 2048 / 3000.0, 1.0), all.fractions);
        assertTrue(all.messages.get(0).contains("3000 cells"), all.messages.toString());

        Recorder stopped = new Recorder(2);
        assertThrows(CancelledException.class, () -> LatentEncoder.encode(model, in.input(), false, 0, stopped.progress()));
        assertEquals(2, stopped.fractions.size(), "stopped at the next chunk boundary: " + stopped.fractions);
        assertThrows(CancelledException.class, () -> ConditionFlipper.flip(model, in.input(), "stim", ConditionFlipper.Mode.ENCODED,
                new Recorder(1).progress()));
        Recorder gen = new Recorder(-1);
        CellGenerator.generate(model, 2, false, 1, OutputUnits.MODEL, CellGenerator.StyleSource.CELLS, gen.progress());
        gen.assertMonotoneToOne();
        assertThrows(CancelledException.class, () -> CellGenerator.generate(model, 2, false, 1, OutputUnits.MODEL,
                CellGenerator.StyleSource.CELLS, new Recorder(3).progress()));
    }

    @Test
    void leidenReportsItsGraphAndIterationsAndStops() {
        AnnData cells = ToyBlobs.generate(100, 1);
        Recorder all = new Recorder(-1);
        int[] withProgress = LeidenClustering.defaults().cluster(cells.x(), all.progress());
        all.assertMonotoneToOne();
        assertTrue(all.messages.stream().anyMatch(m -> m.startsWith("Leiden iteration")), all.messages.toString());
        assertTrue(all.messages.stream().anyMatch(m -> m.startsWith("nearest neighbours")), all.messages.toString());
        assertEquals(java.util.Arrays.toString(LeidenClustering.defaults().cluster(cells.x())), java.util.Arrays.toString(withProgress),
                "the same clusters with and without progress");
        assertThrows(CancelledException.class, () -> LeidenClustering.defaults().cluster(cells.x(), new Recorder(4).progress()));
        assertThrows(CancelledException.class, () -> LeidenClustering.defaults().clusterInto(cells.x(), 5, new Recorder(6).progress()));
    }

    @Test
    void preprocessingAndReadingReportTheirStepsAndStop() throws Exception {
        AnnData counts = org.scgmvae.core.data.synthetic.SimulatedCounts.generate(new org.scgmvae.core.data.synthetic.SimulatedCounts.Spec(
                200, 60, new double[] {0.5, 0.5}, 5, 2.0, 5, 2, 1.5, 2000, 5.0, 3));
        Recorder fit = new Recorder(-1);
        FittedPreprocessing.fit(counts, PreprocessConfig.defaults().withNTopGenes(8), fit.progress());
        fit.assertMonotoneToOne();
        assertTrue(fit.messages.contains("preprocessing: highly variable genes"), fit.messages.toString());
        assertThrows(CancelledException.class,
                () -> FittedPreprocessing.fit(counts, PreprocessConfig.defaults().withNTopGenes(8), new Recorder(2).progress()));

        Path file = dir.resolve("c.h5ad");
        H5adWriter.write(counts, file, true);
        Recorder read = new Recorder(-1);
        new H5adReader().read(file, read.progress());
        read.assertMonotoneToOne();
        assertThrows(CancelledException.class, () -> new H5adReader().read(file, new Recorder(1).progress()));
    }
}
