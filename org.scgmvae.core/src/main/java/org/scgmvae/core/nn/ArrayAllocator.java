package org.scgmvae.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the forward and backward passes get their intermediate [rows, cols] arrays: fresh ones
 * ({@link #FRESH}, for inference, whose results callers keep) or a training step's reused ones
 * ({@link StepArrays}).
 */
@FunctionalInterface
public interface ArrayAllocator {

    /** A new array per request (in the caller's workspace, if one is open). */
    ArrayAllocator FRESH = (type, rows, cols) -> Nd4j.createUninitialized(type, rows, cols);

    /** An array of that type and shape whose values are undefined until written. */
    INDArray uninitialized(DataType type, long rows, long cols);

    /** A float array holding {@code values} (row-major). */
    default INDArray of(float[] values, long rows, long cols) {
        INDArray a = uninitialized(DataType.FLOAT, rows, cols);
        HostArrays.write(values, a);
        return a;
    }
}
