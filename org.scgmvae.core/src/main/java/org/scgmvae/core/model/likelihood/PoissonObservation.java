package org.scgmvae.core.model.likelihood;

import org.scgmvae.core.nn.Parameters;

/**
 * Poisson(x; mu) on raw counts, mu = library * softmax(out): the negative binomial without over-dispersion (scvi-tools'
 * {@code gene_likelihood="poisson"}), no parameters of its own. -log p = mu - x log mu + lgamma(x + 1).
 */
public final class PoissonObservation extends LibraryScaledCounts {

    public PoissonObservation(int nFeatures) {
        super(nFeatures);
    }

    @Override
    String name() {
        return "Poisson";
    }

    @Override
    double logLikelihood(float[] logMu, float[] x, int cells, double scale, Parameters params, Parameters grads, double[] dLogMu) {
        double ll = 0;
        int n = cells * nFeatures;
        for (int idx = 0; idx < n; idx++) {
            double mu = Math.exp(logMu[idx]);
            ll += x[idx] * logMu[idx] - mu;
            if (grads != null) {
                dLogMu[idx] = scale * (mu - x[idx]);
            }
        }
        return ll;
    }
}
