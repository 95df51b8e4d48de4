package org.scgmvae.core.infer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.model.BatchKeys;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.model.TrainedModel;

import java.util.Arrays;

/**
 * Perturbation prediction, scGen-style: encode each cell with its own condition into w, keep its
 * label (or predicted component), switch the condition, and decode w -> z (that component's prior
 * mean) -> x.
 */
public final class ConditionFlipper {

    private ConditionFlipper() {
    }

    /**
     * @param input           cells with their true conditions (labels used when present, -1 = predicted)
     * @param targetCondition the condition to decode under
     * @return decoded cells x features, in model-output units (see {@link Decoding#decode})
     */
    public static DenseMatrix flip(TrainedModel model, ModelInput input, String targetCondition) {
        Decoding.requireConditional(model, "condition flipping");
        int target = Decoding.conditionIndex(model, targetCondition);
        int n = input.nCells();
        int g = model.config().nFeatures();
        float[] out = new float[n * g];
        int[] labels = input.labels();
        Batches.forEach(input, (from, ph) -> {
            GmvaeModule m = model.module();
            GmvaeModule.Encoding enc = m.encode(ph.get(BatchKeys.X), ph.get(BatchKeys.C));
            INDArray w = enc.muW();
            int b = (int) w.size(0);
            INDArray predicted = m.classify(enc.muZ(), ph.get(BatchKeys.C), enc.hidden()).argMax(1);
            int[] comp = new int[b];
            for (int i = 0; i < b; i++) {
                int known = labels == null ? -1 : labels[from + i];
                comp[i] = known >= 0 ? known : predicted.getInt(i);
            }
            INDArray c = Decoding.constantCondition(b, target, model.conditionNames().size());
            INDArray z = Decoding.componentMeans(model, w, c, comp);
            double[] lib = input.librarySize() == null ? null : Arrays.copyOfRange(input.librarySize(), from, from + b);
            Batches.copyRows(Decoding.decode(model, z, c, lib), out, from, g);
        });
        return new DenseMatrix(n, g, out);
    }
}
