package org.scgmvae.core.infer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.model.ComponentStyles;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.model.WPrior;
import org.scgmvae.core.nn.ComputeSettings;
import org.scgmvae.core.options.UserOptions;
import org.scgmvae.core.task.Progress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic cells: draw w (by default from where the component's training cells lie in w, see {@link StyleSource}),
 * decode it into every component k and every condition c (z = the component's prior mean, or a draw from it), then to x.
 * Produces K x C cells per w draw, labelled with component, label, condition and draw index.
 */
public final class CellGenerator {

    private CellGenerator() {
    }

    /**
     * @param samples   number of w draws
     * @param sampleZ   draw z from N(mu_k(w), sigma_k(w)) instead of taking the mean
     * @param seed      seed of all draws
     * @return the cells in expression units ({@link OutputUnits#EXPRESSION})
     */
    public static AnnData generate(TrainedModel model, int samples, boolean sampleZ, long seed) {
        return generate(model, samples, sampleZ, seed, OutputUnits.EXPRESSION);
    }

    /** As {@link #generate(TrainedModel, int, boolean, long)}, the cells written in {@code units}. */
    public static AnnData generate(TrainedModel model, int samples, boolean sampleZ, long seed, OutputUnits units) {
        return generate(model, samples, sampleZ, seed, units, StyleSource.CELLS);
    }

    /** Where the style w of a generated cell comes from. */
    public enum StyleSource {
        /**
         * A Gaussian fitted to the w of the component's training cells ({@link ComponentStyles}), so that each generated cell
         * has a style that cells of its type have; the prior for components without a fit and for models saved before
         * fits were stored.
         */
        CELLS,
        /** The prior p(w) (or the learned p(w|c)), the thesis' procedure. */
        PRIOR
    }

    /** As {@link #generate(TrainedModel, int, boolean, long, OutputUnits)}, with w drawn from {@code styles}. */
    public static AnnData generate(TrainedModel model, int samples, boolean sampleZ, long seed, OutputUnits units, StyleSource styles) {
        return generate(model, samples, sampleZ, seed, units, styles, Progress.NONE);
    }

    /** As above, reporting per component and condition and stopping between them when cancelled. */
    public static AnnData generate(TrainedModel model, int samples, boolean sampleZ, long seed, OutputUnits units, StyleSource styles,
                                   Progress progress) {
        UserOptions.SAMPLES.check(samples);
        checkSize(model, samples); // before the noise is drawn
        Random rnd = new Random(seed);
        // one draw of the noise for all conditions, so that sample s means the same w under every condition
        float[] eps = noise(model, samples, rnd);
        return generateDraws(model, eps, 0, samples, sampleZ ? new ZNoise(rnd, samples, model.config().zDim(), 0, samples) : null, units,
                styles, progress);
    }

    /** The cells {@code samples} draws make: one per draw, component and condition. */
    public static long cellCount(TrainedModel model, int samples) {
        return (long) samples * model.config().nComponents() * Math.max(1, model.conditionNames().size());
    }

    private static void checkSize(TrainedModel model, int samples) {
        long cells = cellCount(model, samples);
        if (cells * model.config().nFeatures() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(samples + " draws would generate " + cells + " cells x " + model.config().nFeatures()
                    + " genes, more than one matrix can hold (2^31 values); ask for fewer draws");
        }
    }

    /**
     * The noise behind every draw of w, [samples, Dw] row-major: what {@link #generate} draws first from {@code seed}, so that
     * a share of the draws ({@link #generateDraws}) made elsewhere gives the same cells.
     */
    public static float[] noise(TrainedModel model, int samples, long seed) {
        return noise(model, samples, new Random(seed));
    }

    /**
     * The noise of z ({@code --sample-z}) for draws {@code [from, to)} of a generation of {@code samples} draws from {@code seed}:
     * the rows {@link #generate} with {@code sampleZ} draws for them, for {@link #generateDraws} of a share of the draws.
     */
    public static ZNoise zNoise(TrainedModel model, int samples, long seed, int from, int to) {
        Random rnd = new Random(seed);
        noise(model, samples, rnd); // z's noise follows w's in the seed's stream
        return new ZNoise(rnd, samples, model.config().zDim(), from, to);
    }

    private static float[] noise(TrainedModel model, int samples, Random rnd) {
        float[] eps = new float[samples * model.config().wDim()];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) rnd.nextGaussian();
        }
        return eps;
    }

    /**
     * The cells of draws {@code [from, to)} of {@code eps} ({@link #noise}), each decoded into every component and condition:
     * named, numbered and valued as the same draws of {@link #generate} (cell "generated" + its index among all draws'
     * cells, ordered by condition, component, draw). {@code zNoise}: draw z from each component with it ({@link #zNoise} for the
     * same draws), or null for the components' means.
     */
    public static AnnData generateDraws(TrainedModel model, float[] eps, int from, int to, ZNoise zNoise, OutputUnits units,
                                        StyleSource styles, Progress progress) {
        int k = model.config().nComponents();
        int nc = Math.max(1, model.conditionNames().size());
        int g = model.config().nFeatures();
        int dw = model.config().wDim();
        int all = eps.length / dw;
        if (from < 0 || to > all || from >= to) {
            throw new IllegalArgumentException("draws " + from + ".." + to + " outside the " + all + " draws of the noise");
        }
        int samples = to - from;
        checkSize(model, samples);
        int n = samples * k * nc;
        float[] x = new float[n * g];
        int[] compCol = new int[n];
        String[] condCol = new String[n];
        double[] sampleCol = new double[n];
        String[] names = new String[n];
        int row = 0;
        INDArray draws = Nd4j.create(java.util.Arrays.copyOfRange(eps, from * dw, to * dw), new long[] {samples, dw}, 'c');
        try {
            for (int c = 0; c < nc; c++) {
                INDArray cond = model.config().conditional() ? Decoding.constantCondition(samples, c, nc) : null;
                INDArray priorW = drawW(model, draws, cond);
                for (int comp = 0; comp < k; comp++) {
                    progress.step((long) c * k + comp, (long) nc * k, "generating " + n + " cells");
                    boolean fitted = styles == StyleSource.CELLS && model.styles() != null && model.styles().has(comp);
                    INDArray w = fitted ? componentW(model.styles(), comp, draws) : priorW;
                    int[] comps = new int[samples];
                    java.util.Arrays.fill(comps, comp);
                    double[] lib = new double[samples];
                    java.util.Arrays.fill(lib, model.referenceLibrarySize());
                    // one workspace reused per component: outside it ND4J frees each decoding's arrays only when the GC runs
                    try (var ws = ComputeSettings.stepWorkspace("gmvae-generate")) {
                        INDArray z = zNoise != null ? drawZ(model, w, cond, comp, zNoise) : Decoding.componentMeans(model, w, cond, comps);
                        Batches.copyRows(Decoding.decode(model, z, cond, lib), x, row, g);
                    }
                    for (int s = 0; s < samples; s++, row++) {
                        compCol[row] = comp;
                        condCol[row] = model.config().conditional() ? model.conditionNames().get(c) : null;
                        sampleCol[row] = from + s;
                        names[row] = "generated" + (((long) c * k + comp) * all + from + s);
                    }
                }
            }
        } finally {
            ComputeSettings.releaseWorkspace("gmvae-generate");
        }
        progress.report(1, "generating " + n + " cells");
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = model.labelOfComponent(compCol[i]);
        }
        Map<String, Column> obs = new LinkedHashMap<>();
        obs.put("component", new NumericColumn(java.util.Arrays.stream(compCol).asDoubleStream().toArray(), true));
        obs.put("label", CategoricalColumn.fromStrings(labels));
        if (model.config().conditional()) {
            obs.put("condition", CategoricalColumn.fromStrings(condCol, model.conditionNames()));
        }
        obs.put("sample", new NumericColumn(sampleCol, true));
        return units.cells(model, new DenseMatrix(n, g, x), new DataFrame(names, obs), DataFrame.ofIndex(featureNames(model)));
    }

    static String[] featureNames(TrainedModel model) {
        if (model.preprocessing() != null) {
            return model.preprocessing().selectedGenes().clone();
        }
        String[] f = new String[model.config().nFeatures()];
        for (int j = 0; j < f.length; j++) {
            f[j] = "feature" + j;
        }
        return f;
    }

    /** w = mean_k + L_k eps from the component's fitted style Gaussian (eps shared with the prior's draw). */
    private static INDArray componentW(ComponentStyles styles, int comp, INDArray eps) {
        int rows = (int) eps.size(0);
        int dw = (int) eps.size(1);
        float[] w = new float[rows * dw];
        double[] e = new double[dw];
        for (int s = 0; s < rows; s++) {
            for (int d = 0; d < dw; d++) {
                e[d] = eps.getDouble(s, d);
            }
            double[] v = styles.draw(comp, e);
            for (int d = 0; d < dw; d++) {
                w[s * dw + d] = (float) v[d];
            }
        }
        return Nd4j.create(w, new long[] {rows, dw}, 'c');
    }

    /** w = eps under N(0, I), or mu(c) + sigma(c) eps under the learned p(w|c). */
    private static INDArray drawW(TrainedModel model, INDArray eps, INDArray cond) {
        if (model.config().wPrior() != WPrior.LEARNED) {
            return eps;
        }
        INDArray[] pw = model.module().wPrior(cond);
        return LatentEncoder.draw(pw[0], pw[1], eps);
    }

    private static INDArray drawZ(TrainedModel model, INDArray w, INDArray cond, int comp, ZNoise noise) {
        INDArray[] pri = model.module().prior(w, cond);
        int rows = (int) w.size(0);
        int[] comps = new int[rows];
        java.util.Arrays.fill(comps, comp);
        int dz = model.config().zDim();
        INDArray eps = Nd4j.create(noise.next(), new long[] {rows, dz}, 'c');
        return LatentEncoder.draw(Decoding.pick(pri[0], comps, dz), Decoding.pick(pri[1], comps, dz), eps);
    }

}
