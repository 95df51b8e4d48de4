package org.scgmvae.core.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComponentStylesTest {

    /** Component 0: 4000 draws of a correlated Gaussian; component 1: two cells (no fit); component 2: none. */
    @Test
    void fitRecoversEachComponentsMeanAndCovariance() {
        Random rnd = new Random(1);
        int n = 4002;
        float[] w = new float[n * 2];
        int[] comp = new int[n];
        for (int i = 0; i < 4000; i++) {
            double a = rnd.nextGaussian();
            double b = rnd.nextGaussian();
            w[2 * i] = (float) (1 + 2 * a); // var 4
            w[2 * i + 1] = (float) (-3 + a + b); // var 2, cov with the first 2
        }
        comp[4000] = 1;
        comp[4001] = 1;
        ComponentStyles s = ComponentStyles.fit(w, 2, comp, 3);
        assertTrue(s.has(0));
        assertFalse(s.has(1), "two cells are too few");
        assertFalse(s.has(2), "no cells");
        assertArrayEquals(new int[] {4000, 2, 0}, s.cells());
        assertEquals(1, s.means()[0][0], 0.1);
        assertEquals(-3, s.means()[0][1], 0.1);
        double[] l = s.cholesky()[0]; // L L^T = [[4, 2], [2, 2]] -> L = [[2, 0], [1, 1]]
        assertEquals(2, l[0], 0.1);
        assertEquals(0, l[1], 0);
        assertEquals(1, l[2], 0.1);
        assertEquals(1, l[3], 0.1);
        assertArrayEquals(new double[] {s.means()[0][0] + l[0], s.means()[0][1] + l[2] - l[3]}, s.draw(0, new double[] {1, -1}), 1e-12);
    }

    @Test
    void cellsThatShareOneStyleStillGiveAValidFactor() {
        float[] w = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
        ComponentStyles s = ComponentStyles.fit(w, 2, new int[] {0, 0, 0}, 1);
        for (double v : s.cholesky()[0]) {
            assertTrue(Double.isFinite(v));
        }
        assertArrayEquals(new double[] {0.5, 0.5}, s.draw(0, new double[] {0, 0}), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> ComponentStyles.fit(new float[5], 2, new int[] {0, 0, 0}, 1));
    }
}
