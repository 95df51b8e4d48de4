package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.ExpressionMatrix;

/**
 * Per-gene mean and variance in one pass over the non-zeros (sparse-friendly), with the
 * unbiased (ddof=1) variance that scanpy's {@code _get_mean_var} uses.
 */
public record GeneStats(double[] mean, double[] variance, int[] nonZeroCells) {

    public static GeneStats of(ExpressionMatrix m) {
        return of(m, false);
    }

    /** With {@code expm1}, statistics are taken of exp(x)-1 (Seurat HVG on log data). */
    public static GeneStats of(ExpressionMatrix m, boolean expm1) {
        int g = m.nGenes();
        double[] sum = new double[g];
        double[] sumSq = new double[g];
        int[] nz = new int[g];
        for (int i = 0; i < m.nCells(); i++) {
            m.forEachNonZero(i, (j, v) -> {
                double x = expm1 ? Math.expm1(v) : v;
                sum[j] += x;
                sumSq[j] += x * x;
                nz[j]++;
            });
        }
        int n = m.nCells();
        double[] mean = new double[g];
        double[] var = new double[g];
        for (int j = 0; j < g; j++) {
            mean[j] = sum[j] / n;
            // E[x^2] - E[x]^2, rescaled to ddof=1; clamp tiny negative round-off.
            double v = sumSq[j] / n - mean[j] * mean[j];
            var[j] = n > 1 ? Math.max(0, v) * n / (n - 1) : 0;
        }
        return new GeneStats(mean, var, nz);
    }

    /** Median (mean of the two middle values for even lengths); NaN for an empty array. */
    public static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Per-cell totals and numbers of expressed genes. */
    public static double[][] cellTotals(ExpressionMatrix m) {
        double[] total = new double[m.nCells()];
        double[] genes = new double[m.nCells()];
        for (int i = 0; i < m.nCells(); i++) {
            final int c = i;
            m.forEachNonZero(i, (j, v) -> {
                total[c] += v;
                genes[c]++;
            });
        }
        return new double[][] {total, genes};
    }
}
