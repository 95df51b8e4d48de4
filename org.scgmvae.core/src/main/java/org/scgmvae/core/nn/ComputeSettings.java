package org.scgmvae.core.nn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspaceManager;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How ND4J runs our small, many-op graphs fast on CPU.
 *
 * <ul>
 *   <li>Threads: ND4J's OpenMP and BLAS thread pools default to all cores. Our steps are hundreds
 *       of small ops, and on 2-core machines the spinning between ops cost 2-4x (measured: 71 vs
 *       19 ms per step); one thread is the default. System property {@code scgmvae.threads} overrides.</li>
 *   <li>Workspaces: every op allocates its result; allocating and page-faulting fresh off-heap
 *       buffers each mini-batch cost ~45% of a step for 2,000 genes. A step runs inside a
 *       learning workspace that reuses one arena (measured: 73 -> 41 ms per step).</li>
 * </ul>
 */
public final class ComputeSettings {

    private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.5)
            .build();

    private static volatile boolean applied;

    private ComputeSettings() {
    }

    /** Applies the thread settings once per JVM. */
    public static void apply() {
        if (applied) {
            return;
        }
        synchronized (ComputeSettings.class) {
            if (!applied) {
                int threads = Integer.getInteger("scgmvae.threads", 1);
                Nd4j.getEnvironment().setMaxThreads(threads);
                Nd4j.getEnvironment().setMaxMasterThreads(threads);
                Nd4j.factory().blas().setMaxThreads(threads);
                applied = true;
            }
        }
    }

    private static volatile int inferenceThreads = Math.max(1, Integer.getInteger("scgmvae.inferenceThreads",
            Math.min(8, Runtime.getRuntime().availableProcessors())));

    /**
     * How many chunks of cells inference runs at once (predict, encode, flip), each on its own thread with a one-thread
     * BLAS: the cells are independent, so cores add throughput without the small-matrix threading cost that makes a
     * multi-threaded BLAS slower for our step sizes. Each thread keeps its chunk's workspace (tens of MB), so the default is
     * the processors up to 8, or system property
     * {@code scgmvae.inferenceThreads}; Spark's executors set 1 (their tasks are the parallelism).
     */
    public static int inferenceThreads() {
        Integer here = THREAD_INFERENCE_THREADS.get();
        return here != null ? here : inferenceThreads;
    }

    private static final ThreadLocal<Integer> THREAD_INFERENCE_THREADS = new ThreadLocal<>();

    /**
     * The number of inference threads for calls made on this thread only (a Spark task: its executor's other tasks are the
     * parallelism), leaving the JVM's setting to everything else (a local-mode driver, a notebook).
     */
    public static void setInferenceThreadsOnThisThread(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("inference threads must be at least 1, got " + threads);
        }
        THREAD_INFERENCE_THREADS.set(threads);
    }

    public static void setInferenceThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("inference threads must be at least 1, got " + threads);
        }
        inferenceThreads = threads;
    }

    /**
     * Opens the per-step workspace (close it when the step is done). Arrays created inside must not
     * be used after closing: copy results to Java arrays or to arrays allocated outside first.
     */
    public static MemoryWorkspace stepWorkspace(String name) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, name);
    }

    /** Frees this thread's workspace of that name (after a one-off job whose workspace would otherwise stay allocated). */
    public static void releaseWorkspace(String name) {
        MemoryWorkspaceManager manager = Nd4j.getWorkspaceManager();
        if (manager.checkIfWorkspaceExists(name)) {
            manager.destroyWorkspace(manager.getWorkspaceForCurrentThread(name));
        }
    }

    /** Runs code with workspaces suspended (for arrays that must outlive the step). */
    public static MemoryWorkspace outsideWorkspaces() {
        return Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
    }
}
