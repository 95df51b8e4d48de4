package org.scgmvae.core.model;

import org.scgmvae.core.model.likelihood.BernoulliObservation;
import org.scgmvae.core.model.likelihood.GaussianObservation;
import org.scgmvae.core.model.likelihood.NegativeBinomialObservation;
import org.scgmvae.core.model.likelihood.ObservationModel;
import org.scgmvae.core.model.likelihood.PoissonObservation;

/**
 * The observation model p(x|z,c), by the name stored in model files and settings; each constant makes its
 * {@link ObservationModel}, which holds the mathematics.
 */
public enum Likelihood {
    /** Gaussian with a fixed variance (config {@code fixedVariance}); for scaled log data. */
    GAUSSIAN_FIXED(GaussianObservation::fixed),
    /** Gaussian with one trainable variance shared by all genes (sigma-VAE). */
    GAUSSIAN_SIGMA((genes, variance) -> GaussianObservation.sharedSigma(genes)),
    /** Gaussian with a trainable variance per gene. */
    GAUSSIAN_PER_GENE((genes, variance) -> GaussianObservation.sigmaPerGene(genes)),
    /** Bernoulli on values in [0, 1] (near-binary images such as MNIST). */
    BERNOULLI((genes, variance) -> new BernoulliObservation()),
    /**
     * Negative binomial on raw counts with a per-gene dispersion; the mean is the cell's library
     * size times a softmax over genes, as in scVI. Needs the {@code counts} layer.
     */
    NEGATIVE_BINOMIAL((genes, variance) -> new NegativeBinomialObservation(genes)),
    /** Poisson on raw counts with the same mean as {@link #NEGATIVE_BINOMIAL}, without over-dispersion. Needs counts. */
    POISSON((genes, variance) -> new PoissonObservation(genes));

    /** How a constant makes its model for a number of features and the fixed variance of {@link #GAUSSIAN_FIXED}. */
    @FunctionalInterface
    private interface Factory {
        ObservationModel create(int nFeatures, double fixedVariance);
    }

    private final Factory factory;

    Likelihood(Factory factory) {
        this.factory = factory;
    }

    /** The observation model for {@code nFeatures} model inputs. */
    public ObservationModel model(int nFeatures, double fixedVariance) {
        return factory.create(nFeatures, fixedVariance);
    }

    /** Whether it models raw counts (then training reads the counts layer and library sizes). */
    public boolean usesCounts() {
        return model(1, 1).needsCounts();
    }
}
