package org.scgmvae.core.model.terms;

/**
 * The y-terms, per cell, given q(y|z) (as {@code q} and {@code logQ}, [B, K]), E[log d_k] under q(d|z) ({@code eLogD})
 * and the label one-hot {@code y} (all-zero rows for unlabelled cells, whose weight {@code u} is 1):
 * <ul>
 * <li>unlabelled: u * KL(q(y|z) || p(y|d)) = u * sum_k q (log q - E[log d_k]);</li>
 * <li>labelled: the classifier's -log q(y|z) (weighted by the caller) and the label's prior term -E[log d_y].</li>
 * </ul>
 */
public final class CategoricalTerms {

    /** Per-cell values [B]: {@code unlabelledKl} already times u. */
    public record Values(double[] unlabelledKl, double[] classification, double[] labelPrior) {
    }

    private final int cells;
    private final int components;

    public CategoricalTerms(int cells, int components) {
        this.cells = cells;
        this.components = components;
    }

    /**
     * With {@code dLogQ} non-null, adds the gradient of s * (beta * (unlabelled KL) + w_cls * classification + label
     * prior) w.r.t. log q into {@code dLogQ} and w.r.t. E[log d] into {@code dELogD}.
     */
    public Values valueAndGradient(double[] q, double[] logQ, double[] eLogD, float[] y, double[] u, double s, double beta,
                                   double classificationWeight, double[] dLogQ, double[] dELogD) {
        int k = components;
        double[] klY = new double[cells];
        double[] cls = new double[cells];
        double[] prior = new double[cells];
        for (int i = 0; i < cells; i++) {
            double kl = 0;
            for (int j = 0; j < k; j++) {
                int idx = i * k + j;
                kl += q[idx] * (logQ[idx] - eLogD[idx]);
                cls[i] -= y[idx] * logQ[idx];
                prior[i] -= y[idx] * eLogD[idx];
                if (dLogQ != null) {
                    dLogQ[idx] += s * (beta * u[i] * q[idx] * (logQ[idx] - eLogD[idx] + 1) - classificationWeight * y[idx]);
                    dELogD[idx] += s * (-beta * u[i] * q[idx] - y[idx]);
                }
            }
            klY[i] = kl * u[i];
        }
        return new Values(klY, cls, prior);
    }
}
