package org.scgmvae.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct OpenBLAS products and host copies against ND4J's own operations, on fresh arrays, views and workspaces. */
class BlasTest {

    private static INDArray random(long seed, int rows, int cols) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.5);
    }

    /** A [rows, cols] view at an offset inside a larger flat buffer, like the parameter views. */
    private static INDArray viewInFlat(INDArray values, int offset) {
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, offset + values.length() + 7);
        INDArray view = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + values.length()))
                .reshape('c', values.shape());
        view.assign(values);
        return view;
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.dup('c').data().asFloat();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-4 * (1 + Math.abs(e[i])), "element " + i);
        }
    }

    @Test
    void gemmMatchesNd4jForAllTransposesAndViews() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                INDArray a = random(1, ta ? 7 : 5, ta ? 5 : 7);
                INDArray b = random(2, tb ? 3 : 7, tb ? 7 : 3);
                INDArray c0 = random(3, 5, 3);
                INDArray expected = c0.dup();
                Nd4j.gemm(a, b, expected, ta, tb, 0.5, 2.0);
                INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 11 + c0.length() + 7);
                INDArray c = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(11, 11 + c0.length())).reshape('c', c0.shape()).assign(c0);
                Blas.gemm(viewInFlat(a, 3), viewInFlat(b, 19), c, ta, tb, 0.5, 2.0);
                assertClose(expected, c);
                assertEquals(0.0, flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 11)).sumNumber().doubleValue(), "before the view untouched");
                assertEquals(0.0, flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(11 + c0.length(), flat.length())).sumNumber().doubleValue(),
                        "after the view untouched");
            }
        }
    }

    @Test
    void gemmFallsBackForNonContiguousArrays() {
        INDArray a = random(4, 6, 8).get(NDArrayIndex.all(), NDArrayIndex.interval(1, 5)); // column slice: strided
        assertFalse(HostArrays.direct(a));
        INDArray b = random(5, 4, 3);
        INDArray c = Nd4j.zeros(DataType.FLOAT, 6, 3);
        Blas.gemm(a, b, c, false, false, 1.0, 0.0);
        assertClose(a.mmul(b), c);
    }

    @Test
    void gemmRejectsMismatchedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Blas.gemm(random(1, 4, 5), random(2, 6, 3), Nd4j.zeros(DataType.FLOAT, 4, 3), false, false, 1, 0));
        assertTrue(e.getMessage().contains("[4, 5] x [6, 3]"), e.getMessage());
    }

    @Test
    void columnSumsAccumulateIntoAView() {
        INDArray x = random(6, 9, 4);
        INDArray acc0 = random(7, 1, 4);
        INDArray acc = viewInFlat(acc0, 5);
        Blas.addColumnSums(x, acc);
        assertClose(acc0.add(x.sum(true, 0)), acc);
        Blas.addColumnSums(x, acc); // same batch size again: cached ones vector
        assertClose(acc0.add(x.sum(true, 0).muli(2)), acc);
    }

    @Test
    void contiguityIgnoresStridesOfSingletonDimensions() {
        assertTrue(HostArrays.rowMajorContiguous(new long[] {1, 5}, new long[] {1000, 1}), "bias view [1, n]");
        assertTrue(HostArrays.rowMajorContiguous(new long[] {3, 5}, new long[] {5, 1}));
        assertFalse(HostArrays.rowMajorContiguous(new long[] {3, 5}, new long[] {1, 3}), "column-major");
        assertFalse(HostArrays.rowMajorContiguous(new long[] {3, 2}, new long[] {5, 1}), "column slice");
        INDArray bias = viewInFlat(random(9, 1, 6), 4);
        assertTrue(HostArrays.direct(bias), java.util.Arrays.toString(bias.stride()));
    }

    @Test
    void hostCopiesRoundTripInsideAWorkspace() {
        try (var ws = ComputeSettings.stepWorkspace("blas-test")) {
            INDArray first = Nd4j.createUninitialized(DataType.FLOAT, 3, 4).assign(1);
            INDArray a = HostArrays.create(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.data().asFloat());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, HostArrays.read(a));
            assertNotNull(HostArrays.view(a));
            assertEquals(1f, first.getFloat(2, 3), "neighbouring allocation untouched");
            INDArray col = a.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
            assertNull(HostArrays.view(col));
            assertArrayEquals(new float[] {2, 3, 5, 6}, HostArrays.read(col), "strided arrays take the general path");
            HostArrays.write(new float[] {9, 8, 7, 6}, col);
            assertArrayEquals(new float[] {1, 9, 8, 4, 7, 6}, HostArrays.read(a));
        }
        INDArray view = viewInFlat(random(8, 2, 2), 3);
        HostArrays.write(new float[] {4, 3, 2, 1}, view);
        assertArrayEquals(new float[] {4, 3, 2, 1}, view.dup().data().asFloat());
        assertThrows(IllegalArgumentException.class, () -> HostArrays.write(new float[3], view));
    }

    @Test
    void fillZeroClearsExactlyTheViewsValues() {
        // a [2, 3] view at offset 5 of a buffer of 18 values, all non-zero; its neighbours must stay as they are
        INDArray flat = random(3, 1, 18).addi(2);
        float[] before = flat.dup().data().asFloat();
        INDArray view = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 11)).reshape('c', 2, 3);
        HostArrays.fillZero(view);
        float[] after = flat.dup().data().asFloat();
        for (int i = 0; i < before.length; i++) {
            assertEquals(i >= 5 && i < 11 ? 0f : before[i], after[i], "buffer element " + i);
        }
        // a non-contiguous view takes ND4J's path, with the same result
        INDArray matrix = random(4, 3, 4).addi(2);
        HostArrays.fillZero(matrix.getColumn(1));
        assertEquals(0.0, matrix.getColumn(1).sumNumber().doubleValue());
        assertTrue(matrix.getColumn(0).minNumber().doubleValue() > 1, "other columns untouched");
    }
}
