package org.scgmvae.core.infer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.model.ConditionShift;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.task.Progress;

import java.util.Arrays;

/**
 * Perturbation prediction, scGen-style: encode each cell under its own condition, switch the condition and decode.
 * By default ({@link Mode#ENCODED}) the cell's own z is decoded under the target condition, so that every cell keeps
 * what sets it apart from its type; {@link Mode#PRIOR_MEAN} (the thesis' procedure) decodes the prior mean of the
 * cell's label (or predicted component) given its w instead. On scGen's Kang file, every type held out in turn, the
 * encoded z gave the higher mean R^2 (BENCHMARKS.md).
 */
public final class ConditionFlipper {

    /** Which z is decoded under the target condition. */
    public enum Mode {
        /** The component's prior mean given the cell's w under the target condition: a typical cell of that component. */
        PRIOR_MEAN,
        /** The cell's own encoded z (its mean), decoded with the target condition: the condition enters the decoder only. */
        ENCODED,
        /** The cell's own z moved by the prior's shift between its condition and the target: z + mu_k(w, c') - mu_k(w, c). */
        SHIFTED,
        /**
         * The cell's own z moved by the shift of z between the conditions among the training cells of its component (its
         * type when the model was trained with labels; or of the nearest component seen in both, {@link ConditionShift}),
         * decoded with the target condition: scGen's latent arithmetic, per type.
         */
        DELTA
    }

    /** Why DELTA cannot flip with a model file that holds no shifts, and what to do. */
    public static final String NO_SHIFTS = "this model file holds no condition shifts in z (it was saved before they were stored): "
            + "use the flip mode ENCODED, or train the model again";

    /** The mode of the CLI, the Flipper node and the benchmarks: the best mean R^2 on scGen's Kang file (BENCHMARKS.md). */
    public static final Mode DEFAULT_MODE = Mode.DELTA;

    private ConditionFlipper() {
    }

    public static DenseMatrix flip(TrainedModel model, ModelInput input, String targetCondition) {
        return flip(model, input, targetCondition, DEFAULT_MODE);
    }

    /**
     * @param input           cells with their true conditions (labels used when present, -1 = predicted)
     * @param targetCondition the condition to decode under
     * @return decoded cells x features, in model-output units (see {@link Decoding#decode})
     */
    public static DenseMatrix flip(TrainedModel model, ModelInput input, String targetCondition, Mode mode) {
        return flip(model, input, targetCondition, mode, Progress.NONE);
    }

    public static DenseMatrix flip(TrainedModel model, ModelInput input, String targetCondition, Mode mode, Progress progress) {
        Decoding.requireConditional(model, "condition flipping");
        if (mode == Mode.DELTA && model.shifts() == null) {
            throw new IllegalArgumentException(NO_SHIFTS);
        }
        int target = Decoding.conditionIndex(model, targetCondition);
        int n = input.nCells();
        int g = model.config().nFeatures();
        float[] out = new float[n * g];
        int[] labels = input.labels();
        Batches.forEach(input, progress, "flipping " + n + " cells to '" + targetCondition + "'", (from, ph) -> {
            GmvaeModule m = model.module();
            GmvaeModule.Encoding enc = m.encode(ph.x(), ph.c());
            INDArray w = enc.muW();
            int b = (int) w.size(0);
            int[] comp = mode == Mode.ENCODED ? null : components(m, enc, ph.c(), labels, from, b);
            INDArray c = Decoding.constantCondition(b, target, model.conditionNames().size());
            INDArray z = switch (mode) {
                case PRIOR_MEAN -> Decoding.componentMeans(model, w, c, comp);
                case ENCODED -> enc.muZ();
                case SHIFTED -> enc.muZ().add(Decoding.componentMeans(model, w, c, comp)
                        .sub(Decoding.componentMeans(model, w, ph.c(), comp)));
                case DELTA -> enc.muZ().add(shifts(model, comp, input.conditions(), from, target));
            };
            double[] lib = input.librarySize() == null ? null : Arrays.copyOfRange(input.librarySize(), from, from + b);
            Batches.copyRows(Decoding.decode(model, z, c, lib), out, from, g);
        });
        return new DenseMatrix(n, g, out);
    }

    /** Per row the latent shift from its condition to the target: [b, Dz]. */
    private static INDArray shifts(TrainedModel model, int[] comp, int[] conditions, int from, int target) {
        ConditionShift shift = model.shifts();
        int dz = model.config().zDim();
        float[] out = new float[comp.length * dz];
        for (int i = 0; i < comp.length; i++) {
            double[] d = shift.shift(comp[i], conditions[from + i], target);
            for (int j = 0; j < d.length; j++) {
                out[i * dz + j] = (float) d[j];
            }
        }
        return org.nd4j.linalg.factory.Nd4j.create(out, new long[] {comp.length, dz}, 'c');
    }

    /** Each row's known label, else its predicted component (the prior-based modes decode in that component). */
    private static int[] components(GmvaeModule m, GmvaeModule.Encoding enc, INDArray c, int[] labels, int from, int b) {
        INDArray predicted = m.classify(enc.muZ(), c, enc.hidden()).argMax(1);
        int[] comp = new int[b];
        for (int i = 0; i < b; i++) {
            int known = labels == null ? -1 : labels[from + i];
            comp[i] = known >= 0 ? known : predicted.getInt(i);
        }
        return comp;
    }
}
