package org.scgmvae.core.model;

/** The observation model p(x|z,c). */
public enum Likelihood {
    /** Gaussian with a fixed variance (config {@code fixedVariance}); for scaled log data. */
    GAUSSIAN_FIXED,
    /** Gaussian with one trainable variance shared by all genes (sigma-VAE). */
    GAUSSIAN_SIGMA,
    /** Gaussian with a trainable variance per gene. */
    GAUSSIAN_PER_GENE,
    /** Bernoulli on values in [0, 1] (near-binary images such as MNIST). */
    BERNOULLI,
    /**
     * Negative binomial on raw counts with a per-gene dispersion; the mean is the cell's library
     * size times a softmax over genes, as in scVI. Needs the {@code counts} layer.
     */
    NEGATIVE_BINOMIAL;

    public boolean usesCounts() {
        return this == NEGATIVE_BINOMIAL;
    }
}
