package org.scgmvae.core.infer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.model.TrainedModel;

/** Shared generative path: w -> z (prior component mean) -> decoded x, under a given condition. */
final class Decoding {

    private Decoding() {
    }

    /** Prior means of the chosen component for each row: [b, Dz]. */
    static INDArray componentMeans(TrainedModel model, INDArray w, INDArray condition, int[] components) {
        INDArray mu = model.module().prior(w, condition)[0];
        return pick(mu, components, model.config().zDim());
    }

    /** Columns k*dz..(k+1)*dz of each row, k = components[row]. */
    static INDArray pick(INDArray perComponent, int[] components, int dz) {
        float[] all = perComponent.dup('c').data().asFloat();
        int width = (int) perComponent.size(1);
        float[] z = new float[components.length * dz];
        for (int i = 0; i < components.length; i++) {
            System.arraycopy(all, i * width + components[i] * dz, z, i * dz, dz);
        }
        return Nd4j.create(z, new long[] {components.length, dz}, 'c');
    }

    /** Decoder mean for latent z: model-input units (Gaussian), probabilities (Bernoulli) or expected counts (NB). */
    static INDArray decode(TrainedModel model, INDArray z, INDArray condition, double[] librarySizes) {
        INDArray logLib = null;
        if (model.config().likelihood().usesCounts()) {
            float[] l = new float[(int) z.size(0)];
            for (int i = 0; i < l.length; i++) {
                l[i] = (float) Math.log(Math.max(1.0, librarySizes[i]));
            }
            logLib = Nd4j.create(l, new long[] {l.length, 1}, 'c');
        }
        return model.module().decode(z, condition, logLib);
    }

    /** One-hot rows all set to the same condition. */
    static INDArray constantCondition(int rows, int code, int width) {
        int[] every = java.util.stream.IntStream.range(0, rows).toArray();
        int[] codes = new int[rows];
        java.util.Arrays.fill(codes, code);
        return ModelInput.oneHot(every, codes, width); // the one-hot encoding of the training batches
    }

    static int conditionIndex(TrainedModel model, String condition) {
        int k = model.conditionNames().indexOf(condition);
        if (k < 0) {
            throw new IllegalArgumentException("unknown condition '" + condition + "'; the model knows " + model.conditionNames());
        }
        return k;
    }

    static void requireConditional(TrainedModel model, String operation) {
        if (!model.config().conditional()) {
            throw new IllegalArgumentException(operation + " needs a conditional model (cGMVAE); this model was trained without conditions");
        }
    }
}
