package org.scgmvae.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;


/** Forward and backward passes of dense layers and ELU stacks on ND4J arrays (BLAS matmuls). */
final class DenseOps {

    private DenseOps() {
    }

    /**
     * x W + b. Through {@code Nd4j.gemm} rather than {@code INDArray.mmul}: for the small layers of this
     * model (e.g. 128x64 times 64x64) mmul costs ~110 us per call against ~28 us for gemm into a fresh
     * array (ND4J 1.0.0-M2.1, one thread); for large layers both take the same time.
     */
    static INDArray linear(INDArray x, GmvaeParameters p, String layer) {
        INDArray w = p.get(layer + "_W");
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.size(0), w.size(1));
        Nd4j.gemm(x, w, out, false, false, 1.0, 0.0);
        return out.addiRowVector(p.get(layer + "_b"));
    }

    /**
     * Accumulates dW = x^T dy and db = sum(dy) into {@code grads}; returns dx = dy W^T (or null if not needed).
     * The transposes go to BLAS as flags, and dW is accumulated by the GEMM itself (beta = 1) straight into
     * the flat gradient buffer: {@code x.transpose().mmul(dy)} allocated a temporary and needed an extra
     * add (in isolation 4.3 vs 1.6 ms for 128x2000x256; the whole training step is within noise).
     */
    static INDArray linearBackward(INDArray x, INDArray dy, GmvaeParameters p, String layer, GmvaeParameters grads,
                                   boolean needInputGrad) {
        INDArray w = p.get(layer + "_W");
        Nd4j.gemm(x, dy, grads.get(layer + "_W"), true, false, 1.0, 1.0);
        accumulate(grads, layer + "_b", dy.sum(true, 0));
        if (!needInputGrad) {
            return null;
        }
        INDArray dx = Nd4j.createUninitialized(dy.dataType(), dy.size(0), w.size(0));
        Nd4j.gemm(dy, w, dx, false, true, 1.0, 0.0);
        return dx;
    }

    static void accumulate(GmvaeParameters grads, String name, INDArray g) {
        grads.get(name).addi(g);
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
            // ELU'(pre) = 1 where a > 0, else a + 1  ==  min(a, 0) + 1
            INDArray dPre = d.mul(Transforms.min(acts[i + 1], 0.0, true).addi(1.0));
            d = linearBackward(acts[i], dPre, p, name + "_h" + i, grads, needInputGrad || i > 0);
        }
        return d;
    }
}
