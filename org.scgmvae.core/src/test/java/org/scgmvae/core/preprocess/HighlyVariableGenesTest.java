package org.scgmvae.core.preprocess;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.synthetic.Sampling;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.io.PythonSupport;
import org.scgmvae.core.preprocess.HighlyVariableGenes.Flavor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * highly_variable_genes (flavours seurat and cell_ranger) against an independent re-implementation
 * of scanpy's {@code _highly_variable_genes_single_batch} written here from its formulas, and, when
 * the system Python has pandas/numpy, against the pandas operations scanpy itself uses
 * ({@code pd.cut} + {@code groupby}).
 */
class HighlyVariableGenesTest {

    static final int CELLS = 40;
    static final int GENES = 30;
    static final int N_TOP = 10;
    static final double TOL = 2e-5;

    /** log1p(normalize_total(counts, 1e4)) as float32, cells x genes. Gene 0 is all zero, gene 1 is seen in one cell. */
    static float[][] logData;

    @BeforeAll
    static void makeData() {
        Random rnd = new Random(20240611L);
        double[][] counts = new double[CELLS][GENES];
        double[] mu = new double[GENES];
        double[] shape = new double[GENES];
        for (int j = 0; j < GENES; j++) {
            mu[j] = Math.exp(rnd.nextGaussian() * 1.6);
            shape[j] = 0.3 + 3 * rnd.nextDouble();
        }
        for (int i = 0; i < CELLS; i++) {
            double size = Math.exp(rnd.nextGaussian() * 0.3);
            for (int j = 2; j < GENES; j++) {
                // gamma-Poisson (negative binomial) counts; gamma via sum of exponentials for integer-ish shapes
                double lambda = mu[j] * size * gamma(rnd, shape[j]) / shape[j];
                counts[i][j] = Sampling.poisson(rnd, lambda);
            }
        }
        counts[7][1] = 4;
        logData = new float[CELLS][GENES];
        for (int i = 0; i < CELLS; i++) {
            double total = Arrays.stream(counts[i]).sum();
            for (int j = 0; j < GENES; j++) {
                logData[i][j] = total == 0 ? 0f : (float) Math.log1p((float) (counts[i][j] / total * 1e4));
            }
        }
    }

    private static double gamma(Random rnd, double k) {
        // Marsaglia-Tsang for k >= 1, boosted for k < 1
        if (k < 1) {
            return gamma(rnd, k + 1) * Math.pow(rnd.nextDouble(), 1 / k);
        }
        double d = k - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rnd.nextGaussian();
            double v = Math.pow(1 + c * x, 3);
            if (v > 0 && Math.log(rnd.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Independent reference: scanpy's single-batch HVG, step by step.
    // ------------------------------------------------------------------------------------------

    record Reference(double[] means, double[] dispersions, double[] norm, boolean[] hv, int[] bin) {
    }

    static Reference reference(float[][] x, boolean seurat, int nTop) {
        int n = x.length;
        int g = x[0].length;
        double[] mean = new double[g];
        double[] var = new double[g];
        for (int j = 0; j < g; j++) {
            // scanpy: X = np.expm1(X) on the float32 matrix for seurat
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = seurat ? (float) Math.expm1(x[i][j]) : x[i][j];
            }
            double s = 0;
            for (double v : col) {
                s += v;
            }
            double m = s / n;
            double ss = 0;
            for (double v : col) {
                ss += (v - m) * (v - m);
            }
            mean[j] = m;
            var[j] = ss / (n - 1); // _get_mean_var: unbiased
        }
        double[] disp = new double[g];
        for (int j = 0; j < g; j++) {
            if (mean[j] == 0) {
                mean[j] = 1e-12;
            }
            disp[j] = var[j] / mean[j];
            if (seurat) {
                if (disp[j] == 0) {
                    disp[j] = Double.NaN; // only the seurat flavour turns zero dispersion into NaN
                }
                disp[j] = Math.log(disp[j]);
                mean[j] = Math.log1p(mean[j]);
            }
        }
        double[] edges;
        if (seurat) {
            // pd.cut(means, bins=20): np.linspace(mn, mx, 21), then bins[0] -= 0.1% of the range
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (double m : mean) {
                mn = Math.min(mn, m);
                mx = Math.max(mx, m);
            }
            edges = new double[21];
            double step = (mx - mn) / 20;
            for (int k = 0; k <= 20; k++) {
                edges[k] = mn + k * step;
            }
            edges[20] = mx;
            edges[0] -= (mx - mn) * 0.001;
        } else {
            double[] sorted = mean.clone();
            Arrays.sort(sorted);
            edges = new double[21];
            edges[0] = Double.NEGATIVE_INFINITY;
            for (int q = 10, k = 1; q <= 100; q += 5, k++) {
                double pos = (g - 1) * q / 100.0;
                int lo = (int) Math.floor(pos);
                int hi = Math.min(lo + 1, g - 1);
                edges[k] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
            }
            edges[20] = Double.POSITIVE_INFINITY;
            for (int k = 1; k < edges.length; k++) {
                assertTrue(edges[k] > edges[k - 1], "test data must give unique percentile edges (pandas would refuse)");
            }
        }
        // right-closed intervals: bin b holds edges[b] < x <= edges[b+1] (searchsorted side='left', minus one)
        int[] bin = new int[g];
        for (int j = 0; j < g; j++) {
            int ids = 0;
            while (ids < edges.length && edges[ids] < mean[j]) {
                ids++;
            }
            bin[j] = ids - 1;
            assertTrue(bin[j] >= 0 && bin[j] < edges.length - 1, "every mean falls into a bin");
        }
        TreeMap<Integer, List<Double>> groups = new TreeMap<>();
        for (int j = 0; j < g; j++) {
            groups.computeIfAbsent(bin[j], k -> new ArrayList<>());
            if (!Double.isNaN(disp[j])) {
                groups.get(bin[j]).add(disp[j]); // pandas groupby mean/std/median skip NaN
            }
        }
        double[] norm = new double[g];
        for (int j = 0; j < g; j++) {
            List<Double> members = groups.get(bin[j]);
            double center;
            double spread;
            if (seurat) {
                double m = members.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double sd = Double.NaN;
                if (members.size() >= 2) {
                    double ss = 0;
                    for (double v : members) {
                        ss += (v - m) * (v - m);
                    }
                    sd = Math.sqrt(ss / (members.size() - 1));
                }
                if (Double.isNaN(sd)) {
                    // one_gene_per_bin: std := mean, mean := 0 -> normalised dispersion 1
                    center = 0;
                    spread = m;
                } else {
                    center = m;
                    spread = sd;
                }
            } else {
                center = medianOf(members);
                List<Double> dev = new ArrayList<>();
                for (double v : members) {
                    dev.add(Math.abs(v - center));
                }
                spread = medianOf(dev) / 0.6744897501960817; // statsmodels robust.mad
            }
            norm[j] = (disp[j] - center) / spread;
        }
        boolean[] hv = new boolean[g];
        if (nTop > 0) {
            double[] valid = Arrays.stream(norm).filter(v -> !Double.isNaN(v)).toArray();
            Arrays.sort(valid);
            int k = Math.min(nTop, Math.min(g, valid.length));
            double cut = valid[valid.length - k];
            for (int j = 0; j < g; j++) {
                hv[j] = (Double.isNaN(norm[j]) ? 0 : norm[j]) >= cut;
            }
        } else {
            for (int j = 0; j < g; j++) {
                double d = Double.isNaN(norm[j]) ? 0 : norm[j];
                hv[j] = mean[j] > 0.0125 && mean[j] < 3 && d > 0.5 && d < Double.POSITIVE_INFINITY;
            }
        }
        return new Reference(mean, disp, norm, hv, bin);
    }

    private static double medianOf(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static ExpressionMatrix matrix(boolean sparse) {
        DenseMatrix d = DenseMatrix.of(logData);
        return sparse ? CsrMatrix.fromDense(d) : d;
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int j = 0; j < expected.length; j++) {
            if (Double.isNaN(expected[j])) {
                assertTrue(Double.isNaN(actual[j]), what + "[" + j + "] should be NaN but is " + actual[j]);
            } else {
                assertEquals(expected[j], actual[j], tol * Math.max(1, Math.abs(expected[j])), what + "[" + j + "]");
            }
        }
    }

    static List<Integer> selected(boolean[] hv) {
        List<Integer> s = new ArrayList<>();
        for (int j = 0; j < hv.length; j++) {
            if (hv[j]) {
                s.add(j);
            }
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void matchesIndependentReferenceWithNTopGenes(Flavor flavor) {
        boolean seurat = flavor == Flavor.SEURAT;
        Reference ref = reference(logData, seurat, N_TOP);
        // The reference must separate the 10th and 11th gene clearly so that the selected set is well defined.
        double[] sorted = Arrays.stream(ref.norm()).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double gap = sorted[sorted.length - N_TOP] - sorted[sorted.length - N_TOP - 1];
        assertTrue(gap > 1e-3, "test data has a near tie at the cut-off: " + gap);
        assertEquals(N_TOP, selected(ref.hv()).size());
        for (boolean sparse : new boolean[] {false, true}) {
            HighlyVariableGenes.Result r = HighlyVariableGenes.compute(matrix(sparse), flavor, N_TOP);
            assertClose(ref.means(), r.means(), 1e-6, flavor + " means");
            assertClose(ref.dispersions(), r.dispersions(), TOL, flavor + " dispersions");
            assertClose(ref.norm(), r.dispersionsNorm(), TOL, flavor + " dispersions_norm");
            assertEquals(selected(ref.hv()), selected(r.highlyVariable()), flavor + " selected genes");
            assertArrayEquals(selected(ref.hv()).stream().mapToInt(Integer::intValue).toArray(), r.selectedIndices());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void matchesIndependentReferenceWithDefaultCutoffs(Flavor flavor) {
        Reference ref = reference(logData, flavor == Flavor.SEURAT, 0);
        HighlyVariableGenes.Result r = HighlyVariableGenes.compute(matrix(false), flavor, 0);
        assertEquals(selected(ref.hv()), selected(r.highlyVariable()));
        assertTrue(!selected(ref.hv()).isEmpty(), "cut-offs select something on this data");
    }

    @Test
    void seuratDataExercisesTheSpecialCases() {
        Reference ref = reference(logData, true, N_TOP);
        // all-zero gene: zero dispersion -> NaN -> never selected
        assertTrue(Double.isNaN(ref.dispersions()[0]));
        assertTrue(Double.isNaN(ref.norm()[0]));
        // at least one bin holds a single gene, whose normalised dispersion is then exactly 1
        int[] perBin = new int[20];
        for (int b : ref.bin()) {
            perBin[b]++;
        }
        boolean single = false;
        for (int j = 0; j < GENES; j++) {
            if (perBin[ref.bin()[j]] == 1 && !Double.isNaN(ref.dispersions()[j])) {
                single = true;
                assertEquals(1.0, ref.norm()[j], 1e-12);
                assertEquals(1.0, HighlyVariableGenes.compute(matrix(false), Flavor.SEURAT, N_TOP).dispersionsNorm()[j], 1e-9);
            }
        }
        assertTrue(single, "test data should contain a one-gene bin");
    }

    @Test
    void cellRangerKeepsZeroDispersionAsZero() {
        // scanpy only turns zero dispersion into NaN for flavour seurat; cell_ranger keeps 0 and
        // uses it in the bin's median and MAD.
        HighlyVariableGenes.Result r = HighlyVariableGenes.compute(matrix(false), Flavor.CELL_RANGER, N_TOP);
        assertEquals(0.0, r.dispersions()[0], 0);
        assertEquals(1e-12, r.means()[0], 0);
    }

    @Test
    void binHelpersFollowPandasAndNumpy() {
        // pd.cut(x, 5) on 0..10: edges -0.01, 2, 4, 6, 8, 10 (right-closed)
        double[] x = {0, 2, 2.5, 4, 4.0001, 9.9, 10};
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 4, 4}, HighlyVariableGenes.equalWidthBins(x, 5));
        // constant input: everything in one bin
        int[] constant = HighlyVariableGenes.equalWidthBins(new double[] {3, 3, 3}, 20);
        assertEquals(constant[0], constant[1]);
        assertEquals(constant[0], constant[2]);
        double[] sorted = {1, 2, 3, 4};
        assertEquals(2.5, HighlyVariableGenes.percentile(sorted, 50), 1e-12);
        assertEquals(1.3, HighlyVariableGenes.percentile(sorted, 10), 1e-12);
        assertEquals(4.0, HighlyVariableGenes.percentile(sorted, 100), 1e-12);
        assertEquals(2.5, GeneStats.median(new double[] {4, 1, 3, 2}), 0);
    }

    @Test
    void annotateAddsScanpyColumns() {
        HighlyVariableGenes.Result r = HighlyVariableGenes.compute(matrix(false), Flavor.SEURAT, N_TOP);
        String[] names = new String[GENES];
        for (int j = 0; j < GENES; j++) {
            names[j] = "gene" + j;
        }
        DataFrame var = r.annotate(DataFrame.ofIndex(names));
        assertEquals(List.of("highly_variable", "means", "dispersions", "dispersions_norm"), var.columnNames());
        assertArrayEquals(r.dispersionsNorm(), ((NumericColumn) var.column("dispersions_norm")).values());
    }

    @Test
    void allConstantGenesWithNTopGenesFails() {
        float[][] c = new float[5][3];
        for (float[] row : c) {
            Arrays.fill(row, 1f);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HighlyVariableGenes.compute(DenseMatrix.of(c), Flavor.SEURAT, 2));
        assertTrue(e.getMessage().contains("no gene has a defined dispersion"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------
    // Reference computed by pandas exactly as scanpy does it (skipped without python + pandas).
    // ------------------------------------------------------------------------------------------

    private static final String SCANPY_SINGLE_BATCH = String.join("\n",
            "import sys, numpy as np, pandas as pd",
            "X = np.loadtxt(sys.argv[1], delimiter=',', dtype=np.float64).astype(np.float32)",
            "flavor, n_top = sys.argv[2], int(sys.argv[3])",
            "def mad(a):",
            "    a = np.asarray(a, dtype=np.float64)",
            "    if a.size == 0: return np.nan",
            "    return np.median(np.abs(a - np.median(a)) / 0.6744897501960817)",
            "if flavor == 'seurat':",
            "    X = np.expm1(X)",
            "mean = np.mean(X, axis=0, dtype=np.float64)",
            "mean_sq = np.multiply(X, X).mean(axis=0, dtype=np.float64)",
            "var = (mean_sq - mean ** 2) * (X.shape[0] / (X.shape[0] - 1))",
            "mean[mean == 0] = 1e-12",
            "dispersion = var / mean",
            "if flavor == 'seurat':",
            "    dispersion[dispersion == 0] = np.nan",
            "    dispersion = np.log(dispersion)",
            "    mean = np.log1p(mean)",
            "df = pd.DataFrame()",
            "df['means'] = mean",
            "df['dispersions'] = dispersion",
            "if flavor == 'seurat':",
            "    df['mean_bin'] = pd.cut(df['means'], bins=20)",
            "    g = df.groupby('mean_bin', observed=True)['dispersions']",
            "    disp_mean_bin = g.mean()",
            "    disp_std_bin = g.std(ddof=1)",
            "    one = disp_std_bin.isnull()",
            "    disp_std_bin[one.values] = disp_mean_bin[one.values].values",
            "    disp_mean_bin[one.values] = 0",
            "    df['dispersions_norm'] = (df['dispersions'].values - disp_mean_bin[df['mean_bin'].values].values) / disp_std_bin[df['mean_bin'].values].values",
            "else:",
            "    df['mean_bin'] = pd.cut(df['means'], np.r_[-np.inf, np.percentile(df['means'], np.arange(10, 105, 5)), np.inf])",
            "    g = df.groupby('mean_bin', observed=True)['dispersions']",
            "    med = g.median()",
            "    m = g.apply(mad)",
            "    df['dispersions_norm'] = (df['dispersions'].values - med[df['mean_bin'].values].values) / m[df['mean_bin'].values].values",
            "dn = df['dispersions_norm'].values",
            "if n_top > 0:",
            "    d = dn[~np.isnan(dn)]",
            "    d[::-1].sort()",
            "    n = min(n_top, X.shape[1], d.size)",
            "    hv = np.nan_to_num(dn) >= d[n - 1]",
            "else:",
            "    dn2 = dn.copy(); dn2[np.isnan(dn2)] = 0",
            "    hv = np.logical_and.reduce((mean > 0.0125, mean < 3, dn2 > 0.5, dn2 < np.inf))",
            "for j in range(X.shape[1]):",
            "    print('%r,%r,%r,%d' % (float(df['means'][j]), float(df['dispersions'][j]), float(dn[j]), int(hv[j])))",
            "");

    private static double parsePy(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void matchesPandasReference(Flavor flavor, @TempDir Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(PythonSupport.hasModules("numpy", "pandas"), "python3 with numpy and pandas not available");
        StringBuilder csv = new StringBuilder();
        for (float[] row : logData) {
            for (int j = 0; j < row.length; j++) {
                csv.append(j == 0 ? "" : ",").append(Float.toString(row[j]));
            }
            csv.append('\n');
        }
        Path data = dir.resolve("log.csv");
        Files.writeString(data, csv);
        String name = flavor == Flavor.SEURAT ? "seurat" : "cell_ranger";
        for (int nTop : new int[] {N_TOP, 0}) {
            String out = PythonSupport.run(dir, "hvg", SCANPY_SINGLE_BATCH, data.toString(), name, Integer.toString(nTop));
            String[] lines = out.strip().split("\n");
            assertEquals(GENES, lines.length, out);
            double[] means = new double[GENES];
            double[] disp = new double[GENES];
            double[] norm = new double[GENES];
            boolean[] hv = new boolean[GENES];
            for (int j = 0; j < GENES; j++) {
                String[] f = lines[j].split(",");
                means[j] = parsePy(f[0]);
                disp[j] = parsePy(f[1]);
                norm[j] = parsePy(f[2]);
                hv[j] = f[3].equals("1");
            }
            HighlyVariableGenes.Result r = HighlyVariableGenes.compute(matrix(true), flavor, nTop);
            assertClose(means, r.means(), 1e-6, name + " means");
            assertClose(disp, r.dispersions(), TOL, name + " dispersions");
            assertClose(norm, r.dispersionsNorm(), TOL, name + " dispersions_norm");
            assertEquals(selected(hv), selected(r.highlyVariable()), name + " n_top=" + nTop + " selection");
            // and the in-test Java reference agrees with pandas
            Reference ref = reference(logData, flavor == Flavor.SEURAT, nTop);
            assertClose(norm, ref.norm(), TOL, name + " java reference vs pandas");
        }
    }
}
