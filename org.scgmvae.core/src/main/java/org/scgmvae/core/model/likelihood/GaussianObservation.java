package org.scgmvae.core.model.likelihood;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scgmvae.core.nn.ArrayAllocator;
import org.scgmvae.core.nn.HostArrays;
import org.scgmvae.core.nn.HostScratch;
import org.scgmvae.core.nn.Parameters;

import java.util.Arrays;
import java.util.Map;

/**
 * Gaussian N(x; out, sigma^2) on model-input values, with a fixed variance, one trainable sigma shared by all genes
 * (sigma-VAE) or a trainable sigma per gene; the learned ones live in the parameter {@value #LOG_SIGMA} (log sigma).
 */
public final class GaussianObservation implements ObservationModel {

    static final String LOG_SIGMA = "logSigma";
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int nFeatures;
    /** Width of {@value #LOG_SIGMA}: 0 for a fixed variance, 1 shared, nFeatures per gene. */
    private final int sigmas;
    private final double fixedLogSigma;

    private GaussianObservation(int nFeatures, int sigmas, double fixedVariance) {
        this.nFeatures = nFeatures;
        this.sigmas = sigmas;
        this.fixedLogSigma = 0.5 * Math.log(fixedVariance);
    }

    public static GaussianObservation fixed(int nFeatures, double variance) {
        return new GaussianObservation(nFeatures, 0, variance);
    }

    public static GaussianObservation sharedSigma(int nFeatures) {
        return new GaussianObservation(nFeatures, 1, 1);
    }

    public static GaussianObservation sigmaPerGene(int nFeatures) {
        return new GaussianObservation(nFeatures, nFeatures, 1);
    }

    @Override
    public Map<String, INDArray> initialParameters() {
        return sigmas == 0 ? Map.of() : Map.of(LOG_SIGMA, Nd4j.zeros(DataType.FLOAT, 1, sigmas));
    }

    /**
     * In one pass over host copies (the four ND4J operations it replaces each cost a full pass plus fixed overhead on
     * 128 x 2,000 values). The gradient w.r.t. the decoder output overwrites {@code out}.
     */
    @Override
    public Reconstruction negLogLikelihood(ArrayAllocator alloc, INDArray out, Observed observed, double scale,
                                           Parameters params, Parameters grads) {
        int g = nFeatures;
        // this thread's reused buffers: the copies live for this call only (HostScratch says why not new arrays)
        float[] o = HostScratch.copyOf(out, HostScratch.Slot.DECODER_OUTPUT);
        float[] xv = HostScratch.copyOf(observed.x(), HostScratch.Slot.OBSERVED);
        int b = (int) out.length() / g;
        double[] logSigma = new double[g];
        if (sigmas == 0) {
            Arrays.fill(logSigma, fixedLogSigma);
        } else {
            float[] ls = HostArrays.read(params.get(LOG_SIGMA));
            for (int j = 0; j < g; j++) {
                logSigma[j] = ls[ls.length == 1 ? 0 : j];
            }
        }
        float[] inv = new float[g];
        double constant = 0;
        for (int j = 0; j < g; j++) {
            inv[j] = (float) Math.exp(-2 * logSigma[j]);
            constant += logSigma[j] + 0.5 * LOG_2PI;
        }
        // float arithmetic in a plain loop over genes, which the JIT vectorises; per-gene sums over <= a batch of cells
        float[] weightedSq = new float[g]; // sum over cells of resid^2 / sigma^2, per gene
        float s = (float) scale;
        for (int i = 0; i < b; i++) {
            int row = i * g;
            for (int j = 0; j < g; j++) {
                float r = o[row + j] - xv[row + j];
                float ri = r * inv[j];
                weightedSq[j] += r * ri;
                o[row + j] = ri * s;
            }
        }
        double sum = b * constant;
        for (float v : weightedSq) {
            sum += 0.5 * v;
        }
        if (grads == null) {
            return new Reconstruction(sum, null);
        }
        if (sigmas > 0) {
            // d/d logSigma_g = sum_i [1 - resid^2 exp(-2 ls)], scaled
            float[] d = new float[sigmas];
            for (int j = 0; j < g; j++) {
                d[sigmas == 1 ? 0 : j] += (float) (scale * (b - weightedSq[j]));
            }
            HostArrays.write(d, grads.get(LOG_SIGMA));
        }
        HostArrays.write(o, 0, out);
        return new Reconstruction(sum, out);
    }

    @Override
    public INDArray mean(INDArray out, INDArray logLibrary) {
        return out;
    }
}
