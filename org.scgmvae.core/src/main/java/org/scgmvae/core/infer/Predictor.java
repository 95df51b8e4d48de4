package org.scgmvae.core.infer;

import org.nd4j.linalg.api.ndarray.INDArray;
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
        int k = model.config().nComponents();
        float[] probs = new float[n * k];
        Batches.forEach(input, progress, "predicting " + n + " cells", (from, ph) -> {
            GmvaeModule m = model.module();
            GmvaeModule.Encoding enc = m.encode(ph.x(), ph.c());
            INDArray q = m.classify(enc.muZ(), ph.c(), enc.hidden());
            Batches.copyRows(q, probs, from, k);
        });
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
        int k = model.config().nComponents();
        int dz = model.config().zDim();
        int dw = model.config().wDim();
        float[] probs = new float[n * k];
        float[] z = new float[n * dz];
        float[] w = new float[n * dw];
        Batches.forEach(input, progress, "encoding and predicting " + n + " cells", (from, ph) -> {
            GmvaeModule m = model.module();
            GmvaeModule.Encoding enc = m.encode(ph.x(), ph.c());
            Batches.copyRows(m.classify(enc.muZ(), ph.c(), enc.hidden()), probs, from, k);
            Batches.copyRows(enc.muZ(), z, from, dz);
            Batches.copyRows(enc.muW(), w, from, dw);
        });
        return new WithLatents(predictions(model, probs, n),
                new LatentEncoder.Latents(new DenseMatrix(n, dz, z), new DenseMatrix(n, dw, w)));
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
