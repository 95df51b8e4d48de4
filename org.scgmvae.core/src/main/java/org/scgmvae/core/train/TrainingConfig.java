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
 * @param validationFraction   share of cells held out for validation/early stopping (stratified by label); each epoch
 *                             evaluates at most {@link ValidationCells#MAX_CELLS} of them
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

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder holding this config's values: change some, {@link Builder#build()} a new config (checked again). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public TrainingConfig withEpochs(int e) {
        return toBuilder().epochs(e).build();
    }

    public TrainingConfig withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    public TrainingConfig withBatchSize(int b) {
        return toBuilder().batchSize(b).build();
    }

    public TrainingConfig withLearningRate(double lr) {
        return toBuilder().learningRate(lr).build();
    }

    public TrainingConfig withWarmup(int w) {
        return toBuilder().warmupEpochs(w).build();
    }

    public TrainingConfig withValidation(double fraction, int pat) {
        return toBuilder().validationFraction(fraction).patience(pat).build();
    }

    public TrainingConfig withRebalance(boolean r, double noise) {
        return toBuilder().rebalance(r).rebalanceNoise(noise).build();
    }

    public TrainingConfig withLrDecay(double d) {
        return toBuilder().lrDecay(d).build();
    }

    public TrainingConfig withClassificationWeight(double w) {
        return toBuilder().classificationWeight(w).build();
    }

    public TrainingConfig withComponentBalance(double lambda) {
        return toBuilder().componentBalance(lambda).build();
    }

    public TrainingConfig withRestarts(int n) {
        return toBuilder().restarts(n).build();
    }

    /** Mutable, named settings for a {@link TrainingConfig}; {@link #build()} checks the ranges. */
    public static final class Builder {
        private int epochs;
        private int batchSize;
        private double learningRate;
        private double lrDecay;
        private int warmupEpochs;
        private double validationFraction;
        private int patience;
        private long seed;
        private double classificationWeight;
        private boolean rebalance;
        private double rebalanceNoise;
        private double gradientClipNorm;
        private double componentBalance;
        private int restarts;

        private Builder(TrainingConfig c) {
            epochs = c.epochs;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            lrDecay = c.lrDecay;
            warmupEpochs = c.warmupEpochs;
            validationFraction = c.validationFraction;
            patience = c.patience;
            seed = c.seed;
            classificationWeight = c.classificationWeight;
            rebalance = c.rebalance;
            rebalanceNoise = c.rebalanceNoise;
            gradientClipNorm = c.gradientClipNorm;
            componentBalance = c.componentBalance;
            restarts = c.restarts;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder lrDecay(double v) {
            lrDecay = v;
            return this;
        }

        public Builder warmupEpochs(int v) {
            warmupEpochs = v;
            return this;
        }

        public Builder validationFraction(double v) {
            validationFraction = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder classificationWeight(double v) {
            classificationWeight = v;
            return this;
        }

        public Builder rebalance(boolean v) {
            rebalance = v;
            return this;
        }

        public Builder rebalanceNoise(double v) {
            rebalanceNoise = v;
            return this;
        }

        public Builder gradientClipNorm(double v) {
            gradientClipNorm = v;
            return this;
        }

        public Builder componentBalance(double v) {
            componentBalance = v;
            return this;
        }

        public Builder restarts(int v) {
            restarts = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, lrDecay, warmupEpochs, validationFraction, patience, seed,
                    classificationWeight, rebalance, rebalanceNoise, gradientClipNorm, componentBalance, restarts);
        }
    }
}
