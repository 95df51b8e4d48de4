package org.scgmvae.core.train;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.task.CancellationToken;

/** One cGMVAE trained on the thesis' toy blobs, shared by the tests that only use a trained model. */
public final class ToyModelFixture {

    private static ModelTrainer.Outcome outcome;
    private static ModelTrainer.Outcome supervised;
    private static AnnData data;

    private ToyModelFixture() {
    }

    /** 5 classes x 2 conditions x 60 cells, 16 dims; unsupervised cGMVAE, K=20, Dz=4, Dw=1 (the blobs have no style to encode), 50 epochs. */
    public static synchronized ModelTrainer.Outcome trained() {
        if (outcome == null) {
            data = ToyBlobs.generate(60, 1);
            outcome = ModelTrainer.train(request(data, 42), TrainingListener.NONE, CancellationToken.NEVER);
        }
        return outcome;
    }

    /**
     * A supervised cGMVAE (components = the 5 classes) on the same data: the thesis' protocol for
     * condition flipping keeps the cell's label, so it needs components that mean labels.
     */
    public static synchronized ModelTrainer.Outcome supervised() {
        if (supervised == null) {
            TrainingRequest req = request(data(), 42).withLabels("cell_type").withEvaluation(null)
                    .withArchitecture(request(data, 42).architecture().withComponents(0));
            supervised = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
        }
        return supervised;
    }

    public static synchronized AnnData data() {
        trained();
        return data;
    }

    public static TrainingRequest request(AnnData toy, long seed) {
        return TrainingRequest.of(toy).withPreprocess(null).withConditions("condition").withEvaluation("cell_type")
                .withArchitecture(ArchitectureOptions.defaults().withComponents(Integer.getInteger("toy.k", 20)).withLatentDims(4, Integer.getInteger("toy.dw", 1))
                        .withHidden(new int[] {64}, new int[] {64}))
                .withTraining(TrainingConfig.defaults().withEpochs(Integer.getInteger("toy.epochs", 50)).withBatchSize(32).withWarmup(5)
                        .withLearningRate(Double.parseDouble(System.getProperty("toy.lr", "2e-3"))).withSeed(seed));
    }
}
