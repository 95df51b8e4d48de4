package org.scgmvae.core.model;

/** Prior of the style latent w. */
public enum WPrior {
    /** p(w) = N(0, I): mixes conditions in w (batch-effect removal, better for condition flipping). */
    STANDARD_NORMAL,
    /** p(w|c) = N(mu(c), sigma(c)) from a small network of the condition (cGMVAE only). */
    LEARNED
}
