package org.scgmvae.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading an array's values into a place of a larger Java array: row-major, for direct arrays and views alike. */
class HostArraysTest {

    @Test
    void readsIntoAnOffsetOfALargerArray() {
        INDArray a = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
        float[] dest = new float[10];
        HostArrays.read(a, dest, 2);
        assertArrayEquals(new float[] {0, 0, 1, 2, 3, 4, 5, 6, 0, 0}, dest);
        // a transposed view (not row-major in memory) is copied through ND4J in row-major order
        float[] t = new float[6];
        HostArrays.read(a.transpose(), t, 0);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t);
        assertThrows(IllegalArgumentException.class, () -> HostArrays.read(a, new float[7], 2));
    }
}
