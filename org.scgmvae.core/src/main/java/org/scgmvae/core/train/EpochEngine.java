package org.scgmvae.core.train;

import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.LossTerms;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.preprocess.StatisticsPasses;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.task.CancellationToken;

import java.util.Random;

/**
 * Where the mini-batch steps of training run. {@link Trainer} keeps the rest of training (the split, the learning rate,
 * validation, early stopping, recovery from a non-finite step); an engine runs (part of) an epoch's steps from the
 * network's current parameters and leaves the new parameters in it, and evaluates the network on cells. {@link
 * LocalEpochs} runs everything on this machine; data-parallel training (module org.scgmvae.spark) runs the steps on
 * workers and averages their parameters.
 */
public interface EpochEngine {

    /** Makes the engine for one training run of {@code net} on {@code data}. */
    @FunctionalInterface
    interface Factory {
        EpochEngine create(GmvaeModule net, ModelInput data, TrainingConfig config, TrainingListener listener, CancellationToken cancel);
    }

    /** Everything on this machine. */
    Factory LOCAL = LocalEpochs::new;

    /**
     * Chooses the engine once the preprocessing is fitted: an engine that prepares the cells elsewhere (on workers) needs
     * the fitted steps to repeat them there.
     */
    @FunctionalInterface
    interface Choice {
        /** @param preprocessing the fitted preprocessing of the training cells, null when they are used as they are */
        Factory with(FittedPreprocessing preprocessing);

        /**
         * Fits the preprocessing of the training cells: here by default; an engine whose workers hold the cells collects the
         * statistics there ({@link FittedPreprocessing#fit(AnnData, PreprocessConfig, StatisticsPasses, Progress)}).
         */
        default FittedPreprocessing.Fit fitPreprocessing(AnnData data, PreprocessConfig config, Progress progress) {
            return FittedPreprocessing.fit(data, config, progress);
        }

        /**
         * Training's last pass: the trained model on every training cell, for the components' styles, the condition shifts
         * and the naming. Here by default; an engine whose workers hold the cells encodes them there.
         */
        default Encoded encodeAll(TrainedModel model, ModelInput input, Progress progress) {
            Predictor.WithLatents both = Predictor.predictWithLatents(model, input, progress);
            return new Encoded(both.predictions().components(), both.latents());
        }

        Choice LOCAL = preprocessing -> EpochEngine.LOCAL;
    }

    /** Per cell the most probable component and the posterior means of z and w, in the cells' order. */
    record Encoded(int[] components, LatentEncoder.Latents latents) {
    }

    /**
     * What the steps gave: the loss terms summed over the cells they saw and the KL weight of the last step, or why they
     * stopped (a non-finite loss or gradient; the parameters are then as the failing step found them, not updated by it).
     */
    record Steps(LossTerms sums, double klWeight, String failure) {
    }

    /**
     * One epoch's steps over {@code trainRows} in an order drawn from {@code rnd}.
     *
     * @param noise per training row, the sd of Gaussian noise added to its features (0 = none: oversampled copies only)
     * @param epoch 0-based; with the KL warm-up it sets each step's KL weight
     */
    Steps run(GmvaeModule net, int[] trainRows, double[] noise, Random rnd, int epoch, double learningRate, double classWeight);

    /** The network on the given cells: loss terms (KL weight 1, latent means, no noise) and labels found, in one pass. */
    Validation validate(GmvaeModule net, int[] rows, double classWeight);

    /** Forgets the optimiser's state: after a failed epoch the parameters go back to the epoch's start. */
    void resetOptimizer();

    /**
     * The cells every epoch's {@link #validate} will evaluate, said once before the first epoch: an engine that reads cells
     * from disk can gather them while the first epoch's steps read their blocks anyway.
     */
    default void willValidate(int[] rows) {
    }

    /** Releases what the engine holds (on workers, say); called once when the training run ends. */
    default void close() {
    }

    /** The KL weight of the step that ends at {@code fraction} (0-1] of epoch {@code epoch}: linear warm-up, then 1. */
    static double klWeight(TrainingConfig config, int epoch, double fraction) {
        return config.warmupEpochs() > 0 ? Math.min(1.0, (epoch + fraction) / config.warmupEpochs()) : 1.0;
    }
}
