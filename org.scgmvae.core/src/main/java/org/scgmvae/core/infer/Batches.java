package org.scgmvae.core.infer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.scgmvae.core.model.Batch;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.nn.ComputeSettings;
import org.scgmvae.core.task.Progress;

import java.util.Arrays;
import java.util.function.BiConsumer;

/** Runs inference in chunks so that data larger than one batch never has to fit the graph at once. */
final class Batches {

    static final int SIZE = 1024;

    private Batches() {
    }

    /**
     * Calls {@code consumer(firstRow, placeholders)} for consecutive chunks of all cells (no labels, no noise); reports
     * after each chunk and stops between chunks when {@code progress} is cancelled (a chunk takes well under a second).
     */
    static void forEach(ModelInput input, Progress progress, String message, BiConsumer<Integer, Batch> consumer) {
        int n = input.nCells();
        progress.step(0, n, message);
        for (int from = 0; from < n; from += SIZE) {
            int to = Math.min(n, from + SIZE);
            int[] rows = new int[to - from];
            Arrays.setAll(rows, i -> i);
            for (int i = 0; i < rows.length; i++) {
                rows[i] += from;
            }
            // The consumer copies its results to Java arrays, so the chunk's arrays can live in a reused workspace.
            try (var ws = ComputeSettings.stepWorkspace("gmvae-infer")) {
                Batch ph = input.batch(rows, null, null);
                consumer.accept(from, ph);
            }
            progress.step(to, n, message);
        }
    }

    /** Copies a [rows, cols] result into a row-major float array at row offset {@code from}. */
    static void copyRows(INDArray src, float[] dest, int from, int cols) {
        float[] v = org.scgmvae.core.nn.HostArrays.read(src);
        System.arraycopy(v, 0, dest, from * cols, v.length);
    }
}
