package org.scgmvae.core.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matrix products straight into OpenBLAS (the library nd4j-native itself links), on the arrays'
 * own memory. {@code Nd4j.gemm} goes through ND4J's custom-op machinery (op context, shape
 * checks, ~25 us per call on one core) before reaching the same {@code cblas_sgemm}; a training
 * step has ~40 products, most of them small. Other backends (CUDA) and arrays that are not
 * contiguous row-major float blocks take ND4J's path.
 */
public final class Blas {

    /** Column vectors of ones by length, for column sums as matrix-vector products (few distinct batch sizes). */
    private static final Map<Integer, FloatPointer> ONES = new ConcurrentHashMap<>();

    private Blas() {
    }

    /** c = alpha op(a) op(b) + beta c, op = transpose when the flag is set. */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
        long m = c.size(0);
        long n = c.size(1);
        long k = transA ? a.size(0) : a.size(1);
        if ((transA ? a.size(1) : a.size(0)) != m || (transB ? b.size(1) : b.size(0)) != k || (transB ? b.size(0) : b.size(1)) != n) {
            throw new IllegalArgumentException("gemm shapes do not match: " + java.util.Arrays.toString(a.shape()) + (transA ? "^T" : "")
                    + " x " + java.util.Arrays.toString(b.shape()) + (transB ? "^T" : "") + " -> " + java.util.Arrays.toString(c.shape()));
        }
        if (!HostArrays.direct(a) || !HostArrays.direct(b) || !HostArrays.direct(c)) {
            Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
            return;
        }
        try {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                    transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    (int) m, (int) n, (int) k, (float) alpha, HostArrays.pointer(a), (int) a.size(1), HostArrays.pointer(b), (int) b.size(1),
                    (float) beta, HostArrays.pointer(c), (int) c.size(1));
        } finally {
            // the pointers do not keep the arrays alive; ND4J may free unreachable arrays' memory at any time
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(c);
        }
    }

    /** acc += column sums of x ([rows, cols] into [1, cols]). */
    public static void addColumnSums(INDArray x, INDArray acc) {
        long rows = x.size(0);
        long cols = x.size(1);
        if (acc.length() != cols) {
            throw new IllegalArgumentException("column sums of " + cols + " columns into " + acc.length() + " values");
        }
        if (!HostArrays.direct(x) || !HostArrays.direct(acc) || rows > Integer.MAX_VALUE) {
            acc.addi(x.sum(true, 0).reshape(acc.shape()));
            return;
        }
        // x^T 1: one BLAS call, no temporary
        try {
            openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans, (int) rows, (int) cols,
                    1f, HostArrays.pointer(x), (int) cols, ones((int) rows), 1, 1f, HostArrays.pointer(acc), 1);
        } finally {
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(acc);
        }
    }

    private static FloatPointer ones(int n) {
        return ONES.computeIfAbsent(n, len -> {
            float[] v = new float[len];
            java.util.Arrays.fill(v, 1f);
            return new FloatPointer(v); // native copy, kept for the JVM's lifetime (one per batch size)
        });
    }
}
