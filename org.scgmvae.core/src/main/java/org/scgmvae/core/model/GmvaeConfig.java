package org.scgmvae.core.model;

import java.util.Arrays;

/**
 * Architecture of a (c)GMVAE. {@code nConditions == 0} gives the unconditional GMVAE; otherwise
 * the condition one-hot is concatenated to the input of every sub-network (cGMVAE).
 *
 * @param nFeatures        input genes (or pixels)
 * @param nConditions      number of conditions C (0 = unconditional)
 * @param nComponents      mixture components K
 * @param zDim             dimension of the mixture latent z
 * @param wDim             dimension of the style latent w
 * @param encoderHidden    hidden layer sizes of q(z|x) and q(w|x) (shared trunk)
 * @param decoderHidden    hidden layer sizes of p(x|z)
 * @param priorHidden      hidden layer sizes of the prior net w -> (mu_k, sigma_k)
 * @param classifierHidden hidden layer sizes of q(y|z) and q(d|z)
 * @param alpha            symmetric Dirichlet concentration of p(d); small values favour using few components
 * @param likelihood       observation model
 * @param fixedVariance    variance of {@link Likelihood#GAUSSIAN_FIXED}
 * @param wPrior           prior of w
 * @param classifierInput  q(y|z) or q(y|z,x)
 * @param latentBound      means are kept in (-b, b) and log-variances in (-b/2, b/2) by a scaled
 *                         tanh; the thesis reports NaN/Inf without such a bound
 */
public record GmvaeConfig(
        int nFeatures,
        int nConditions,
        int nComponents,
        int zDim,
        int wDim,
        int[] encoderHidden,
        int[] decoderHidden,
        int[] priorHidden,
        int[] classifierHidden,
        double alpha,
        Likelihood likelihood,
        double fixedVariance,
        WPrior wPrior,
        ClassifierInput classifierInput,
        double latentBound) implements java.io.Serializable {

    public GmvaeConfig {
        require(nFeatures > 0, "number of features must be positive");
        require(nConditions >= 0, "number of conditions must be >= 0");
        require(nComponents >= 1, "number of components K must be >= 1");
        require(zDim >= 1 && wDim >= 1, "latent dimensions must be >= 1");
        require(alpha > 0, "Dirichlet alpha must be > 0");
        require(fixedVariance > 0, "fixed variance must be > 0");
        // log-variances stay within (-b/2, b/2), inside the range of the vectorised exp of the z-term (VectorMath)
        require(latentBound > 0 && latentBound <= 34, "latent bound must be in (0, 34]");
        require(wPrior != WPrior.LEARNED || nConditions > 0, "a learned w prior p(w|c) needs conditions (cGMVAE)");
        encoderHidden = encoderHidden.clone();
        decoderHidden = decoderHidden.clone();
        priorHidden = priorHidden.clone();
        classifierHidden = classifierHidden.clone();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Defaults that work on scRNA-seq without tuning: 2 hidden layers of 256/128, Dz=16, Dw=2 (a
     * small style space keeps cell-type information in the mixture: with Dw=16 one component
     * learned to cover two types through w),
     * alpha=1, Gaussian likelihood with fixed unit variance on scaled log data, N(0,I) w prior.
     */
    public static GmvaeConfig defaults(int nFeatures, int nConditions, int nComponents) {
        return new GmvaeConfig(nFeatures, nConditions, nComponents, 16, 2,
                new int[] {256, 128}, new int[] {128, 256}, new int[] {64}, new int[] {64},
                1.0, Likelihood.GAUSSIAN_FIXED, 1.0, WPrior.STANDARD_NORMAL, ClassifierInput.Z, 10.0);
    }

    /** A builder that starts from {@link #defaults} for these sizes. */
    public static Builder builder(int nFeatures, int nConditions, int nComponents) {
        return defaults(nFeatures, nConditions, nComponents).toBuilder();
    }

    /** A builder holding this architecture: change some settings, {@link Builder#build()} a new config (checked again). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public boolean conditional() {
        return nConditions > 0;
    }

    /** The mathematics of {@link #likelihood()} for this model's features. */
    public org.scgmvae.core.model.likelihood.ObservationModel observationModel() {
        return likelihood.model(nFeatures, fixedVariance);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GmvaeConfig c && c.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "GmvaeConfig[features=" + nFeatures + ", conditions=" + nConditions + ", K=" + nComponents
                + ", Dz=" + zDim + ", Dw=" + wDim + ", encoder=" + Arrays.toString(encoderHidden)
                + ", decoder=" + Arrays.toString(decoderHidden) + ", prior=" + Arrays.toString(priorHidden)
                + ", classifier=" + Arrays.toString(classifierHidden) + ", alpha=" + alpha + ", likelihood=" + likelihood
                + ", fixedVariance=" + fixedVariance + ", wPrior=" + wPrior + ", classifierInput=" + classifierInput
                + ", latentBound=" + latentBound + "]";
    }

    /** Mutable, named settings for a {@link GmvaeConfig}; {@link #build()} checks them. */
    public static final class Builder {
        private int nFeatures;
        private int nConditions;
        private int nComponents;
        private int zDim;
        private int wDim;
        private int[] encoderHidden;
        private int[] decoderHidden;
        private int[] priorHidden;
        private int[] classifierHidden;
        private double alpha;
        private Likelihood likelihood;
        private double fixedVariance;
        private WPrior wPrior;
        private ClassifierInput classifierInput;
        private double latentBound;

        private Builder(GmvaeConfig c) {
            nFeatures = c.nFeatures;
            nConditions = c.nConditions;
            nComponents = c.nComponents;
            zDim = c.zDim;
            wDim = c.wDim;
            encoderHidden = c.encoderHidden;
            decoderHidden = c.decoderHidden;
            priorHidden = c.priorHidden;
            classifierHidden = c.classifierHidden;
            alpha = c.alpha;
            likelihood = c.likelihood;
            fixedVariance = c.fixedVariance;
            wPrior = c.wPrior;
            classifierInput = c.classifierInput;
            latentBound = c.latentBound;
        }

        public Builder nFeatures(int v) {
            nFeatures = v;
            return this;
        }

        public Builder nConditions(int v) {
            nConditions = v;
            return this;
        }

        public Builder nComponents(int v) {
            nComponents = v;
            return this;
        }

        public Builder zDim(int v) {
            zDim = v;
            return this;
        }

        public Builder wDim(int v) {
            wDim = v;
            return this;
        }

        public Builder encoderHidden(int[] v) {
            encoderHidden = v;
            return this;
        }

        public Builder decoderHidden(int[] v) {
            decoderHidden = v;
            return this;
        }

        public Builder priorHidden(int[] v) {
            priorHidden = v;
            return this;
        }

        public Builder classifierHidden(int[] v) {
            classifierHidden = v;
            return this;
        }

        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        public Builder likelihood(Likelihood v) {
            likelihood = v;
            return this;
        }

        public Builder fixedVariance(double v) {
            fixedVariance = v;
            return this;
        }

        public Builder wPrior(WPrior v) {
            wPrior = v;
            return this;
        }

        public Builder classifierInput(ClassifierInput v) {
            classifierInput = v;
            return this;
        }

        public Builder latentBound(double v) {
            latentBound = v;
            return this;
        }

        public GmvaeConfig build() {
            return new GmvaeConfig(nFeatures, nConditions, nComponents, zDim, wDim, encoderHidden, decoderHidden, priorHidden, classifierHidden, alpha, likelihood, fixedVariance, wPrior, classifierInput, latentBound);
        }
    }
}
