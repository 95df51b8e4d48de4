package org.scgmvae.core.infer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.scgmvae.core.model.Batch;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.nn.ComputeSettings;
import org.scgmvae.core.task.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/** Runs inference in chunks so that data larger than one batch never has to fit the graph at once. */
final class Batches {

    static final int SIZE = 1024;

    private Batches() {
    }

    /**
     * Calls {@code consumer(firstRow, placeholders)} for consecutive chunks of all cells (no labels, no noise); reports
     * after each chunk and stops between chunks when {@code progress} is cancelled (a chunk takes well under a second).
     * Chunks run on {@link ComputeSettings#inferenceThreads()} threads at once when the cells are in memory, so the consumer
     * must only write its chunk's rows (results are the same as one after the other: each chunk is computed alone).
     */
    static void forEach(ModelInput input, Progress progress, String message, BiConsumer<Integer, Batch> consumer) {
        forEach(input, progress, message, true, consumer);
    }

    /** As above; {@code parallel} false keeps the chunks in order on this thread (a consumer drawing from one random stream). */
    static void forEach(ModelInput input, Progress progress, String message, boolean parallel, BiConsumer<Integer, Batch> consumer) {
        int n = input.nCells();
        int chunks = (n + SIZE - 1) / SIZE;
        // cells on disk come through a block cache that serves one reader at a time
        int threads = parallel && input.diskBlockSize() == 0 ? Math.min(ComputeSettings.inferenceThreads(), chunks) : 1;
        progress.step(0, n, message);
        if (threads <= 1) {
            for (int c = 0; c < chunks; c++) {
                runChunk(input, c, consumer);
                progress.step(Math.min(n, (c + 1L) * SIZE), n, message);
            }
            return;
        }
        inParallel(input, chunks, threads, progress, message, consumer);
    }

    private static int runChunk(ModelInput input, int chunk, BiConsumer<Integer, Batch> consumer) {
        int from = chunk * SIZE;
        int to = Math.min(input.nCells(), from + SIZE);
        int[] rows = new int[to - from];
        Arrays.setAll(rows, i -> from + i);
        // The consumer copies its results to Java arrays, so the chunk's arrays can live in a reused workspace.
        try (var ws = ComputeSettings.stepWorkspace("gmvae-infer")) {
            consumer.accept(from, input.batch(rows, null, null));
        }
        return rows.length;
    }

    /**
     * Workers take the next chunk until none is left; this thread reports progress (so a KNIME node's monitor is only
     * called from its own thread) and, when cancelled, lets the workers finish their chunk and stop.
     */
    private static void inParallel(ModelInput input, int chunks, int threads, Progress progress, String message,
                                   BiConsumer<Integer, Batch> consumer) {
        int n = input.nCells();
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = pool(threads);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int c = next.getAndIncrement(); c < chunks && !stop.get(); c = next.getAndIncrement()) {
                        done.addAndGet(runChunk(input, c, consumer));
                    }
                }));
            }
            try {
                for (Future<?> w : workers) {
                    while (!w.isDone()) {
                        progress.step(done.get(), n, message); // throws when cancelled
                        try {
                            w.get(200, TimeUnit.MILLISECONDS);
                        } catch (TimeoutException e) {
                            // report again
                        }
                    }
                    w.get();
                }
            } catch (ExecutionException e) {
                stop.set(true);
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
                throw new org.scgmvae.core.task.CancelledException();
            } catch (RuntimeException e) {
                stop.set(true);
                throw e;
            }
            progress.step(n, n, message);
        } finally {
            stop.set(true);
            // a cancelled or failed run returns once the workers' current chunks are done (well under a second each)
            for (Future<?> w : workers) {
                try {
                    w.get();
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    // already reported, or the run's own failure
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    private static ExecutorService pool;
    private static int poolThreads;

    /**
     * Long-lived daemon threads: a new thread's first BLAS call and its first workspace cost far more than a chunk (measured:
     * a pool per call made encoding 6x slower), so the threads and their chunk workspaces are kept between calls.
     */
    private static synchronized ExecutorService pool(int threads) {
        if (pool == null || poolThreads < threads) {
            if (pool != null) {
                pool.shutdown(); // its threads finish what they run and end
            }
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "scgmvae-inference");
                t.setDaemon(true);
                return t;
            });
            poolThreads = threads;
        }
        return pool;
    }

    /** Copies a [rows, cols] result into a row-major float array at row offset {@code from}. */
    static void copyRows(INDArray src, float[] dest, int from, int cols) {
        float[] v = org.scgmvae.core.nn.HostArrays.read(src);
        System.arraycopy(v, 0, dest, from * cols, v.length);
    }
}
