package org.scgmvae.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StepArraysTest {

    @Test
    void theNextStepGetsTheSameArraysInTheSameOrder() {
        StepArrays arrays = new StepArrays();
        arrays.rewind(4);
        INDArray first = arrays.uninitialized(DataType.FLOAT, 4, 3);
        INDArray second = arrays.uninitialized(DataType.FLOAT, 4, 5);
        assertNotSame(first, second);
        arrays.rewind(4);
        assertSame(first, arrays.uninitialized(DataType.FLOAT, 4, 3));
        assertSame(second, arrays.uninitialized(DataType.FLOAT, 4, 5));
        // one more request than before: a new array, kept for the step after
        INDArray third = arrays.uninitialized(DataType.FLOAT, 4, 2);
        arrays.rewind(4);
        arrays.uninitialized(DataType.FLOAT, 4, 3);
        arrays.uninitialized(DataType.FLOAT, 4, 5);
        assertSame(third, arrays.uninitialized(DataType.FLOAT, 4, 2));
    }

    @Test
    void aDifferentShapeOrTypeAtTheSamePlaceGetsANewArray() {
        StepArrays arrays = new StepArrays();
        arrays.rewind(4);
        INDArray a = arrays.uninitialized(DataType.FLOAT, 4, 3);
        arrays.rewind(4);
        INDArray wider = arrays.uninitialized(DataType.FLOAT, 4, 6);
        assertNotSame(a, wider);
        assertArrayEquals(new long[] {4, 6}, wider.shape());
        arrays.rewind(4);
        INDArray asDouble = arrays.uninitialized(DataType.DOUBLE, 4, 6);
        assertNotSame(wider, asDouble);
        assertSame(DataType.DOUBLE, asDouble.dataType());
    }

    @Test
    void aShorterBatchKeepsItsOwnArraysAndLeavesTheFullBatchesAlone() {
        StepArrays arrays = new StepArrays();
        arrays.rewind(128);
        INDArray full = arrays.uninitialized(DataType.FLOAT, 128, 8);
        arrays.rewind(96); // an epoch's last, shorter batch
        INDArray last = arrays.uninitialized(DataType.FLOAT, 96, 8);
        arrays.rewind(128);
        assertSame(full, arrays.uninitialized(DataType.FLOAT, 128, 8));
        arrays.rewind(96);
        assertSame(last, arrays.uninitialized(DataType.FLOAT, 96, 8));
    }

    @Test
    void arraysOutliveTheStepWorkspace() {
        StepArrays arrays = new StepArrays();
        INDArray a;
        try (var ws = ComputeSettings.stepWorkspace("step-arrays-test")) {
            arrays.rewind(2);
            a = arrays.uninitialized(DataType.FLOAT, 2, 2);
            HostArrays.write(new float[] {1, 2, 3, 4}, a);
        }
        ComputeSettings.releaseWorkspace("step-arrays-test");
        assertArrayEquals(new float[] {1, 2, 3, 4}, HostArrays.read(a), 0f);
        assertFalse(a.isAttached());
    }

    @Test
    void requestsBeforeTheFirstRewindAreRejected() {
        assertThrows(IllegalStateException.class, () -> new StepArrays().uninitialized(DataType.FLOAT, 2, 2));
    }
}
