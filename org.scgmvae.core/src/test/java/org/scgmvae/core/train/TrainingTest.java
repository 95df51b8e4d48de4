package org.scgmvae.core.train;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.model.LossTerms;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.task.CancelledException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {

    @Test
    void unsupervisedCgmvaeSeparatesToyBlobsPerfectly() {
        ModelTrainer.Outcome o = ToyModelFixture.trained();
        assertEquals(1.0, o.evaluationAccuracy(), 1e-12, "majority-mapping accuracy on the toy blobs");
        assertEquals(TrainingMode.UNSUPERVISED, o.mode());
        // the loss went down and every term stayed finite
        EpochReport first = o.result().history().get(0);
        EpochReport best = o.result().best();
        assertTrue(best.trainLoss() < first.trainLoss() - 10, "loss " + first.trainLoss() + " -> " + best.trainLoss());
        for (String t : LossTerms.NAMES) {
            assertTrue(Double.isFinite(best.train().get(t)), t);
        }
        // every component that wins cells was named by majority
        assertTrue(o.model().componentLabels().stream().filter(java.util.Objects::nonNull).count() >= 5);
    }

    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        AnnData toy = ToyBlobs.generate(20, 3);
        TrainingRequest req = ToyModelFixture.request(toy, 7).withTraining(TrainingConfig.defaults().withEpochs(3).withBatchSize(32).withSeed(7));
        ModelTrainer.Outcome a = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
        ModelTrainer.Outcome b = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
        ModelTrainer.Outcome c = ModelTrainer.train(req.withTraining(req.training().withSeed(8)), TrainingListener.NONE, CancellationToken.NEVER);
        assertEquals(losses(a), losses(b));
        assertTrue(a.model().module().parameters().flat().equals(b.model().module().parameters().flat()), "identical parameters");
        assertNotEquals(losses(a), losses(c));
    }

    private static List<Double> losses(ModelTrainer.Outcome o) {
        List<Double> l = new ArrayList<>();
        o.result().history().forEach(r -> l.add(r.trainLoss()));
        return l;
    }

    @Test
    void supervisedAndSemiSupervisedUseTheLabels() {
        AnnData toy = ToyBlobs.generate(40, 5);
        TrainingRequest sup = ToyModelFixture.request(toy, 1).withLabels("cell_type").withEvaluation(null)
                .withArchitecture(ArchitectureOptions.defaults().withLatentDims(4, 1).withHidden(new int[] {32}, new int[] {32}))
                .withTraining(TrainingConfig.defaults().withEpochs(12).withBatchSize(32));
        ModelTrainer.Outcome s = ModelTrainer.train(sup, TrainingListener.NONE, CancellationToken.NEVER);
        assertEquals(TrainingMode.SUPERVISED, s.mode());
        assertEquals(5, s.model().config().nComponents(), "one component per label");
        assertEquals(s.model().labelNames(), s.model().componentLabels().subList(0, 5));
        assertEquals(1.0, s.result().best().validationAccuracy(), 1e-12);

        // keep the label of every 10th cell only
        CategoricalColumn full = toy.obs().categorical("cell_type");
        int[] codes = full.codes().clone();
        for (int i = 0; i < codes.length; i++) {
            if (i % 10 != 0) {
                codes[i] = -1;
            }
        }
        AnnData partly = toy.withObs(toy.obs().withColumn("some_labels", new CategoricalColumn(codes, full.categories(), false)));
        ModelTrainer.Outcome semi = ModelTrainer.train(ToyModelFixture.request(partly, 1).withLabels("some_labels")
                .withArchitecture(sup.architecture()).withTraining(sup.training().withEpochs(30).withLearningRate(2e-3)),
                TrainingListener.NONE, CancellationToken.NEVER);
        assertEquals(TrainingMode.SEMI_SUPERVISED, semi.mode());
        assertTrue(semi.evaluationAccuracy() > 0.95, "semi-supervised accuracy " + semi.evaluationAccuracy());
    }

    @Test
    void cancellationStopsTraining() {
        AnnData toy = ToyBlobs.generate(20, 3);
        AtomicInteger calls = new AtomicInteger();
        TrainingListener counting = new TrainingListener() {
            @Override
            public void onProgress(double fraction, String message) {
                calls.incrementAndGet();
            }
        };
        CancellationToken afterFive = () -> calls.get() >= 5;
        assertThrows(CancelledException.class,
                () -> ModelTrainer.train(ToyModelFixture.request(toy, 1), counting, afterFive));
        assertTrue(calls.get() < 10, "stopped promptly after " + calls.get() + " batches");
    }

    @Test
    void nonFiniteInputIsRejectedBeforeTraining() {
        AnnData toy = ToyBlobs.generate(20, 3);
        DenseMatrix x = (DenseMatrix) toy.x();
        float[] v = x.values().clone();
        v[5 * x.nGenes() + 2] = Float.NaN;
        AnnData bad = toy.withX(new DenseMatrix(x.nCells(), x.nGenes(), v));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelTrainer.train(ToyModelFixture.request(bad, 1), TrainingListener.NONE, CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("cell5") && e.getMessage().contains("dim2") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void divergenceIsRecoveredOrReportedClearly() {
        AnnData toy = ToyBlobs.generate(20, 3);
        List<String> recoveries = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onRecovery(int epoch, String reason) {
                recoveries.add(reason);
            }
        };
        // values of 1e18 (used as they are): the squared errors overflow float, whatever the learning rate (the largest
        // allowed one, 10, does not diverge on sane data: the gradient is clipped)
        org.scgmvae.core.data.DenseMatrix x = (org.scgmvae.core.data.DenseMatrix) toy.x();
        float[] huge = x.values().clone();
        for (int i = 0; i < huge.length; i++) {
            huge[i] *= 1e18f;
        }
        TrainingRequest absurd = ToyModelFixture.request(toy.withX(new org.scgmvae.core.data.DenseMatrix(x.nCells(), x.nGenes(), huge)), 1)
                .withTraining(TrainingConfig.defaults().withEpochs(5).withBatchSize(16));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> ModelTrainer.train(absurd, l, CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        assertEquals(3, recoveries.size(), "three restarts with a halved learning rate before giving up");
    }
}
