package org.scgmvae.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.scgmvae.core.nn.ComputeSettings;
import org.scgmvae.core.nn.HostArrays;
import org.scgmvae.core.nn.Parameters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * All trainable arrays of a (c)GMVAE by name, in a fixed order, stored as views into one flat
 * buffer: optimiser updates, copies and restores are then a handful of ND4J calls instead of a
 * few per parameter (each ND4J call costs tens of microseconds of fixed overhead). Dense layers are stored as
 * {@code <layer>_W} [in, out] and {@code <layer>_b} [1, out]. Initialisation is Xavier-uniform
 * from one seeded generator (so a seed fixes the initial network), zero biases except the prior component means (spread apart), and 10x smaller
 * weights for log-variance heads so that training starts near unit variances.
 */
public final class GmvaeParameters implements Parameters {

    /** sd of the initial prior component means (in latent units). */
    static final double COMPONENT_SPREAD = 1.5;
    /** Init gain of the classifier output: a non-uniform q(y|z) at the start breaks the symmetry between components. */
    static final double CLASSIFIER_GAIN = 3.0; // a constant, not a hidden setting: every model of this version starts alike

    private final INDArray flat;
    private final LinkedHashMap<String, INDArray> arrays;
    /** Row-block views of weight matrices by name (see {@link #rowBlocks}). */
    private final Map<String, INDArray[]> rowBlocks = new java.util.concurrent.ConcurrentHashMap<>();

    /** Copies the given arrays into a new flat buffer and keeps views of it under the same names. */
    private GmvaeParameters(LinkedHashMap<String, INDArray> source) {
        long total = source.values().stream().mapToLong(INDArray::length).sum();
        this.flat = Nd4j.create(DataType.FLOAT, 1, total);
        this.arrays = new LinkedHashMap<>();
        long off = 0;
        for (Map.Entry<String, INDArray> e : source.entrySet()) {
            long len = e.getValue().length();
            INDArray view = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(off, off + len)).reshape('c', e.getValue().shape());
            view.assign(e.getValue());
            arrays.put(e.getKey(), view);
            off += len;
        }
    }

    /** Layer names and sizes of every sub-network; the single place that defines the architecture. */
    static LinkedHashMap<String, int[]> layerShapes(GmvaeConfig c) {
        LinkedHashMap<String, int[]> l = new LinkedHashMap<>();
        int nc = c.nConditions();
        int encOut = mlp(l, "enc", c.nFeatures() + nc, c.encoderHidden());
        l.put("enc_muZ", new int[] {encOut, c.zDim()});
        l.put("enc_lvZ", new int[] {encOut, c.zDim()});
        l.put("enc_muW", new int[] {encOut, c.wDim()});
        l.put("enc_lvW", new int[] {encOut, c.wDim()});
        int clsIn = c.zDim() + nc + (c.classifierInput() == ClassifierInput.Z_AND_X ? encOut : 0);
        l.put("qy_out", new int[] {mlp(l, "qy", clsIn, c.classifierHidden()), c.nComponents()});
        l.put("qd_out", new int[] {mlp(l, "qd", c.zDim() + nc, c.classifierHidden()), c.nComponents()});
        int pzOut = mlp(l, "pz", c.wDim() + nc, c.priorHidden());
        l.put("pz_mu", new int[] {pzOut, c.nComponents() * c.zDim()});
        l.put("pz_lv", new int[] {pzOut, c.nComponents() * c.zDim()});
        l.put("dec_out", new int[] {mlp(l, "dec", c.zDim() + nc, c.decoderHidden()), c.nFeatures()});
        if (c.wPrior() == WPrior.LEARNED) {
            int pwOut = mlp(l, "pw", nc, wPriorHidden(c));
            l.put("pw_mu", new int[] {pwOut, c.wDim()});
            l.put("pw_lv", new int[] {pwOut, c.wDim()});
        }
        return l;
    }

    static int[] wPriorHidden(GmvaeConfig c) {
        return new int[] {Math.max(8, c.wDim())};
    }

    private static int mlp(Map<String, int[]> l, String name, int in, int[] hidden) {
        int d = in;
        for (int i = 0; i < hidden.length; i++) {
            l.put(name + "_h" + i, new int[] {d, hidden[i]});
            d = hidden[i];
        }
        return d;
    }

    public static GmvaeParameters initialise(GmvaeConfig c, long seed) {
        Random rnd = new Random(seed);
        LinkedHashMap<String, INDArray> a = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : layerShapes(c).entrySet()) {
            int in = e.getValue()[0];
            int out = e.getValue()[1];
            boolean logVarHead = e.getKey().endsWith("_lvZ") || e.getKey().endsWith("_lvW") || e.getKey().equals("pz_lv")
                    || e.getKey().startsWith("pw_");
            double gain = logVarHead ? 0.1 : e.getKey().equals("qy_out") ? CLASSIFIER_GAIN : 1.0;
            double limit = gain * Math.sqrt(6.0 / (in + out));
            float[] w = new float[in * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
            }
            a.put(e.getKey() + "_W", HostArrays.create(w, in, out));
            float[] bias = new float[out];
            if (e.getKey().equals("pz_mu")) {
                // Spread the component means apart: with identical components q(y|z) gets no
                // gradient and the mixture collapses into one component (symmetric saddle).
                for (int i = 0; i < out; i++) {
                    bias[i] = (float) (rnd.nextGaussian() * COMPONENT_SPREAD);
                }
            }
            a.put(e.getKey() + "_b", HostArrays.create(bias, 1, out));
        }
        // the observation model's own parameters (a dispersion, a sigma) after the layers'
        a.putAll(new java.util.TreeMap<>(c.observationModel().initialParameters()));
        return new GmvaeParameters(a);
    }

    /** Wraps existing arrays (e.g. loaded from a model file); shapes are checked against the config. */
    public static GmvaeParameters of(GmvaeConfig c, Map<String, INDArray> arrays) {
        GmvaeParameters expected = initialise(c, 0);
        LinkedHashMap<String, INDArray> a = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : expected.arrays.entrySet()) {
            INDArray got = arrays.get(e.getKey());
            if (got == null) {
                throw new IllegalArgumentException("missing parameter '" + e.getKey() + "'");
            }
            if (!java.util.Arrays.equals(got.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has shape " + java.util.Arrays.toString(got.shape())
                        + " but the architecture needs " + java.util.Arrays.toString(e.getValue().shape()));
            }
            a.put(e.getKey(), got.castTo(DataType.FLOAT));
        }
        if (arrays.size() != a.size()) {
            throw new IllegalArgumentException("unexpected parameters: " + arrays.keySet().stream().filter(k -> !a.containsKey(k)).toList());
        }
        return new GmvaeParameters(a);
    }

    @Override
    public INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return a;
    }

    /**
     * Views of consecutive row blocks of the named matrix, {@code sizes[i]} rows each, for a layer whose input comes
     * in column blocks (expression | condition one-hot, ...). Made once per name and sizes, since creating an ND4J
     * view costs 5-15 us and a training step would otherwise create ~30 of them; the views stay valid because
     * the flat buffer is only ever written in place.
     */
    @Override
    public INDArray[] rowBlocks(String name, long[] sizes) {
        // keyed by name alone (no key string built per call on the training step's path); a layer's input blocks
        // keep their sizes, and other sizes simply replace the cached views
        INDArray[] cached = rowBlocks.get(name);
        if (cached != null && sameRows(cached, sizes)) {
            return cached;
        }
        INDArray w = get(name);
        INDArray[] blocks = new INDArray[sizes.length];
        try (var ws = ComputeSettings.outsideWorkspaces()) { // the views outlive the step that first asks for them
            long from = 0;
            for (int i = 0; i < sizes.length; i++) {
                blocks[i] = w.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + sizes[i]),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
                from += sizes[i];
            }
        }
        rowBlocks.put(name, blocks);
        return blocks;
    }

    private static boolean sameRows(INDArray[] blocks, long[] sizes) {
        if (blocks.length != sizes.length) {
            return false;
        }
        for (int i = 0; i < sizes.length; i++) {
            if (blocks[i].size(0) != sizes[i]) {
                return false;
            }
        }
        return true;
    }

    public boolean has(String name) {
        return arrays.containsKey(name);
    }

    /** Name -> array, in a fixed order (live arrays, not copies). */
    public Map<String, INDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Deep copy. */
    public GmvaeParameters copy() {
        return new GmvaeParameters(new LinkedHashMap<>(arrays));
    }

    /** Same names and shapes, all zeros (e.g. a gradient buffer). */
    public GmvaeParameters zerosLike() {
        GmvaeParameters z = copy();
        z.flat.assign(0);
        return z;
    }

    /** Overwrites these values with those of {@code other} (same layout). */
    public void assign(GmvaeParameters other) {
        flat.assign(other.flat);
    }

    /** All values as one [1, count] array; the named arrays are views into it. */
    public INDArray flat() {
        return flat;
    }

    public long count() {
        return flat.length();
    }
}
