package org.scgmvae.core.train;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.preprocess.GeneStats;
import org.scgmvae.core.preprocess.ValueSample;

import java.util.Arrays;
import java.util.Locale;

/**
 * Warnings when the observation model does not fit the values it will model: nothing fails in these cases, the model
 * just learns little (a fixed unit variance on genes that vary by a few hundredths leaves the reconstruction term to
 * a constant, the KL terms win and the latent space says little), so the user is told what to change.
 */
final class LikelihoodHints {

    /** Mean gene variance below which a fixed unit-variance Gaussian hardly sees the data. */
    static final double LOW_VARIANCE = 0.1;

    private LikelihoodHints() {
    }

    /** @param modelInput the preprocessed training cells (X = model input, layer counts for count likelihoods); null = fine */
    static String check(Likelihood likelihood, AnnData modelInput) {
        if (likelihood.usesCounts()) {
            ExpressionMatrix counts = modelInput.layers().getOrDefault("counts", modelInput.x());
            ValueSample s = ValueSample.of(counts);
            if (s.negative() || s.fractional() * 2 > s.nonZero()) {
                return String.format(Locale.ROOT, "the %s likelihood models raw counts, but the values it is given are %s; give raw counts"
                        + " (X, a 'counts' layer, or a layer of another name with --counts-layer) or choose a Gaussian likelihood for normalised data", likelihood,
                        s.negative() ? "negative in places" : "mostly not whole numbers (" + Math.round(100.0 * s.fractional() / s.nonZero()) + "%)");
            }
            return null;
        }
        if (likelihood == Likelihood.BERNOULLI) {
            ValueSample s = ValueSample.of(modelInput.x());
            if (s.negative() || s.max() > 1) {
                // the Bernoulli likelihood reads values as probabilities of 'on' (binary data such as MNIST's pixels)
                return String.format(Locale.ROOT, "the BERNOULLI likelihood models values between 0 and 1 (probabilities of 'on'), but"
                        + " these reach %s: choose a Gaussian likelihood for expression values, or binarise them", s.negative()
                        ? "below 0" : String.format(Locale.ROOT, "%.2f", s.max()));
            }
            return null;
        }
        if (likelihood == Likelihood.GAUSSIAN_FIXED) {
            double mean = Arrays.stream(GeneStats.of(modelInput.x()).variance()).average().orElse(1);
            if (mean < LOW_VARIANCE) {
                return String.format(Locale.ROOT, "the genes' mean variance is %.3g, far below the unit variance that the GAUSSIAN_FIXED"
                        + " likelihood assumes: the model will hardly see the data. Scale the genes (the counts and log-normalized"
                        + " input kinds do) or use --likelihood GAUSSIAN_SIGMA / GAUSSIAN_PER_GENE", mean);
            }
        }
        return null;
    }
}
