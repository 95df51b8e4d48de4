package org.scgmvae.core.report;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.DenseMatrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelReportTest {

    @Test
    void generatedCellsAreNamedByTheirRealNeighbours() {
        // real cells of type A around 0 and of type B around 10; generated cells: two near A, one near B
        DenseMatrix real = DenseMatrix.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}});
        String[] realLabels = {"A", "A", "A", "B", "B", "B"};
        DenseMatrix gen = DenseMatrix.of(new float[][] {{0.5f, 0.5f}, {0.2f, 0.1f}, {10.5f, 10.5f}});
        assertEquals(1.0, ModelReport.namedByNeighbours(real, realLabels, gen, new String[] {"A", "A", "B"}, 3), 1e-12);
        assertEquals(2 / 3.0, ModelReport.namedByNeighbours(real, realLabels, gen, new String[] {"A", "B", "B"}, 3), 1e-12);
        assertEquals(0.0, ModelReport.namedByNeighbours(real, realLabels, gen, new String[] {"B", "B", "A"}, 3), 1e-12);
    }

    @Test
    void subsetsAreSeededSortedAndComplete() {
        int[] all = ModelReport.subset(10, 20, 1);
        assertEquals(10, all.length);
        int[] a = ModelReport.subset(1000, 100, 7);
        int[] b = ModelReport.subset(1000, 100, 7);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
        for (int i = 1; i < a.length; i++) {
            org.junit.jupiter.api.Assertions.assertTrue(a[i] > a[i - 1], "sorted, no repeats");
        }
    }
}
