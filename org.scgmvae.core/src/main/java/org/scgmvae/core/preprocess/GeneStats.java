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
        return new Accumulator(m.nGenes()).add(m, expm1).stats();
    }

    /**
     * The sums behind {@link GeneStats} (and the per-gene minimum of the scaling), collected a block of cells at a time and
     * merged: the one loop that the whole-matrix statistics and the distributed ones (Spark partitions) share.
     */
    public static final class Accumulator implements java.io.Serializable {
        private long cells;
        private final double[] sum;
        private final double[] sumSq;
        private final int[] nz;
        private final double[] minStored;

        public Accumulator(int genes) {
            sum = new double[genes];
            sumSq = new double[genes];
            nz = new int[genes];
            minStored = new double[genes];
            java.util.Arrays.fill(minStored, Double.POSITIVE_INFINITY);
        }

        /** Adds the cells of {@code m} (of exp(x)-1 with {@code expm1}). */
        public Accumulator add(ExpressionMatrix m, boolean expm1) {
            if (m.nGenes() != sum.length) {
                throw new IllegalArgumentException(m.nGenes() + " genes added to statistics of " + sum.length);
            }
            for (int i = 0; i < m.nCells(); i++) {
                m.forEachNonZero(i, (j, v) -> {
                    double x = expm1 ? Math.expm1(v) : v;
                    sum[j] += x;
                    sumSq[j] += x * x;
                    nz[j]++;
                    minStored[j] = Math.min(minStored[j], x);
                });
            }
            cells += m.nCells();
            return this;
        }

        /** Adds another block's sums (the order of blocks changes the sums only by rounding). */
        public Accumulator merge(Accumulator o) {
            if (o.sum.length != sum.length) {
                throw new IllegalArgumentException("statistics of " + o.sum.length + " and " + sum.length + " genes cannot be merged");
            }
            for (int j = 0; j < sum.length; j++) {
                sum[j] += o.sum[j];
                sumSq[j] += o.sumSq[j];
                nz[j] += o.nz[j];
                minStored[j] = Math.min(minStored[j], o.minStored[j]);
            }
            cells += o.cells;
            return this;
        }

        public long cells() {
            return cells;
        }

        /** Per gene: the sum of its values over all cells. */
        public double[] sums() {
            return sum.clone();
        }

        public GeneStats stats() {
            int g = sum.length;
            double n = cells;
            double[] mean = new double[g];
            double[] var = new double[g];
            for (int j = 0; j < g; j++) {
                mean[j] = sum[j] / n;
                // E[x^2] - E[x]^2, rescaled to ddof=1; clamp tiny negative round-off.
                double v = sumSq[j] / n - mean[j] * mean[j];
                var[j] = n > 1 ? Math.max(0, v) * n / (n - 1) : 0;
            }
            return new GeneStats(mean, var, nz.clone());
        }

        /** Per gene: the smallest value of any cell (0 where some cell stores none). */
        public double[] minimums() {
            double[] min = minStored.clone();
            for (int j = 0; j < min.length; j++) {
                if (nz[j] < cells) {
                    min[j] = Math.min(min[j], 0); // cells without a stored value hold 0
                }
            }
            return min;
        }
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
