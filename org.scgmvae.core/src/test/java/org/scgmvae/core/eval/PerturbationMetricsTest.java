package org.scgmvae.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.preprocess.Scaler;

class PerturbationMetricsTest {
    @Test
    void rSquaredIsTheSquaredCorrelation() {
        assertEquals(1.0, PerturbationMetrics.rSquared(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-12);
        assertEquals(1.0, PerturbationMetrics.rSquared(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        // x = (0, 1, 2, 3), y = (0, 1, 0, 1): r = 0.4472, r^2 = 0.2
        assertEquals(0.2, PerturbationMetrics.rSquared(new double[] {0, 1, 2, 3}, new double[] {0, 1, 0, 1}), 1e-12);
        assertTrue(Double.isNaN(PerturbationMetrics.rSquared(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }

    @Test
    void unscaledMeansAreTheMeansBeforeScaling() {
        DenseMatrix logData = DenseMatrix.of(new float[][] {{1, 10}, {3, 14}, {5, 12}});
        Scaler scaler = Scaler.fit(logData, null);
        double[] scaledMeans = PerturbationMetrics.columnMeans(scaler.apply(logData), new int[] {0, 1});
        // the mean of the first two cells, in the original units
        assertArrayEquals(new double[] {2, 12}, PerturbationMetrics.unscaleMeans(scaledMeans, scaler), 1e-5);
    }
}
