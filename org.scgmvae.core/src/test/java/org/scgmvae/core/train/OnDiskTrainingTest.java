package org.scgmvae.core.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.BlockMatrix;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.task.CancellationToken;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cells left on disk ({@link H5adCellBlocks#onDisk}) go through the same preprocessing fit and training as cells in memory:
 * the same fitted pipeline, the same model input, and a model as good.
 */
class OnDiskTrainingTest {

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void write() throws Exception {
        file = dir.resolve("counts.h5ad");
        H5adWriter.write(SimulatedCounts.generate(new SimulatedCounts.Spec(600, 150, new double[] {0.5, 0.3, 0.2}, 8, 2.0, 10, 3, 1.5,
                2000, 5.0, 11)), file, true);
    }

    @Test
    void preprocessingFittedOnDiskEqualsTheFitInMemory() throws Exception {
        PreprocessConfig cfg = PreprocessConfig.defaults().withNTopGenes(60);
        FittedPreprocessing.Fit inMemory = FittedPreprocessing.fit(new H5adReader().read(file), cfg);
        try (H5adCellBlocks cells = H5adCellBlocks.open(file, ReadOptions.defaults())) {
            FittedPreprocessing.Fit onDisk = FittedPreprocessing.fit(cells.onDisk(64), cfg);
            FittedPreprocessing a = inMemory.preprocessing();
            FittedPreprocessing b = onDisk.preprocessing();
            assertEquals(a.targetSum(), b.targetSum());
            assertArrayEquals(a.selectedGenes(), b.selectedGenes());
            assertArrayEquals(a.scaler().means(), b.scaler().means(), 1e-12);
            assertArrayEquals(a.scaler().stds(), b.scaler().stds(), 1e-12);
            assertEquals(a.countShare(), b.countShare());
            assertTrue(onDisk.transformed().x() instanceof BlockMatrix, "the transformed cells stay on disk");
            for (int i = 0; i < 600; i += 7) {
                assertArrayEquals(inMemory.transformed().x().row(i, new float[60]), onDisk.transformed().x().row(i, new float[60]), 1e-6f,
                        "cell " + i);
            }
        }
    }

    @Test
    void aModelTrainedOnDiskIsAsGoodAsOneTrainedInMemory() throws Exception {
        TrainingConfig tc = TrainingConfig.defaults().withEpochs(6).withSeed(3);
        ArchitectureOptions arch = ArchitectureOptions.defaults().withHidden(new int[] {32}, new int[] {32});
        PreprocessConfig pre = PreprocessConfig.defaults().withNTopGenes(60);
        ModelTrainer.Outcome memory = ModelTrainer.train(TrainingRequest.of(new H5adReader().read(file)).withPreprocess(pre)
                .withLabels("cell_type").withConditions("condition").withArchitecture(arch).withTraining(tc), TrainingListener.NONE,
                CancellationToken.NEVER);
        try (H5adCellBlocks cells = H5adCellBlocks.open(file, ReadOptions.defaults())) {
            ModelTrainer.Outcome disk = ModelTrainer.train(TrainingRequest.of(cells.onDisk(50)).withPreprocess(pre)
                    .withLabels("cell_type").withConditions("condition").withArchitecture(arch).withTraining(tc), TrainingListener.NONE,
                    CancellationToken.NEVER);
            assertEquals(memory.model().preprocessing(), disk.model().preprocessing());
            assertEquals(memory.result().history().size(), disk.result().history().size());
            assertTrue(memory.evaluationAccuracy() > 0.9, "in memory " + memory.evaluationAccuracy());
            assertEquals(memory.evaluationAccuracy(), disk.evaluationAccuracy(), 0.03, "training-set accuracy on disk vs in memory");
            assertEquals(memory.result().best().validationLoss(), disk.result().best().validationLoss(),
                    0.02 * Math.abs(memory.result().best().validationLoss()), "validation loss on disk vs in memory");
        }
    }

    @Test
    void windowShuffleIsAPermutationThatStaysWithinItsBlocks() {
        int[] rows = IntStream.range(0, 1000).filter(i -> i % 3 != 0).toArray(); // training rows: not every cell
        int[] order = Trainer.windowShuffled(rows, 50, 4, new Random(1));
        assertArrayEquals(IntStream.range(0, rows.length).toArray(), Arrays.stream(order).sorted().toArray(), "a permutation");
        assertTrue(!Arrays.equals(IntStream.range(0, rows.length).toArray(), order), "shuffled");
        // walking the order, each window of cells touches at most 4 blocks of 50 cells
        Set<Integer> window = new HashSet<>();
        int windows = 0;
        for (int p : order) {
            window.add(rows[p] / 50);
            if (window.size() > 4) {
                window.clear();
                window.add(rows[p] / 50);
                windows++;
            }
        }
        assertEquals(4, windows, "20 blocks in windows of 4: 5 windows, 4 boundaries");
    }
}
