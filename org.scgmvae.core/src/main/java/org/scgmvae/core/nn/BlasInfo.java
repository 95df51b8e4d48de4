package org.scgmvae.core.nn;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.openblas.global.openblas_full;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which BLAS the CPU backend runs, as OpenBLAS itself reports it: version, build and the CPU kernel it chose
 * (e.g. "OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64"). The kernel decides the speed of every
 * matrix product: an OpenBLAS that does not know the CPU falls back to a generic one several times slower (issue 21),
 * so {@code --version}, the benchmarks and the logs print it.
 */
public final class BlasInfo {

    private BlasInfo() {
    }

    /** One line: the OpenBLAS configuration and its thread count, or why it cannot be told. */
    public static String describe() {
        try {
            String backend = Nd4j.getBackend().getClass().getSimpleName();
            if (!backend.toLowerCase(java.util.Locale.ROOT).contains("cpu")) {
                return "ND4J backend " + backend + " (matrix products on the GPU)";
            }
            BytePointer config = openblas_full.openblas_get_config();
            return config.getString().trim() + ", " + openblas_full.openblas_get_num_threads() + " thread(s)";
        } catch (Throwable e) { // UnsatisfiedLinkError on a platform without the library: say so, never fail a command
            return "unknown (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }
}
