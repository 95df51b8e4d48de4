package org.scgmvae.core.infer;

import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.task.Progress;

/** Component probabilities q(y|z) at the posterior mean of z, the most probable component and its label. */
public final class Predictor {

    private Predictor() {
    }

    /**
     * @param probabilities cells x K
     * @param components    argmax component per cell
     * @param labels        label of that component (null when unnamed)
     */
    public record Predictions(float[][] probabilities, int[] components, String[] labels) {
    }

    public static Predictions predict(TrainedModel model, ModelInput input) {
        return predict(model, input, Progress.NONE);
    }

    public static Predictions predict(TrainedModel model, ModelInput input, Progress progress) {
        int n = input.nCells();
        float[] probs = new float[n * model.config().nComponents()];
        pass(model, input, progress, "predicting " + n + " cells", probs, null, null);
        return predictions(model, probs, n);
    }

    /** Predictions and the posterior means of z and w, from one pass over the cells. */
    public record WithLatents(Predictions predictions, LatentEncoder.Latents latents) {
    }

    /**
     * {@link #predict} and {@link LatentEncoder#encode} (posterior means) in one pass: each batch encoded once, where the two
     * would read and encode every cell twice (for cells on disk, the file twice). The same numbers as the two.
     */
    public static WithLatents predictWithLatents(TrainedModel model, ModelInput input, Progress progress) {
        int n = input.nCells();
        int dz = model.config().zDim();
        int dw = model.config().wDim();
        float[] probs = new float[n * model.config().nComponents()];
        float[] z = new float[n * dz];
        float[] w = new float[n * dw];
        pass(model, input, progress, "encoding and predicting " + n + " cells", probs, z, w);
        return new WithLatents(predictions(model, probs, n), new LatentEncoder.Latents(new DenseMatrix(n, dz, z), new DenseMatrix(n, dw, w)));
    }

    /** Every batch encoded once: q(y|z) at the mean of z into {@code probs}, and the means of z and w where arrays are given. */
    private static void pass(TrainedModel model, ModelInput input, Progress progress, String message, float[] probs, float[] z, float[] w) {
        int k = model.config().nComponents();
        Batches.forEach(input, progress, message, (from, ph) -> {
            GmvaeModule m = model.module();
            GmvaeModule.Encoding enc = m.encode(ph.x(), ph.c());
            Batches.copyRows(m.classify(enc.muZ(), ph.c(), enc.hidden()), probs, from, k);
            if (z != null) {
                Batches.copyRows(enc.muZ(), z, from, model.config().zDim());
                Batches.copyRows(enc.muW(), w, from, model.config().wDim());
            }
        });
    }

    /** Per cell the most probable component of {@code probs} (cells x K, by rows) and its label. */
    private static Predictions predictions(TrainedModel model, float[] probs, int n) {
        int k = model.config().nComponents();
        float[][] p = new float[n][k];
        int[] comp = new int[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(probs, i * k, p[i], 0, k);
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (p[i][j] > p[i][best]) {
                    best = j;
                }
            }
            comp[i] = best;
            labels[i] = model.labelOfComponent(best);
        }
        return new Predictions(p, comp, labels);
    }
}
