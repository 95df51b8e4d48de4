package org.scgmvae.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.function.IntToDoubleFunction;

/** Row-wise log-softmax, forward and backward, shared by the classifier q(y|z) and the count likelihoods' gene shares. */
public final class LogSoftmax {

    private LogSoftmax() {
    }

    /** log softmax of each row of {@code x} (a new array). */
    public static INDArray rows(INDArray x) {
        INDArray max = x.max(true, 1);
        INDArray shifted = x.subColumnVector(max);
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(lse);
    }

    /** Host version on [rows, cols] logits: writes log p into {@code logP} and p into {@code p}. */
    public static void rows(float[] logits, int rows, int cols, double[] logP, double[] p) {
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, logits[i * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(logits[i * cols + j] - max);
            }
            double lse = max + Math.log(sum);
            for (int j = 0; j < cols; j++) {
                logP[i * cols + j] = logits[i * cols + j] - lse;
                p[i * cols + j] = Math.exp(logP[i * cols + j]);
            }
        }
    }

    /**
     * Gradient through a row-wise log-softmax: given dL/d(log p) and p, dL/d(logits) = dL/d(log p) - p * (the row's
     * sum of dL/d(log p)).
     */
    public static float[] backward(double[] dLog, IntToDoubleFunction prob, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += dLog[i * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) (dLog[i * cols + j] - prob.applyAsDouble(i * cols + j) * sum);
            }
        }
        return out;
    }
}
