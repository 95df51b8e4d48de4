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

    public ArchitectureOptions withComponents(int k) {
        return new ArchitectureOptions(k, zDim, wDim, encoderHidden, decoderHidden, alpha, likelihood, wPrior, classifierInput);
    }

    public ArchitectureOptions withLatentDims(int z, int w) {
        return new ArchitectureOptions(components, z, w, encoderHidden, decoderHidden, alpha, likelihood, wPrior, classifierInput);
    }

    public ArchitectureOptions withHidden(int[] enc, int[] dec) {
        return new ArchitectureOptions(components, zDim, wDim, enc, dec, alpha, likelihood, wPrior, classifierInput);
    }

    public ArchitectureOptions withLikelihood(Likelihood l) {
        return new ArchitectureOptions(components, zDim, wDim, encoderHidden, decoderHidden, alpha, l, wPrior, classifierInput);
    }

    public ArchitectureOptions withWPrior(WPrior p) {
        return new ArchitectureOptions(components, zDim, wDim, encoderHidden, decoderHidden, alpha, likelihood, p, classifierInput);
    }

    public ArchitectureOptions withAlpha(double a) {
        return new ArchitectureOptions(components, zDim, wDim, encoderHidden, decoderHidden, a, likelihood, wPrior, classifierInput);
    }

    public ArchitectureOptions withClassifierInput(ClassifierInput c) {
        return new ArchitectureOptions(components, zDim, wDim, encoderHidden, decoderHidden, alpha, likelihood, wPrior, c);
    }

    GmvaeConfig toConfig(int nFeatures, int nConditions, int nLabels) {
        int k = components > 0 ? components : (nLabels > 0 ? nLabels : 20);
        if (k < nLabels) {
            throw new IllegalArgumentException("the model needs at least one component per label: " + nLabels
                    + " labels but only " + k + " components were requested");
        }
        GmvaeConfig d = GmvaeConfig.defaults(nFeatures, nConditions, k);
        return new GmvaeConfig(nFeatures, nConditions, k, zDim, wDim, encoderHidden, decoderHidden, d.priorHidden(),
                d.classifierHidden(), alpha, likelihood, d.fixedVariance(), wPrior, classifierInput, d.latentBound());
    }
}
