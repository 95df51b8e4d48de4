package org.scgmvae.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.FloatBuffer;


/**
 * Forward and backward passes of dense layers and ELU stacks on ND4J arrays. Each ND4J operation
 * costs 10-35 us of fixed overhead on one core whatever its size, and a training step runs ~40
 * layers, so a layer here is as few operations as possible: the bias is written into the output
 * before the product (no broadcast add), products and bias gradients are single BLAS calls
 * ({@link Blas}), and the ELU derivative is one pass over host copies instead of three operations.
 */
final class DenseOps {

    private DenseOps() {
    }

    /** x W + b. */
    static INDArray linear(INDArray x, GmvaeParameters p, String layer) {
        return linear(x, p, layer, 1.0);
    }

    /** scale (x W + b), the scale folded into the product (for heads followed by a scaled non-linearity). */
    static INDArray linear(INDArray x, GmvaeParameters p, String layer, double scale) {
        INDArray w = p.get(layer + "_W");
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.size(0), w.size(1));
        INDArray b = p.get(layer + "_b");
        FloatBuffer rows = HostArrays.view(out);
        if (rows == null) {
            Blas.gemm(x, w, out, false, false, 1.0, 0.0);
            return scale == 1.0 ? out.addiRowVector(b) : out.addiRowVector(b).muli(scale);
        }
        float[] bias = HostArrays.read(b);
        if (scale != 1.0) {
            for (int j = 0; j < bias.length; j++) {
                bias[j] *= (float) scale;
            }
        }
        for (long i = 0; i < out.size(0); i++) {
            rows.put(bias);
        }
        Blas.gemm(x, w, out, false, false, scale, 1.0);
        return out;
    }

    /**
     * Accumulates dW = x^T dy and db = sum(dy) into {@code grads}; returns dx = dy W^T (or null if not needed).
     * The transposes go to BLAS as flags, and dW is accumulated by the GEMM itself (beta = 1) straight into
     * the flat gradient buffer: {@code x.transpose().mmul(dy)} allocated a temporary and needed an extra
     * add (in isolation 4.3 vs 1.6 ms for 128x2000x256).
     */
    static INDArray linearBackward(INDArray x, INDArray dy, GmvaeParameters p, String layer, GmvaeParameters grads,
                                   boolean needInputGrad) {
        INDArray w = p.get(layer + "_W");
        Blas.gemm(x, dy, grads.get(layer + "_W"), true, false, 1.0, 1.0);
        Blas.addColumnSums(dy, grads.get(layer + "_b"));
        if (!needInputGrad) {
            return null;
        }
        INDArray dx = Nd4j.createUninitialized(dy.dataType(), dy.size(0), w.size(0));
        Blas.gemm(dy, w, dx, false, true, 1.0, 0.0);
        return dx;
    }

    /** ELU stack; returns activations: [0] = input, [i] = output of hidden layer i. */
    static INDArray[] mlp(INDArray in, GmvaeParameters p, String name, int layers) {
        INDArray[] acts = new INDArray[layers + 1];
        acts[0] = in;
        for (int i = 0; i < layers; i++) {
            acts[i + 1] = Transforms.elu(linear(acts[i], p, name + "_h" + i), false);
        }
        return acts;
    }

    /** Back-propagates dOut (gradient w.r.t. the last activation) through the stack; returns d(input). */
    static INDArray mlpBackward(INDArray[] acts, INDArray dOut, GmvaeParameters p, String name, GmvaeParameters grads,
                                boolean needInputGrad) {
        INDArray d = dOut;
        for (int i = acts.length - 2; i >= 0; i--) {
            d = linearBackward(acts[i], eluBackward(acts[i + 1], d), p, name + "_h" + i, grads, needInputGrad || i > 0);
        }
        return d;
    }

    /** d(pre-activation) from d(activation) and the activation a: ELU'(pre) = 1 where a > 0, else a + 1 = min(a, 0) + 1. */
    private static INDArray eluBackward(INDArray a, INDArray d) {
        if (!HostArrays.direct(a) || !HostArrays.direct(d)) {
            return d.mul(Transforms.min(a, 0.0, true).addi(1.0));
        }
        float[] av = HostArrays.read(a);
        float[] dv = HostArrays.read(d);
        for (int i = 0; i < dv.length; i++) {
            dv[i] *= Math.min(av[i], 0f) + 1f;
        }
        return HostArrays.create(dv, d.shape());
    }
}
