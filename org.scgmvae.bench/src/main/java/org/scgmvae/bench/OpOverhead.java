package org.scgmvae.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.scgmvae.core.nn.ComputeSettings;

import java.util.Locale;

/**
 * ND4J's fixed cost per operation on the small arrays of this model (128 x 64), and INDArray.mmul vs
 * Nd4j.gemm for a small and a large product: why the dense layers call gemm. Uses the training's
 * thread settings.
 * {@code java -cp scgmvae.jar org.scgmvae.bench.OpOverhead}
 */
public final class OpOverhead {

    private OpOverhead() {
    }

    private static void time(String what, int n, Runnable op) {
        for (int i = 0; i < n / 5; i++) {
            op.run();
        }
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        System.out.printf(Locale.ROOT, "%-40s %8.1f us/op%n", what, (System.nanoTime() - t) / 1e3 / n);
    }

    public static void main(String[] args) {
        ComputeSettings.apply(); // the thread settings training uses (1 ND4J/BLAS thread unless -Dscgmvae.threads)
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 64);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1, 64);
        INDArray w = Nd4j.rand(DataType.FLOAT, 64, 64);
        INDArray o = Nd4j.create(DataType.FLOAT, 128, 64);
        time("addiRowVector 128x64", 20000, () -> x.addiRowVector(b));
        time("elu in place 128x64", 20000, () -> Transforms.elu(x, false));
        time("muli scalar 128x64", 20000, () -> x.muli(1.0000001));
        time("sum over rows 128x64", 20000, () -> x.sum(true, 0));
        time("INDArray.mmul 128x64 * 64x64", 20000, () -> x.mmuli(w, o));
        time("Nd4j.gemm 128x64 * 64x64", 20000, () -> Nd4j.gemm(x, w, o, false, false, 1.0, 0.0));
        INDArray bx = Nd4j.rand(DataType.FLOAT, 128, 2000);
        INDArray bw = Nd4j.rand(DataType.FLOAT, 2000, 256);
        INDArray bo = Nd4j.create(DataType.FLOAT, 128, 256);
        time("INDArray.mmul 128x2000 * 2000x256", 300, () -> bx.mmuli(bw, bo));
        time("Nd4j.gemm 128x2000 * 2000x256", 300, () -> Nd4j.gemm(bx, bw, bo, false, false, 1.0, 0.0));
    }
}
