package org.scgmvae.report;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.ToyModelFixture;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training curves mark the epoch whose parameters the model kept, as the model file records it. */
class TrainingCurvesTest {

    @Test
    void everyCurveMarksTheKeptEpoch() {
        ModelTrainer.Outcome o = ToyModelFixture.trained();
        TrainedModel.TrainingSummary s = o.model().summary();
        assertEquals(o.result().bestEpoch(), s.bestEpoch(), "the summary keeps the trainer's best epoch");
        assertTrue(s.bestEpoch() >= 1 && s.bestEpoch() <= s.epochs(), "best epoch " + s.bestEpoch() + " of " + s.epochs());
        List<XYChart> marked = TrainingCurves.charts(s.history(), s.bestEpoch(), 400, 300);
        assertFalse(marked.isEmpty());
        for (XYChart c : marked) {
            assertTrue(c.getSeriesMap().containsKey(TrainingCurves.KEPT + s.bestEpoch()), c.getTitle() + ": " + c.getSeriesMap().keySet());
        }
        for (XYChart c : TrainingCurves.charts(s.history(), 0, 400, 300)) {
            assertTrue(c.getSeriesMap().keySet().stream().noneMatch(k -> k.startsWith(TrainingCurves.KEPT)), "an unknown epoch: no mark");
        }
    }
}
