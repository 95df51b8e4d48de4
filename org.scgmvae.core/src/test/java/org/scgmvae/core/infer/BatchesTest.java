package org.scgmvae.core.infer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.nn.ComputeSettings;
import org.scgmvae.core.task.CancelledException;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.train.ToyModelFixture;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chunks of inference on several threads: a cancelled call drops the chunks not yet started and returns at once; a
 * failing chunk stops the others and is the error the caller sees; two calls at once both finish every chunk of their own.
 */
class BatchesTest {

    private int threads;
    private ModelInput cells; // 20,480 cells: 20 chunks

    @BeforeEach
    void setUp() {
        threads = ComputeSettings.inferenceThreads();
        ComputeSettings.setInferenceThreads(2);
        cells = InferenceInput.prepare(ToyModelFixture.supervised().model(), ToyBlobs.generate(2048, 5), null, null).input();
    }

    @AfterEach
    void restore() {
        ComputeSettings.setInferenceThreads(threads);
    }

    private static void pause() {
        try {
            Thread.sleep(40);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void cancellingDropsTheChunksNotYetStarted() {
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger reports = new AtomicInteger();
        Progress cancelSoon = Progress.of((f, m) -> reports.incrementAndGet(), () -> ran.get() >= 2);
        long t0 = System.nanoTime();
        assertThrows(CancelledException.class, () -> Batches.forEach(cells, cancelSoon, "test", (from, b) -> {
            ran.incrementAndGet();
            pause();
        }));
        assertTrue(ran.get() < 8, "stopped early: " + ran.get() + " of 20 chunks ran");
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "returns once the running chunks are done");
    }

    @Test
    void aFailingChunkStopsTheOthersAndIsTheErrorReported() {
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Batches.forEach(cells, Progress.NONE, "test", (from, b) -> {
            ran.incrementAndGet();
            if (from == 3 * Batches.SIZE) {
                throw new IllegalStateException("chunk 3 failed");
            }
            pause();
        }));
        assertEquals("chunk 3 failed", e.getMessage());
        assertTrue(ran.get() < 20, "the chunks after the failure were dropped: " + ran.get());
    }

    @Test
    void twoCallsAtOnceEachFinishEveryChunkOfTheirOwn() throws Exception {
        ConcurrentHashMap<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        Runnable call = () -> {
            String me = Thread.currentThread().getName();
            Batches.forEach(cells, Progress.NONE, "test", (from, b) -> {
                seen.computeIfAbsent(me, k -> new AtomicInteger()).incrementAndGet();
                assertEquals(Math.min(Batches.SIZE, cells.nCells() - from), b.x().rows());
            });
        };
        Thread a = new Thread(call, "a");
        Thread b = new Thread(call, "b");
        a.start();
        b.start();
        a.join(60_000);
        b.join(60_000);
        assertEquals(20, seen.get("a").get());
        assertEquals(20, seen.get("b").get());
    }
}
