package org.scgmvae.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;


/** Forward and backward passes of dense layers and ELU stacks on ND4J arrays (BLAS matmuls). */
final class DenseOps {

    private DenseOps() {
    }

    static INDArray linear(INDArray x, GmvaeParameters p, String layer) {
        return x.mmul(p.get(layer + "_W")).addiRowVector(p.get(layer + "_b"));
    }

    /** Accumulates dW = x^T dy and db = sum(dy) into {@code grads}; returns dx = dy W^T (or null if not needed). */
    static INDArray linearBackward(INDArray x, INDArray dy, GmvaeParameters p, String layer, GmvaeParameters grads,
                                   boolean needInputGrad) {
        accumulate(grads, layer + "_W", x.transpose().mmul(dy));
        accumulate(grads, layer + "_b", dy.sum(true, 0));
        return needInputGrad ? dy.mmul(p.get(layer + "_W").transpose()) : null;
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
