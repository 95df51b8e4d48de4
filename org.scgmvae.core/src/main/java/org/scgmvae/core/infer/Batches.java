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
        int threads = parallel && input.inMemory() ? Math.min(ComputeSettings.inferenceThreads(), chunks) : 1;
        progress.step(0, n, message);
        if (threads <= 1) {
            for (int c = 0; c < chunks; c++) {
                runChunk(input, c, consumer);
                progress.step(Math.min(n, (c + 1L) * SIZE), n, message);
            }
            return;
        }
        inParallel(input, chunks, progress, message, consumer);
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
     * One task per chunk on the shared pool, so that calls running at once (two KNIME nodes) share the threads chunk by chunk;
     * this thread reports progress (a KNIME node's monitor is only called from its own thread). When cancelled, or when a
     * chunk fails, the chunks not yet started are dropped and the call returns once the running ones are done (well under a
     * second each).
     */
    private static void inParallel(ModelInput input, int chunks, Progress progress, String message,
                                   BiConsumer<Integer, Batch> consumer) {
        int n = input.nCells();
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = pool(ComputeSettings.inferenceThreads());
        List<Future<?>> tasks = new ArrayList<>(chunks);
        try {
            for (int c = 0; c < chunks; c++) {
                int chunk = c;
                tasks.add(pool.submit(() -> {
                    if (stop.get()) {
                        return;
                    }
                    try {
                        done.addAndGet(runChunk(input, chunk, consumer));
                    } catch (RuntimeException | Error e) {
                        stop.set(true); // the other chunks need not run
                        throw e;
                    }
                }));
            }
            for (Future<?> t : tasks) {
                while (true) {
                    progress.step(done.get(), n, message); // throws when cancelled
                    try {
                        t.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        // report again
                    }
                }
            }
            progress.step(n, n, message);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.scgmvae.core.task.CancelledException();
        } finally {
            stop.set(true);
            for (Future<?> t : tasks) {
                t.cancel(false); // not yet started: never runs (a running chunk finishes)
            }
            for (Future<?> t : tasks) {
                try {
                    if (!t.isCancelled()) {
                        t.get();
                    }
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    // the first failure is the one reported
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
     * a pool per call made encoding 6x slower), so the threads and their chunk workspaces are kept between calls. Built for
     * {@link ComputeSettings#inferenceThreads()}; rebuilt only when that grows.
     */
    private static synchronized ExecutorService pool(int threads) {
        if (pool == null || poolThreads < threads) {
            ExecutorService old = pool;
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "scgmvae-inference");
                t.setDaemon(true);
                return t;
            });
            poolThreads = threads;
            if (old != null) {
                old.shutdown(); // runs what it was given, then its threads end
            }
        }
        return pool;
    }

    /** Copies a [rows, cols] result into a row-major float array at row offset {@code from}. */
    static void copyRows(INDArray src, float[] dest, int from, int cols) {
        org.scgmvae.core.nn.HostArrays.read(src, dest, from * cols);
    }
}
