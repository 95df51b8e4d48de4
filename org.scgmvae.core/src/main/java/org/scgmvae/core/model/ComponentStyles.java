package org.scgmvae.core.model;

import java.util.Arrays;

/**
 * Where the training cells of each component lie in the style space w: a Gaussian fitted to the posterior means of w of
 * the cells the component wins (mean and Cholesky factor of the covariance), kept with the model so that the generator can
 * draw w from it. Why: on real data w is not independent of the component, so a w drawn from the prior p(w) is often one
 * that no cell of the component has, and the cell decoded from it looks like another type (scGen's Kang file: a 15-NN
 * classifier trained on real cells gave 54% of generated cells their intended type with w from the prior, 85% with w from
 * this fit). A component with fewer than {@value #MIN_CELLS} cells has no fit ({@link #has} false): the generator then
 * draws its w from the prior.
 *
 * @param means     per component the mean of w (K x Dw), null rows where there is no fit
 * @param cholesky  per component the lower Cholesky factor of the covariance of w (K x Dw x Dw), row-major
 * @param cells     per component the number of training cells it was fitted on
 */
public record ComponentStyles(double[][] means, double[][] cholesky, int[] cells) {

    /** Fewer cells than this leave a component without a fit. */
    public static final int MIN_CELLS = 3;
    /** Added to the diagonal so that a component whose cells share one w still has a positive-definite covariance. */
    private static final double JITTER = 1e-6;

    public ComponentStyles {
        if (means.length != cholesky.length || means.length != cells.length) {
            throw new IllegalArgumentException("component styles: " + means.length + " means, " + cholesky.length + " factors, "
                    + cells.length + " cell counts");
        }
    }

    /**
     * Fits every component's Gaussian to the posterior means of w of its cells.
     *
     * @param w          cells x Dw, posterior means of w
     * @param components per cell its most probable component
     */
    public static ComponentStyles fit(float[] w, int dw, int[] components, int nComponents) {
        int n = components.length;
        if (w.length != n * dw) {
            throw new IllegalArgumentException(w.length + " values of w for " + n + " cells x " + dw + " dimensions");
        }
        double[][] means = new double[nComponents][];
        double[][] chol = new double[nComponents][];
        int[] cells = new int[nComponents];
        for (int c : components) {
            cells[c]++;
        }
        for (int k = 0; k < nComponents; k++) {
            if (cells[k] < MIN_CELLS) {
                continue;
            }
            double[] mean = new double[dw];
            double[] cov = new double[dw * dw];
            for (int i = 0; i < n; i++) {
                if (components[i] == k) {
                    for (int d = 0; d < dw; d++) {
                        mean[d] += w[i * dw + d];
                    }
                }
            }
            for (int d = 0; d < dw; d++) {
                mean[d] /= cells[k];
            }
            for (int i = 0; i < n; i++) {
                if (components[i] == k) {
                    for (int d = 0; d < dw; d++) {
                        for (int e = 0; e < dw; e++) {
                            cov[d * dw + e] += (w[i * dw + d] - mean[d]) * (w[i * dw + e] - mean[e]);
                        }
                    }
                }
            }
            for (int d = 0; d < dw * dw; d++) {
                cov[d] /= cells[k] - 1;
            }
            for (int d = 0; d < dw; d++) {
                cov[d * dw + d] += JITTER;
            }
            means[k] = mean;
            chol[k] = cholesky(cov, dw);
        }
        return new ComponentStyles(means, chol, cells);
    }

    public int nComponents() {
        return means.length;
    }

    public boolean has(int component) {
        return component < means.length && means[component] != null;
    }

    /** w = mean + L eps for the component (eps: Dw standard-normal values). */
    public double[] draw(int component, double[] eps) {
        double[] mean = means[component];
        double[] l = cholesky[component];
        int dw = mean.length;
        double[] out = mean.clone();
        for (int i = 0; i < dw; i++) {
            for (int j = 0; j <= i; j++) {
                out[i] += l[i * dw + j] * eps[j];
            }
        }
        return out;
    }

    /** Lower Cholesky factor of a symmetric positive semi-definite dw x dw matrix (row-major); tiny pivots are clamped. */
    static double[] cholesky(double[] a, int dw) {
        double[] l = new double[dw * dw];
        for (int i = 0; i < dw; i++) {
            for (int j = 0; j <= i; j++) {
                double v = a[i * dw + j];
                for (int q = 0; q < j; q++) {
                    v -= l[i * dw + q] * l[j * dw + q];
                }
                l[i * dw + j] = i == j ? Math.sqrt(Math.max(v, JITTER)) : v / l[j * dw + j];
            }
        }
        return l;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentStyles s && Arrays.deepEquals(means, s.means) && Arrays.deepEquals(cholesky, s.cholesky)
                && Arrays.equals(cells, s.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(means) * 31 + Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return "ComponentStyles[" + means.length + " components, cells " + Arrays.toString(cells) + "]";
    }
}
