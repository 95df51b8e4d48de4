package org.scgmvae.core.model.terms;

import org.scgmvae.core.nn.SpecialFunctions;

/**
 * q(d|z) = Dir(g) with g = softplus(raw) + a floor, from the Dirichlet network's raw output [B, K]: the d-term
 * KL(Dir(g) || Dir(alpha)) per cell, and E[log d_k] = psi(g_k) - psi(sum g), through which d enters the y-terms in
 * closed form (the exact expectation of the one-sample Monte-Carlo estimate, without its variance).
 */
public final class DirichletTerm {

    private static final double FLOOR = 1e-3;

    private final int cells;
    private final int components;
    private final float[] raw;
    private final double[] g;
    private final double[] g0;
    private final double[] eLogD;

    public DirichletTerm(float[] raw, int cells, int components) {
        this.cells = cells;
        this.components = components;
        this.raw = raw;
        int k = components;
        g = new double[cells * k];
        g0 = new double[cells];
        for (int i = 0; i < g.length; i++) {
            g[i] = softplus(raw[i]) + FLOOR;
            g0[i / k] += g[i];
        }
        eLogD = new double[cells * k];
        for (int i = 0; i < cells; i++) {
            double psi0 = SpecialFunctions.digamma(g0[i]);
            for (int j = 0; j < k; j++) {
                eLogD[i * k + j] = SpecialFunctions.digamma(g[i * k + j]) - psi0;
            }
        }
    }

    /** -lgamma(K alpha) + K lgamma(alpha): the part of the KL that depends on the prior only. */
    public static double priorConstant(int components, double alpha) {
        return -SpecialFunctions.lgamma(components * alpha) + components * SpecialFunctions.lgamma(alpha);
    }

    /** E[log d] [B, K]. */
    public double[] expectedLogD() {
        return eLogD;
    }

    /** KL(Dir(g_i) || Dir(alpha)) per cell [B]; {@code constant} from {@link #priorConstant}. */
    public double[] kl(double alpha, double constant) {
        int k = components;
        double[] kl = new double[cells];
        for (int i = 0; i < cells; i++) {
            double v = SpecialFunctions.lgamma(g0[i]) + constant;
            for (int j = 0; j < k; j++) {
                int idx = i * k + j;
                v += -SpecialFunctions.lgamma(g[idx]) + (g[idx] - alpha) * eLogD[idx];
            }
            kl[i] = v;
        }
        return kl;
    }

    /**
     * Gradient w.r.t. the raw output of {@code klCoef} times the summed KL plus the loss whose gradient w.r.t. E[log d]
     * is {@code dELogD} (the y-terms'), both through g.
     */
    public float[] rawGradient(double alpha, double klCoef, double[] dELogD) {
        int k = components;
        float[] dRaw = new float[cells * k];
        for (int i = 0; i < cells; i++) {
            double sumGMinusA = 0;
            double sumDE = 0;
            for (int j = 0; j < k; j++) {
                sumGMinusA += g[i * k + j] - alpha;
                sumDE += dELogD[i * k + j];
            }
            double tri0 = SpecialFunctions.trigamma(g0[i]);
            for (int j = 0; j < k; j++) {
                int idx = i * k + j;
                double tri = SpecialFunctions.trigamma(g[idx]);
                double dKl = (g[idx] - alpha) * tri - tri0 * sumGMinusA;
                double dG = klCoef * dKl + dELogD[idx] * tri - tri0 * sumDE;
                dRaw[idx] = (float) (dG * sigmoid(raw[idx])); // softplus' = sigmoid
            }
        }
        return dRaw;
    }

    private static double softplus(double v) {
        return v > 20 ? v : Math.log1p(Math.exp(v));
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
