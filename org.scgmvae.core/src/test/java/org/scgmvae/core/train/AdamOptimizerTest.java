package org.scgmvae.core.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java Adam loop against the textbook update computed in double precision. */
class AdamOptimizerTest {

    private static INDArray row(float... v) {
        return Nd4j.create(v, new long[] {1, v.length}, 'c');
    }

    /** Textbook Adam (Kingma and Ba, with ND4J's epsilon placement) for one parameter over a gradient sequence. */
    private static double reference(double p, double lr, double... grads) {
        double m = 0;
        double v = 0;
        for (int t = 1; t <= grads.length; t++) {
            m = 0.9 * m + 0.1 * grads[t - 1];
            v = 0.999 * v + 0.001 * grads[t - 1] * grads[t - 1];
            p -= lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t)) * m / (Math.sqrt(v) + 1e-8);
        }
        return p;
    }

    @Test
    void twoStepsMatchTheTextbookUpdate() {
        INDArray params = row(1f, -2f, 0.5f);
        AdamOptimizer adam = new AdamOptimizer(params);
        float[][] grads = {{0.3f, -1.5f, 0f}, {0.1f, 2.0f, 4f}};
        for (float[] g : grads) {
            double norm = adam.loadGradient(row(g));
            assertEquals(Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]), norm, 1e-6);
            adam.apply(norm, 0.01, 0);
        }
        assertEquals(reference(1, 0.01, 0.3, 0.1), params.getDouble(0, 0), 1e-6);
        assertEquals(reference(-2, 0.01, -1.5, 2.0), params.getDouble(0, 1), 1e-6);
        assertEquals(reference(0.5, 0.01, 0, 4), params.getDouble(0, 2), 1e-6);
    }

    @Test
    void clippingScalesTheGradientBeforeTheMoments() {
        INDArray clipped = row(0f, 0f);
        AdamOptimizer a = new AdamOptimizer(clipped);
        a.apply(a.loadGradient(row(30f, 40f)), 0.1, 5.0); // norm 50 -> clipped to 5: gradient (3, 4)
        INDArray plain = row(0f, 0f);
        AdamOptimizer b = new AdamOptimizer(plain);
        b.apply(b.loadGradient(row(3f, 4f)), 0.1, 0);
        // the first Adam step is lr * sign(g) whatever the scale, so compare a second step with a different gradient
        a.apply(a.loadGradient(row(1f, 1f)), 0.1, 5.0);
        b.apply(b.loadGradient(row(1f, 1f)), 0.1, 0);
        assertEquals(plain.getDouble(0, 0), clipped.getDouble(0, 0), 1e-6);
        assertEquals(plain.getDouble(0, 1), clipped.getDouble(0, 1), 1e-6);
        assertEquals(reference(0, 0.1, 3, 1), plain.getDouble(0, 0), 1e-6);
    }

    @Test
    void nonFiniteGradientsShowInTheNormAndResetForgetsTheMoments() {
        INDArray params = row(1f, 1f);
        AdamOptimizer adam = new AdamOptimizer(params);
        assertTrue(Double.isNaN(adam.loadGradient(row(1f, Float.NaN))));
        assertTrue(Double.isInfinite(adam.loadGradient(row(Float.POSITIVE_INFINITY, 0f))));
        adam.apply(adam.loadGradient(row(5f, -5f)), 0.1, 0);
        adam.reset();
        params.assign(1);
        adam.apply(adam.loadGradient(row(0.2f, 0.2f)), 0.1, 0);
        assertEquals(reference(1, 0.1, 0.2), params.getDouble(0, 0), 1e-6, "after reset the step is a first step again");
        assertEquals(DataType.FLOAT, params.dataType());
    }
}
