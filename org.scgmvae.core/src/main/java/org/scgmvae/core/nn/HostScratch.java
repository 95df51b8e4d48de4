package org.scgmvae.core.nn;

/**
 * This thread's host arrays for the transient copies a training step makes of ND4J arrays (activations, gradients, the
 * decoder output and the observed values), reused from step to step. A new {@code float[]} per copy costs more than
 * the copy: 128 x 2,000 values are a 1 MB array, which G1 allocates as a humongous object outside the young generation,
 * and until the JIT has compiled the caller each new array is also zeroed before it is overwritten; on the 1,975-cell
 * scGen file that kept the first ten epochs at twice the steady epoch time. One array per slot and thread, so the
 * inference threads do not share them; a slot's array is valid until the next call for the same slot on this thread.
 * Copies above {@link #MAX_KEPT} values are not kept.
 */
public final class HostScratch {

    /** What a buffer holds; two copies alive at once take two slots. */
    public enum Slot {
        ACTIVATION, GRADIENT, DECODER_OUTPUT, OBSERVED
    }

    /**
     * Copies larger than this (4 MB: a training batch of 128 cells x 8,000 genes) get a new array each time, so that a
     * thread (a KNIME worker, say) never keeps more than 16 MB alive after validation chunks of 1,024 cells.
     */
    static final int MAX_KEPT = 1 << 20;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[Slot.values().length][0]);

    private HostScratch() {
    }

    /** This thread's array for {@code slot}, at least {@code n} long (values beyond what the caller writes are stale). */
    public static float[] floats(Slot slot, int n) {
        if (n > MAX_KEPT) {
            return new float[n];
        }
        float[][] all = BUFFERS.get();
        float[] a = all[slot.ordinal()];
        if (a.length < n) {
            a = new float[n];
            all[slot.ordinal()] = a;
        }
        return a;
    }

    /** The array's values copied into this thread's array for {@code slot} (the first {@code a.length()} entries). */
    public static float[] copyOf(org.nd4j.linalg.api.ndarray.INDArray a, Slot slot) {
        float[] dest = floats(slot, (int) a.length());
        HostArrays.read(a, dest, 0);
        return dest;
    }
}
