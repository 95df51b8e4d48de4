package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.BooleanColumn;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * scanpy's {@code highly_variable_genes} for one batch, flavours "seurat" and "cell_ranger".
 * Both expect log1p-normalised data.
 *
 * <p>Seurat: statistics of expm1(x); log dispersion (var/mean) normalised by mean and standard
 * deviation within 20 equal-width bins of log1p(mean). Cell Ranger: statistics of x itself;
 * dispersion normalised by median and MAD (scaled by 1/0.6745) within percentile bins of the
 * mean (10, 15, ..., 100). With {@code nTopGenes}, the genes whose normalised dispersion is at
 * least the n-th largest are selected (ties may select a few more, as in scanpy); otherwise
 * scanpy's default cut-offs 0.0125 &lt; mean &lt; 3 and normalised dispersion &gt; 0.5 apply.
 */
public final class HighlyVariableGenes {

    public enum Flavor { SEURAT, CELL_RANGER }

    /** Per-gene statistics and the selection. */
    public record Result(double[] means, double[] dispersions, double[] dispersionsNorm, boolean[] highlyVariable) {

        public int[] selectedIndices() {
            List<Integer> idx = new ArrayList<>();
            for (int j = 0; j < highlyVariable.length; j++) {
                if (highlyVariable[j]) {
                    idx.add(j);
                }
            }
            return idx.stream().mapToInt(Integer::intValue).toArray();
        }

        /** var with the scanpy columns highly_variable, means, dispersions, dispersions_norm added. */
        public DataFrame annotate(DataFrame var) {
            return var.withColumn("highly_variable", new BooleanColumn(highlyVariable))
                    .withColumn("means", new NumericColumn(means))
                    .withColumn("dispersions", new NumericColumn(dispersions))
                    .withColumn("dispersions_norm", new NumericColumn(dispersionsNorm));
        }
    }

    private HighlyVariableGenes() {
    }

    /** @param nTopGenes number of genes to select, or 0 to use the default cut-offs */
    public static Result compute(ExpressionMatrix logData, Flavor flavor, int nTopGenes) {
        return fromStats(GeneStats.of(logData, flavor == Flavor.SEURAT), flavor, nTopGenes);
    }

    /**
     * As {@link #compute} from the genes' statistics of the log data, however they were collected: of exp(x)-1 for {@link
     * Flavor#SEURAT} ({@link GeneStats#of(ExpressionMatrix, boolean)} with expm1), of x itself for Cell Ranger.
     */
    public static Result fromStats(GeneStats s, Flavor flavor, int nTopGenes) {
        boolean seurat = flavor == Flavor.SEURAT;
        int g = s.mean().length;
        double[] mean = s.mean().clone();
        double[] disp = new double[g];
        for (int j = 0; j < g; j++) {
            if (mean[j] == 0) {
                mean[j] = 1e-12;
            }
            disp[j] = s.variance()[j] / mean[j];
            if (seurat) {
                // scanpy turns zero dispersion into NaN only for flavour seurat (log of 0); Cell
                // Ranger keeps 0 and counts it in its bin's median and MAD.
                if (disp[j] == 0) {
                    disp[j] = Double.NaN;
                }
                disp[j] = Math.log(disp[j]);
                mean[j] = Math.log1p(mean[j]);
            }
        }
        int[] bin = seurat ? equalWidthBins(mean, 20) : percentileBins(mean);
        int nBins = Arrays.stream(bin).max().orElse(0) + 1;
        double[] center = new double[nBins];
        double[] spread = new double[nBins];
        for (int b = 0; b < nBins; b++) {
            double[] members = membersOf(disp, bin, b);
            if (seurat) {
                center[b] = meanOf(members);
                spread[b] = sdOf(members, center[b]);
                if (Double.isNaN(spread[b])) {
                    // scanpy: a bin with one gene gets normalised dispersion 1 (std := mean, mean := 0).
                    spread[b] = center[b];
                    center[b] = 0;
                }
            } else {
                double med = GeneStats.median(members);
                center[b] = med;
                double[] dev = Arrays.stream(members).map(v -> Math.abs(v - med)).toArray();
                spread[b] = GeneStats.median(dev) / 0.6744897501960817;
            }
        }
        double[] norm = new double[g];
        for (int j = 0; j < g; j++) {
            norm[j] = (disp[j] - center[bin[j]]) / spread[bin[j]];
        }
        boolean[] hv = new boolean[g];
        if (nTopGenes > 0) {
            double[] valid = Arrays.stream(norm).filter(v -> !Double.isNaN(v)).sorted().toArray();
            if (valid.length == 0) {
                throw new IllegalArgumentException("highly_variable_genes: no gene has a defined dispersion (all genes constant?)");
            }
            double cutoff = valid[Math.max(0, valid.length - Math.min(nTopGenes, valid.length))];
            for (int j = 0; j < g; j++) {
                double v = Double.isNaN(norm[j]) ? 0 : norm[j];
                hv[j] = v >= cutoff;
            }
        } else {
            for (int j = 0; j < g; j++) {
                hv[j] = mean[j] > 0.0125 && mean[j] < 3 && norm[j] > 0.5;
            }
        }
        return new Result(mean, disp, norm, hv);
    }

    /** pandas.cut(x, n) bin indices: equal-width, right-closed, lowest edge widened by 0.1% of the range. */
    static int[] equalWidthBins(double[] x, int n) {
        double mn = Arrays.stream(x).min().orElse(0);
        double mx = Arrays.stream(x).max().orElse(0);
        double[] edges = new double[n + 1];
        if (mn == mx) {
            double d = mn == 0 ? 0.001 : 0.001 * Math.abs(mn);
            mn -= d;
            mx += d;
            for (int k = 0; k <= n; k++) {
                edges[k] = mn + (mx - mn) * k / n;
            }
        } else {
            for (int k = 0; k <= n; k++) {
                edges[k] = mn + (mx - mn) * k / n;
            }
            edges[0] -= (mx - mn) * 0.001;
        }
        return assign(x, edges);
    }

    /** Cell Ranger bins: (-inf, p10], (p10, p15], ..., (p100, inf). */
    static int[] percentileBins(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        List<Double> e = new ArrayList<>();
        e.add(Double.NEGATIVE_INFINITY);
        for (int q = 10; q <= 100; q += 5) {
            e.add(percentile(sorted, q));
        }
        e.add(Double.POSITIVE_INFINITY);
        // pandas rejects duplicate edges; keep unique ones (ties collapse bins as in scanpy's data).
        double[] edges = e.stream().mapToDouble(Double::doubleValue).distinct().toArray();
        return assign(x, edges);
    }

    /** numpy.percentile with linear interpolation on sorted data. */
    static double percentile(double[] sorted, double q) {
        double pos = (sorted.length - 1) * q / 100.0;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static int[] assign(double[] x, double[] edges) {
        int[] bin = new int[x.length];
        for (int j = 0; j < x.length; j++) {
            int k = 0;
            while (k < edges.length - 2 && x[j] > edges[k + 1]) {
                k++;
            }
            bin[j] = k;
        }
        return bin;
    }

    private static double[] membersOf(double[] disp, int[] bin, int b) {
        List<Double> m = new ArrayList<>();
        for (int j = 0; j < disp.length; j++) {
            if (bin[j] == b && !Double.isNaN(disp[j])) {
                m.add(disp[j]);
            }
        }
        return m.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double meanOf(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    private static double sdOf(double[] v, double mean) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

}
