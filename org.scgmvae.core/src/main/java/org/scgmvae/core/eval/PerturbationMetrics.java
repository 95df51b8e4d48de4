package org.scgmvae.core.eval;

import org.scgmvae.core.data.ExpressionMatrix;

/**
 * scGen's evaluation of perturbation prediction: per gene, the mean expression of real
 * perturbed cells against the mean of predicted cells; the R^2 of the least-squares line through
 * these points (the squared Pearson correlation).
 */
public final class PerturbationMetrics {

    private PerturbationMetrics() {
    }

    /** Mean of each column over the given rows (all rows when {@code rows} is null). */
    public static double[] columnMeans(ExpressionMatrix m, int[] rows) {
        double[] mean = new double[m.nGenes()];
        int n = rows == null ? m.nCells() : rows.length;
        for (int r = 0; r < n; r++) {
            m.forEachNonZero(rows == null ? r : rows[r], (g, v) -> mean[g] += v);
        }
        for (int g = 0; g < mean.length; g++) {
            mean[g] /= Math.max(1, n);
        }
        return mean;
    }

    /**
     * Gene means of scaled data back in the units before scaling (log-normalised expression, where
     * scGen measures R^2): mean * sd + centre per gene. Exact for means of unclipped values.
     */
    public static double[] unscaleMeans(double[] scaledMeans, org.scgmvae.core.preprocess.Scaler scaler) {
        if (scaledMeans.length != scaler.means().length) {
            throw new IllegalArgumentException("got " + scaledMeans.length + " gene means for a scaler of " + scaler.means().length + " genes");
        }
        double[] out = new double[scaledMeans.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = scaledMeans[j] * scaler.stds()[j] + scaler.means()[j];
        }
        return out;
    }

    /** The values at the given indices (e.g. the DEGs among all genes). */
    public static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }

    /** R^2 of a linear fit of y on x (squared Pearson correlation); NaN when either is constant. */
    public static double rSquared(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("need two equally long vectors of length >= 2");
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy * sxy / (sxx * syy);
    }
}
