package org.scgmvae.core.train;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.task.CancellationToken;
import org.junit.jupiter.api.Test;

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
        List<Double> losses = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        ModelTrainer.Outcome best = ModelTrainer.train(toy(3), new TrainingListener() {
            @Override
            public void onRestartFinished(int index, int of, long seed, double loss) {
                assertEquals(losses.size(), index);
                assertEquals(3, of);
                seeds.add(seed);
                losses.add(loss);
            }
        }, CancellationToken.NEVER);
        assertTrue(single.evaluationAccuracy() < 0.9, "a single run merges classes: " + single.evaluationAccuracy());
        assertEquals(1.0, best.evaluationAccuracy(), 1e-9);
        assertNotEquals(2L, best.model().summary().seed(), "another seed than the first won");
        assertEquals(List.of(2L, 3L, 4L), seeds);
        // the kept run is the one with the lowest reported loss, and that loss is its validation loss
        int kept = losses.indexOf(losses.stream().min(Double::compare).orElseThrow());
        assertEquals(seeds.get(kept), best.model().summary().seed());
        assertEquals(kept, best.keptRestart(), "the outcome names the kept restart");
        assertEquals(0, single.keptRestart());
        assertEquals(losses.get(kept), best.result().best().validationLoss(), 1e-12);
        // the first restart is the single run: same seed, same validation cells
        assertEquals(single.result().best().validationLoss(), losses.get(0), 1e-12);
    }

    @Test
    void atLeastOneRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withRestarts(0));
        assertEquals("restarts must be from 1 to 1,000, got 0", e.getMessage());
    }
}
