package org.scgmvae.core.train;

import org.scgmvae.core.model.ClassifierInput;
import org.scgmvae.core.model.GmvaeConfig;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.model.WPrior;
import org.scgmvae.core.options.NumberOption;
import org.scgmvae.core.options.UserOptions;

/**
 * User-facing architecture settings; the input size and number of conditions come from the
 * data. {@code components == 0} means: the number of labels when training with labels, else 20 (over-clustering: components are then named by majority label).
 */
public record ArchitectureOptions(int components, int zDim, int wDim, int[] encoderHidden, int[] decoderHidden,
                                  double alpha, Likelihood likelihood, WPrior wPrior, ClassifierInput classifierInput) {

    /** Components of unsupervised training when none are asked for: over-clustering, components then named by majority. */
    public static final int OVER_CLUSTERING = 20;

    public ArchitectureOptions {
        // the ranges of the command line and the node settings (UserOptions), with the same message
        UserOptions.COMPONENTS.check(components);
        UserOptions.Z_DIM.check(zDim);
        UserOptions.W_DIM.check(wDim);
        checkLayers(encoderHidden, UserOptions.ENCODER_LAYER);
        checkLayers(decoderHidden, UserOptions.DECODER_LAYER);
        UserOptions.ALPHA.check(alpha);
    }

    private static void checkLayers(int[] sizes, NumberOption option) {
        if (sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException(option.key() + " needs at least one layer size");
        }
        for (int s : sizes) {
            option.check(s);
        }
    }

    /** The {@link GmvaeConfig#defaults} architecture with the number of components chosen from the data. */
    public static ArchitectureOptions defaults() {
        GmvaeConfig d = GmvaeConfig.defaults(1, 0, 1);
        return new ArchitectureOptions(0, d.zDim(), d.wDim(), d.encoderHidden(), d.decoderHidden(), d.alpha(),
                d.likelihood(), d.wPrior(), d.classifierInput());
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder holding these options: change some, {@link Builder#build()} new options (checked again). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public ArchitectureOptions withComponents(int k) {
        return toBuilder().components(k).build();
    }

    public ArchitectureOptions withLatentDims(int z, int w) {
        return toBuilder().zDim(z).wDim(w).build();
    }

    public ArchitectureOptions withHidden(int[] enc, int[] dec) {
        return toBuilder().encoderHidden(enc).decoderHidden(dec).build();
    }

    public ArchitectureOptions withLikelihood(Likelihood l) {
        return toBuilder().likelihood(l).build();
    }

    public ArchitectureOptions withWPrior(WPrior p) {
        return toBuilder().wPrior(p).build();
    }

    public ArchitectureOptions withAlpha(double a) {
        return toBuilder().alpha(a).build();
    }

    public ArchitectureOptions withClassifierInput(ClassifierInput c) {
        return toBuilder().classifierInput(c).build();
    }

    GmvaeConfig toConfig(int nFeatures, int nConditions, int nLabels) {
        int k = components > 0 ? components : (nLabels > 0 ? nLabels : OVER_CLUSTERING);
        if (k < nLabels) {
            throw new IllegalArgumentException("the model needs at least one component per label: " + nLabels
                    + " labels but only " + k + " components were requested (" + org.scgmvae.core.options.UserOptions.COMPONENTS.key()
                    + ": at least " + nLabels + ", or 0 for one per label)");
        }
        return GmvaeConfig.builder(nFeatures, nConditions, k).zDim(zDim).wDim(wDim).encoderHidden(encoderHidden)
                .decoderHidden(decoderHidden).alpha(alpha).likelihood(likelihood).wPrior(wPrior).classifierInput(classifierInput).build();
    }

    /** Mutable, named options for {@link ArchitectureOptions}; {@link #build()} checks the ranges. */
    public static final class Builder {
        private int components;
        private int zDim;
        private int wDim;
        private int[] encoderHidden;
        private int[] decoderHidden;
        private double alpha;
        private Likelihood likelihood;
        private WPrior wPrior;
        private ClassifierInput classifierInput;

        private Builder(ArchitectureOptions c) {
            components = c.components;
            zDim = c.zDim;
            wDim = c.wDim;
            encoderHidden = c.encoderHidden;
            decoderHidden = c.decoderHidden;
            alpha = c.alpha;
            likelihood = c.likelihood;
            wPrior = c.wPrior;
            classifierInput = c.classifierInput;
        }

        public Builder components(int v) {
            components = v;
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

        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        public Builder likelihood(Likelihood v) {
            likelihood = v;
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

        public ArchitectureOptions build() {
            return new ArchitectureOptions(components, zDim, wDim, encoderHidden, decoderHidden, alpha, likelihood, wPrior, classifierInput);
        }
    }
}
