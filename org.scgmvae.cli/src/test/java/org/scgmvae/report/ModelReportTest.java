package org.scgmvae.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelReportTest {

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
