package org.scgmvae.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The intermediate arrays of a training step, handed out again in the same order by the next step. A step
 * asks for the same ~40 shapes in the same order every time, and creating an ND4J array costs 5-15 us on one
 * core even inside a workspace (a shape-information buffer through JavaCPP, data-buffer objects; ~4% of a
 * step with 800 genes in a JFR profile), about what the arithmetic of the small networks costs.
 *
 * <p>The n-th request of a step gets the n-th array of the previous step of the same batch size when type
 * and shape match, a new one otherwise; one list per batch size, so the shorter last batch of an epoch does
 * not displace the full batches' arrays. Arrays live outside workspaces and stay valid until the next
 * {@link #rewind}: nothing computed from them may be kept past the step. Not thread-safe (one per module,
 * like its gradient buffer).
 */
public final class StepArrays implements ArrayAllocator {

    private final Map<Long, List<INDArray>> byBatchSize = new HashMap<>();
    private List<INDArray> current;
    private int next;

    /** Starts a step of {@code batchSize} rows: requests are served from the start of that size's list again. */
    public void rewind(long batchSize) {
        current = byBatchSize.computeIfAbsent(batchSize, b -> new ArrayList<>());
        next = 0;
    }

    @Override
    public INDArray uninitialized(DataType type, long rows, long cols) {
        if (current == null) {
            throw new IllegalStateException("rewind before the first request");
        }
        int i = next++;
        if (i < current.size()) {
            INDArray a = current.get(i);
            if (a.dataType() == type && a.size(0) == rows && a.size(1) == cols) {
                return a;
            }
        }
        INDArray a;
        try (var ws = ComputeSettings.outsideWorkspaces()) {
            a = FRESH.uninitialized(type, rows, cols);
        }
        if (i < current.size()) {
            current.set(i, a);
        } else {
            current.add(a);
        }
        return a;
    }
}
