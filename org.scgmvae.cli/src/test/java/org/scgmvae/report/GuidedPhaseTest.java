package org.scgmvae.report;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.ToyModelFixture;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The report's training section says which epochs a guided model spent on Leiden's clusters, not on cell types. */
class GuidedPhaseTest {

    @Test
    void aGuidedModelsFirstEpochsAreNamedAsItsGuidedPhase() {
        var req = ToyModelFixture.request(ToyModelFixture.data(), 1).withGuidance(ModelTrainer.LEIDEN, 3)
                .withTraining(TrainingConfig.defaults().withEpochs(2).withBatchSize(32).withSeed(1));
        var guided = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER).model();
        assertEquals("GUIDED", guided.summary().mode());
        assertEquals(" Epochs 1-3 were the guided phase, supervised on 'leiden' (Leiden's clusters of the cells, not cell types): the"
                + " classification loss and the accuracy measure agreement with those clusters, and end with it; the unsupervised"
                + " phase follows.", ModelReport.guidedPhase(guided));
        assertEquals("", ModelReport.guidedPhase(ToyModelFixture.supervised().model()), "a supervised model has no guided phase");
    }
}
