package org.scgmvae.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vectorisable expm1, ELU and bounded tanh, and their ND4J wrappers, against java.lang.Math in double precision. */
class VectorMathTest {

    @Test
    void expm1IsAccurateOverItsRange() {
        double worstNeg = 0;
        double worstPos = 0;
        for (int i = -170_000; i <= 170_000; i++) {
            float x = i * 1e-4f;
            double exact = Math.expm1(x);
            if (exact == 0) {
                continue;
            }
            double rel = Math.abs(VectorMath.expm1(x) - exact) / Math.abs(exact);
            if (x < 0) {
                worstNeg = Math.max(worstNeg, rel);
            } else {
                worstPos = Math.max(worstPos, rel);
            }
        }
        assertTrue(worstNeg < 5e-7, "x <= 0: relative error " + worstNeg);
        assertTrue(worstPos < 5e-6, "x > 0: relative error " + worstPos);
        // tiny arguments keep their relative precision (no 1 + x - 1 cancellation)
        assertEquals(1e-7, VectorMath.expm1(1e-7f), 1e-13);
        assertEquals(-3e-9, VectorMath.expm1(-3e-9f), 1e-15);
    }

    @Test
    void expOfNegatedCoversTheLogVarianceRange() {
        // prior log-variances lie in (-b/2, b/2), b <= 34 (GmvaeConfig): exp(-x) over (-17, 17)
        float[] x = new float[34_001];
        for (int i = 0; i < x.length; i++) {
            x[i] = -17f + i * 1e-3f;
        }
        float[] e = VectorMath.expOfNegated(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(e[i] - Math.exp(-x[i])) / Math.exp(-x[i]));
        }
        assertTrue(worst < 5e-6, "relative error " + worst);
        assertEquals(x.length, e.length);
    }

    @Test
    void expm1ClampsInsteadOfOverflowingAndKeepsNaN() {
        assertEquals(-1.0, VectorMath.expm1(-1e6f), 1e-7);
        assertEquals(-1.0, VectorMath.expm1(Float.NEGATIVE_INFINITY), 1e-7);
        assertEquals(Math.expm1(17), VectorMath.expm1(1e6f), 2e-6 * Math.expm1(17));
        assertTrue(Float.isNaN(VectorMath.expm1(Float.NaN)));
    }

    @Test
    void eluIsWithinTwoTenthsOfAMillionthEverywhere() {
        float[] v = new float[400_001];
        for (int i = 0; i < v.length; i++) {
            v[i] = -20f + i * 5e-5f; // [-20, 0]
        }
        float[] x = v.clone();
        VectorMath.elu(v);
        double worst = 0;
        for (int i = 0; i < v.length; i++) {
            worst = Math.max(worst, Math.abs(v[i] - Math.expm1(x[i])));
        }
        assertTrue(worst <= 2e-7, "ELU absolute error " + worst);
    }

    @Test
    void ndArrayWrappersGiveTheSameValuesOnDirectAndFallbackPaths() {
        // FLOAT arrays take the vectorised host path, DOUBLE arrays ND4J's own elu/tanh (the path CUDA takes)
        double[] raw = {-30, -4, -0.7, -1e-3, 0, 2e-3, 0.9, 6, 45};
        INDArray f = Nd4j.create(raw, new long[] {3, 3}, DataType.FLOAT);
        INDArray d = Nd4j.create(raw, new long[] {3, 3}, DataType.DOUBLE);
        INDArray eluF = DenseOps.elu(f.dup());
        INDArray eluD = DenseOps.elu(d.dup());
        INDArray tanhF = DenseOps.boundedTanhOfHalf(f.dup(), 5.0);
        INDArray tanhD = DenseOps.boundedTanhOfHalf(d.dup(), 5.0);
        for (int i = 0; i < raw.length; i++) {
            double elu = raw[i] > 0 ? raw[i] : Math.expm1(raw[i]);
            double tanh = 5.0 * Math.tanh(raw[i] / 2);
            assertEquals(elu, eluF.getDouble(i / 3, i % 3), 2e-7 + 1e-7 * Math.abs(elu), "float elu " + raw[i]);
            assertEquals(elu, eluD.getDouble(i / 3, i % 3), 1e-9 + 1e-9 * Math.abs(elu), "double elu " + raw[i]);
            assertEquals(tanh, tanhF.getDouble(i / 3, i % 3), 2e-6, "float bounded tanh " + raw[i]);
            assertEquals(tanh, tanhD.getDouble(i / 3, i % 3), 1e-9, "double bounded tanh " + raw[i]);
        }
    }

    @Test
    void eluMatchesDefinition() {
        float[] x = {-1e6f, -40f, -17f, -5f, -1f, -0.25f, -1e-6f, 0f, 1e-6f, 0.5f, 3f, 1e6f, Float.POSITIVE_INFINITY};
        float[] v = x.clone();
        VectorMath.elu(v);
        for (int i = 0; i < x.length; i++) {
            double exact = x[i] > 0 ? x[i] : Math.expm1(x[i]);
            assertEquals(exact, v[i], 2e-7 + 1e-7 * Math.abs(exact), "elu(" + x[i] + ")");
        }
        float[] nan = {Float.NaN};
        VectorMath.elu(nan);
        assertTrue(Float.isNaN(nan[0]), "a NaN must survive, so that divergence is detected");
    }

    @Test
    void boundedTanhMatchesTanhAndSaturates() {
        float b = 5f;
        double worst = 0;
        for (int i = -100_000; i <= 100_000; i++) {
            float v = i * 2e-4f; // v = 2u, u in [-10, 10]
            float[] a = {v};
            VectorMath.boundedTanhOfHalf(a, b);
            double exact = b * Math.tanh(v / 2.0);
            worst = Math.max(worst, Math.abs(a[0] - exact));
            assertTrue(Math.abs(a[0]) <= b, "bound exceeded at " + v);
        }
        assertTrue(worst < 2e-6 * b, "absolute error " + worst);
        float[] tiny = {2e-8f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        VectorMath.boundedTanhOfHalf(tiny, b);
        assertEquals(5e-8, tiny[0], 1e-13, "no cancellation near 0");
        assertEquals(b, tiny[1], 1e-6);
        assertEquals(-b, tiny[2], 1e-6);
    }
}
