package org.scgmvae.core.train;

import org.scgmvae.core.options.UserOptions;

/**
 * Optimisation settings.
 *
 * @param epochs               maximum number of passes over the training cells
 * @param batchSize            cells per mini-batch
 * @param learningRate         initial Adam learning rate
 * @param lrDecay              multiplicative learning-rate decay per epoch (1 = constant)
 * @param warmupEpochs         epochs over which the KL weight rises linearly from 0 to 1 (0 = none)
 * @param validationFraction   share of cells held out for validation/early stopping (stratified by label)
 * @param patience             stop after this many epochs without validation improvement (0 = never)
 * @param seed                 seed of every random choice (init, shuffling, noise): same seed, same result
 * @param classificationWeight weight of -log q(y|z) for labelled cells when all cells are labelled; with some cells
 *                             unlabelled it is divided by the labelled share of the training cells (at most 100-fold)
 * @param rebalance            oversample rare labelled classes up to the largest class
 * @param rebalanceNoise       sd of the Gaussian noise added to oversampled copies (in feature units)
 * @param gradientClipNorm     clip the global gradient norm to this value (0 = no clipping)
 * @param componentBalance     weight lambda of -lambda H(mean q(y|z)) over the unlabelled cells of a batch
 *                             (scaled by their share of the batch; optimised with the loss, reported as its
 *                             own term "balance"; not scaled by the KL warm-up)
 *                             (0 = off, the thesis model): rewards using many components, so that one
 *                             component cannot absorb several clusters in unsupervised training
 * @param restarts             train this many times from different initial networks (seeds seed, seed + 1, ...) on the
 *                             same validation cells (the first run's) and keep the run with the lowest loss (validation
 *                             loss, training loss without validation cells; no labels involved in unsupervised training):
 *                             a run that merged two types into one component usually ends at a higher loss (as n_init in
 *                             scikit-learn's k-means and Gaussian mixtures; not infallible, see BENCHMARKS.md). The kept
 *                             run is reproduced by the same seed and restarts, not by its own seed alone (the validation
 *                             cells come from the first); 1 = a single run
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, double lrDecay, int warmupEpochs,
                             double validationFraction, int patience, long seed, double classificationWeight,
                             boolean rebalance, double rebalanceNoise, double gradientClipNorm, double componentBalance,
                             int restarts) implements java.io.Serializable {

    public TrainingConfig {
        // the ranges of the command line and the node settings (UserOptions), with the same message
        UserOptions.EPOCHS.check(epochs);
        UserOptions.BATCH_SIZE.check(batchSize);
        UserOptions.LEARNING_RATE.check(learningRate);
        UserOptions.LR_DECAY.check(lrDecay);
        UserOptions.WARMUP.check(warmupEpochs);
        UserOptions.VALIDATION.check(validationFraction);
        UserOptions.PATIENCE.check(patience);
        UserOptions.COMPONENT_BALANCE.check(componentBalance);
        UserOptions.RESTARTS.check(restarts);
    }

    /** 100 epochs, one run (no restarts), batch 128, Adam 2e-3 decaying 1% per epoch, 10 warm-up epochs, 10% validation, patience 15, seed 42, classifier weight 10 (labelled cells are few in semi-supervised runs). */
    public static TrainingConfig defaults() {
        return new TrainingConfig(100, 128, 2e-3, 0.99, 10, 0.1, 15, 42, 10.0, false, 0.1, 100.0, 0.0, 1);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, learningRate, lrDecay, warmupEpochs, validationFraction, patience, seed,
                classificationWeight, rebalance, rebalanceNoise, gradientClipNorm, componentBalance, restarts);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, learningRate, lrDecay, warmupEpochs, validationFraction, patience, s,
                classificationWeight, rebalance, rebalanceNoise, gradientClipNorm, componentBalance, restarts);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(epochs, b, learningRate, lrDecay, warmupEpochs, validationFraction, patience, seed,
                classificationWeight, rebalance, rebalanceNoise, gradientClipNorm, componentBalance, restarts);
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(epochs, batchSize, lr, lrDecay, warmupEpochs, validationFraction, patience, seed,
                classificationWeight, rebalance, rebalanceNoise, gradientClipNorm, componentBalance, restarts);
    }

    public TrainingConfig withWarmup(int w) {
        return new TrainingConfig(epochs, batchSize, learningRate, lrDecay, w, validationFraction, patience, seed,
                classificationWeight, rebalance, rebalanceNoise, gradientClipNorm, componentBalance, restarts);
    }

    public TrainingConfig withValidation(double fraction, int pat) {
        return new TrainingConfig(epochs, batchSize, learningRate, lrDecay, warmupEpochs, fraction, pat, seed,
                classificationWeight, rebalance, rebalanceNoise, gradientClipNorm, componentBalance, restarts);
    }

    public TrainingConfig withRebalance(boolean r, double noise) {
        return new TrainingConfig(epochs, batchSize, learningRate, lrDecay, warmupEpochs, validationFraction, patience, seed,
                classificationWeight, r, noise, gradientClipNorm, componentBalance, restarts);
    }

    public TrainingConfig withLrDecay(double d) {
        return new TrainingConfig(epochs, batchSize, learningRate, d, warmupEpochs, validationFraction, patience, seed,
                classificationWeight, rebalance, rebalanceNoise, gradientClipNorm, componentBalance, restarts);
    }

    public TrainingConfig withClassificationWeight(double w) {
        return new TrainingConfig(epochs, batchSize, learningRate, lrDecay, warmupEpochs, validationFraction, patience, seed,
                w, rebalance, rebalanceNoise, gradientClipNorm, componentBalance, restarts);
    }

    public TrainingConfig withComponentBalance(double lambda) {
        return new TrainingConfig(epochs, batchSize, learningRate, lrDecay, warmupEpochs, validationFraction, patience, seed,
                classificationWeight, rebalance, rebalanceNoise, gradientClipNorm, lambda, restarts);
    }

    public TrainingConfig withRestarts(int n) {
        return new TrainingConfig(epochs, batchSize, learningRate, lrDecay, warmupEpochs, validationFraction, patience, seed,
                classificationWeight, rebalance, rebalanceNoise, gradientClipNorm, componentBalance, n);
    }
}
