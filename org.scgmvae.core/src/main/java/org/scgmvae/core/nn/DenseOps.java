package org.scgmvae.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.FloatBuffer;
import java.util.function.Predicate;


/**
 * Forward and backward passes of dense layers and ELU stacks on ND4J arrays. Each ND4J operation
 * costs 10-35 us of fixed overhead on one core whatever its size, and a training step runs ~40
 * layers, so a layer here is as few operations as possible: the bias is written into the output
 * before the product (no broadcast add), products and bias gradients are single BLAS calls
 * ({@link Blas}), and the ELU and its derivative are single passes over host copies ({@link VectorMath}).
 *
 * <p>A layer's input may be given as column blocks [x_1 | x_2 | ...] (expression and condition
 * one-hot, say) that are never concatenated: the rows of W split into matching row blocks, each a
 * contiguous view, and x W = sum_i x_i W_i. Concatenating cost a copy of the whole input per batch
 * (the encoder's 128 x 2,002 input: ~90 us; 8 MB per 1,024-cell inference batch).
 */
public final class DenseOps {

    /** Input-gradient selectors for {@link #linearBackward}: every block, or none (a network's input end). */
    public static final Predicate<INDArray> ALL = a -> true;
    public static final Predicate<INDArray> NONE = a -> false;

    private DenseOps() {
    }

    /** [x_1 | x_2 | ...] W + b. */
    public static INDArray linear(ArrayAllocator alloc, INDArray[] x, Parameters p, String layer) {
        return linear(alloc, x, p, layer, 1.0);
    }

    /** scale ([x_1 | x_2 | ...] W + b), the scale folded into the products (for heads followed by a scaled non-linearity). */
    public static INDArray linear(ArrayAllocator alloc, INDArray[] x, Parameters p, String layer, double scale) {
        INDArray w = p.get(layer + "_W");
        INDArray out = alloc.uninitialized(x[0].dataType(), x[0].size(0), w.size(1));
        INDArray b = p.get(layer + "_b");
        FloatBuffer rows = HostArrays.view(out);
        if (rows == null) {
            out.assign(0).addiRowVector(b).muli(scale);
        } else {
            float[] bias = HostArrays.read(b);
            if (scale != 1.0) {
                for (int j = 0; j < bias.length; j++) {
                    bias[j] *= (float) scale;
                }
            }
            for (long i = 0; i < out.size(0); i++) {
                rows.put(bias);
            }
        }
        INDArray[] wBlocks = rowBlocks(p, layer + "_W", x, layer);
        for (int i = 0; i < x.length; i++) {
            Blas.gemm(x[i], wBlocks[i], out, false, false, scale, 1.0);
        }
        return out;
    }

    /**
     * Accumulates dW = x^T dy (per row block) and db = sum(dy) into {@code grads}; returns dx_i = dy W_i^T for each input
     * block that {@code needsGrad} accepts (null for the others; null altogether when it accepts none). The transposes
     * go to BLAS as flags, and dW is accumulated by the GEMM itself (beta = 1) straight into the flat gradient buffer.
     */
    public static INDArray[] linearBackward(ArrayAllocator alloc, INDArray[] x, INDArray dy, Parameters p, String layer,
                                     Parameters grads, Predicate<INDArray> needsGrad) {
        return linearBackward(alloc, x, dy, p, layer, grads, needsGrad, null);
    }

    /**
     * As above, but adds dx_i to {@code into[i]} where {@code into} has an array for block i (the GEMM accumulates, beta = 1;
     * for several layers on the same input, no separate sums) and returns {@code into}, completed with new arrays.
     */
    public static INDArray[] linearBackward(ArrayAllocator alloc, INDArray[] x, INDArray dy, Parameters p, String layer,
                                     Parameters grads, Predicate<INDArray> needsGrad, INDArray[] into) {
        INDArray[] wBlocks = rowBlocks(p, layer + "_W", x, layer);
        INDArray[] dwBlocks = rowBlocks(grads, layer + "_W", x, layer);
        INDArray[] dx = into;
        for (int i = 0; i < x.length; i++) {
            Blas.gemm(x[i], dy, dwBlocks[i], true, false, 1.0, 1.0);
            if (needsGrad.test(x[i])) {
                if (dx == null) {
                    dx = new INDArray[x.length];
                }
                boolean accumulate = dx[i] != null;
                if (!accumulate) {
                    dx[i] = alloc.uninitialized(dy.dataType(), dy.size(0), wBlocks[i].size(0));
                }
                Blas.gemm(dy, wBlocks[i], dx[i], false, true, 1.0, accumulate ? 1.0 : 0.0);
            }
        }
        Blas.addColumnSums(dy, grads.get(layer + "_b"));
        return dx;
    }

    /** The row blocks of the layer's W (or of its gradient) matching the input's column blocks (W itself for a single block). */
    private static INDArray[] rowBlocks(Parameters p, String name, INDArray[] x, String layer) {
        INDArray w = p.get(name);
        long[] sizes = new long[x.length];
        long total = 0;
        for (int i = 0; i < x.length; i++) {
            sizes[i] = x[i].size(1);
            total += sizes[i];
        }
        if (total != w.size(0)) {
            throw new IllegalArgumentException("layer " + layer + " takes " + w.size(0) + " inputs, got " + total);
        }
        return x.length == 1 ? new INDArray[] {w} : p.rowBlocks(name, sizes);
    }

    /** ELU stack on an input given as column blocks. */
    public static StackActivations mlp(ArrayAllocator alloc, INDArray[] in, Parameters p, String name, int layers) {
        INDArray[] hidden = new INDArray[layers];
        INDArray[] current = in;
        for (int i = 0; i < layers; i++) {
            hidden[i] = elu(linear(alloc, current, p, name + "_h" + i));
            current = new INDArray[] {hidden[i]};
        }
        return new StackActivations(in, hidden);
    }

    /**
     * Back-propagates dLast (gradient w.r.t. the stack's output blocks, see {@link StackActivations#last}) through
     * the stack; returns the gradient w.r.t. each input block that {@code needsGrad} accepts (see {@link #linearBackward}).
     * A stack without hidden layers returns {@code dLast} itself: its output is its input.
     */
    public static INDArray[] mlpBackward(ArrayAllocator alloc, StackActivations acts, INDArray[] dLast, Parameters p, String name,
                                  Parameters grads, Predicate<INDArray> needsGrad) {
        INDArray[] d = dLast;
        for (int i = acts.hidden().length - 1; i >= 0; i--) {
            INDArray[] x = i == 0 ? acts.input() : new INDArray[] {acts.hidden()[i - 1]};
            d = linearBackward(alloc, x, eluBackward(acts.hidden()[i], d[0]), p, name + "_h" + i, grads, i > 0 ? ALL : needsGrad);
        }
        return d;
    }

    /** ELU in place: {@link VectorMath#elu} on a host copy (vectorised, ~2.5x faster than ND4J's scalar kernel); ND4J's off the CPU. */
    public static INDArray elu(INDArray pre) {
        return onHostCopy(pre, VectorMath::elu) ? pre : Transforms.elu(pre, false);
    }

    /**
     * In place, v -> b tanh(v / 2) (the latent heads' soft clamp with 2/b folded into v): {@link VectorMath#boundedTanhOfHalf}
     * on a host copy, ND4J's tanh off the CPU.
     */
    public static INDArray boundedTanhOfHalf(INDArray v, double b) {
        return onHostCopy(v, (values, n) -> VectorMath.boundedTanhOfHalf(values, n, (float) b)) ? v : Transforms.tanh(v.muli(0.5), false).muli(b);
    }

    private static boolean onHostCopy(INDArray a, java.util.function.ObjIntConsumer<float[]> op) {
        java.nio.FloatBuffer view = HostArrays.view(a);
        if (view == null) {
            return false;
        }
        try {
            int n = (int) a.length();
            float[] values = HostScratch.floats(HostScratch.Slot.ACTIVATION, n);
            view.get(values, 0, n);
            op.accept(values, n);
            view.rewind();
            view.put(values, 0, n);
        } finally {
            java.lang.ref.Reference.reachabilityFence(a);
        }
        return true;
    }

    /**
     * d(pre-activation) from d(activation) and the activation a, in place in {@code d} (a gradient nothing else reads):
     * ELU'(pre) = 1 where a > 0, else a + 1 = min(a, 0) + 1.
     */
    private static INDArray eluBackward(INDArray a, INDArray d) {
        if (!HostArrays.direct(a) || !HostArrays.direct(d)) {
            return d.muli(Transforms.min(a, 0.0, true).addi(1.0));
        }
        int n = (int) d.length();
        float[] av = HostScratch.copyOf(a, HostScratch.Slot.ACTIVATION);
        float[] dv = HostScratch.copyOf(d, HostScratch.Slot.GRADIENT);
        for (int i = 0; i < n; i++) {
            dv[i] *= Math.min(av[i], 0f) + 1f;
        }
        HostArrays.write(dv, 0, d);
        return d;
    }
}
