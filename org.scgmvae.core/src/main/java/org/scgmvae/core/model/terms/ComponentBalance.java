package org.scgmvae.core.model.terms;

/**
 * Component balance -lambda (T/B) H(qbar), qbar = mean of q(y|z) over the batch's T unlabelled cells (of B): rewards
 * using many components, against one component absorbing several clusters (the failure of plain unsupervised
 * training on the toy blobs). Weighted by the unlabelled share so that a few unlabelled cells in a labelled batch
 * are not pushed hard. Optimised together with the loss but reported separately (the loss stays -ELBO, comparable
 * with and without it).
 */
public final class ComponentBalance {

    private ComponentBalance() {
    }

    /**
     * Its value; with {@code dLogQ} non-null its gradient w.r.t. log q is added there. {@code u} is 1 for unlabelled
     * cells, 0 for labelled ones.
     */
    public static double valueAndGradient(double lambda, double[] q, double[] u, int cells, int components, double[] dLogQ) {
        int k = components;
        if (lambda <= 0) {
            return 0;
        }
        double total = 0;
        for (double ui : u) {
            total += ui;
        }
        if (total <= 0) {
            return 0;
        }
        double[] qbar = new double[k];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < k; j++) {
                qbar[j] += u[i] * q[i * k + j] / total;
            }
        }
        double h = 0;
        for (int j = 0; j < k; j++) {
            if (qbar[j] > 0) {
                h -= qbar[j] * Math.log(qbar[j]);
            }
        }
        if (dLogQ != null) {
            for (int i = 0; i < cells; i++) {
                for (int j = 0; j < k; j++) {
                    dLogQ[i * k + j] += lambda * u[i] / cells * q[i * k + j] * (Math.log(Math.max(qbar[j], 1e-30)) + 1);
                }
            }
        }
        return -lambda * total / cells * h;
    }
}
