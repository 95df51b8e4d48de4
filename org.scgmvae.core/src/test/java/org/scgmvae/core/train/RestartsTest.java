package org.scgmvae.core.train;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.synthetic.ToyBlobs;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restarts keep the run with the lowest validation loss, which on the toy blobs is a run that keeps the classes apart. */
class RestartsTest {

    /** The toy benchmark's set-up for data seed 2, where a single unsupervised run merges classes (accuracy 0.4). */
    private static TrainingRequest toy(int restarts) {
        AnnData toy = ToyBlobs.generate(100, 2);
        return TrainingRequest.of(toy).withPreprocess(null).withConditions("condition").withEvaluation("cell_type")
                .withArchitecture(ArchitectureOptions.defaults().withComponents(20).withLatentDims(4, 1)
                        .withHidden(new int[] {64}, new int[] {64}))
                .withTraining(TrainingConfig.defaults().withEpochs(50).withBatchSize(32).withWarmup(5).withLearningRate(2e-3)
                        .withSeed(2).withRestarts(restarts));
    }

    @Test
    void restartsPickTheRunWithTheLowestValidationLossAndItSeparatesTheClasses() {
        ModelTrainer.Outcome single = ModelTrainer.train(toy(1), TrainingListener.NONE, CancellationToken.NEVER);
        List<String> progress = new ArrayList<>();
        ModelTrainer.Outcome best = ModelTrainer.train(toy(3), new TrainingListener() {
            @Override
            public void onProgress(double fraction, String message) {
                if (message.startsWith("restart ")) {
                    progress.add(message);
                }
            }
        }, CancellationToken.NEVER);
        assertTrue(single.evaluationAccuracy() < 0.9, "a single run merges classes: " + single.evaluationAccuracy());
        assertEquals(1.0, best.evaluationAccuracy(), 1e-9);
        assertNotEquals(2L, best.model().summary().seed(), "another seed than the first won");
        assertEquals(3, progress.size(), progress.toString());
        // the kept run has the lowest of the reported losses
        double kept = best.result().best().validationLoss();
        for (String p : progress) {
            double loss = Double.parseDouble(p.substring(p.lastIndexOf(' ') + 1));
            assertTrue(kept <= loss + 5e-4, kept + " vs " + p);
        }
        // the first restart is the single run: same seed, same validation cells
        assertEquals(single.result().best().validationLoss(), Double.parseDouble(progress.get(0).substring(progress.get(0).lastIndexOf(' ') + 1)), 5e-4);
    }

    @Test
    void atLeastOneRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withRestarts(0));
        assertEquals("restarts must be >= 1", e.getMessage());
    }
}
