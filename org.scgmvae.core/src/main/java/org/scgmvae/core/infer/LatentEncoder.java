package org.scgmvae.core.infer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.task.Progress;

import java.util.Random;

/** Embeds cells in the latent spaces z (mixture space) and w (style space). */
public final class LatentEncoder {

    private LatentEncoder() {
    }

    public record Latents(DenseMatrix z, DenseMatrix w) {
    }

    /** Posterior means, or with {@code sample} one draw from q(z|x) and q(w|x) using {@code seed}. */
    public static Latents encode(TrainedModel model, ModelInput input, boolean sample, long seed) {
        return encode(model, input, sample, seed, Progress.NONE);
    }

    public static Latents encode(TrainedModel model, ModelInput input, boolean sample, long seed, Progress progress) {
        return encode(model, input, sample, new Random(seed), progress);
    }

    /** As above with the draws of {@code sample} taken from {@code rnd}, so that blocks of one file share one stream. */
    static Latents encode(TrainedModel model, ModelInput input, boolean sample, Random rnd, Progress progress) {
        int n = input.nCells();
        int dz = model.config().zDim();
        int dw = model.config().wDim();
        float[] z = new float[n * dz];
        float[] w = new float[n * dw];
        // draws come from one stream in chunk order; posterior means can be computed on several threads
        Batches.forEach(input, progress, "encoding " + n + " cells", !sample, (from, ph) -> {
            GmvaeModule.Encoding enc = model.module().encode(ph.x(), ph.c());
            INDArray zz = enc.muZ();
            INDArray ww = enc.muW();
            if (sample) {
                zz = draw(zz, enc.logvarZ(), rnd);
                ww = draw(ww, enc.logvarW(), rnd);
            }
            Batches.copyRows(zz, z, from, dz);
            Batches.copyRows(ww, w, from, dw);
        });
        return new Latents(new DenseMatrix(n, dz, z), new DenseMatrix(n, dw, w));
    }

    /** mu + exp(logvar / 2) * eps with eps ~ N(0, I) from {@code rnd}. */
    static INDArray draw(INDArray mu, INDArray logvar, Random rnd) {
        float[] eps = new float[(int) mu.length()];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) rnd.nextGaussian();
        }
        return draw(mu, logvar, org.nd4j.linalg.factory.Nd4j.create(eps, mu.shape(), 'c'));
    }

    static INDArray draw(INDArray mu, INDArray logvar, INDArray eps) {
        return mu.add(Transforms.exp(logvar.mul(0.5), true).muli(eps));
    }
}
