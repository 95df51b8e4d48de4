package org.scgmvae.core.nn;

import java.util.Locale;

import org.bytedeco.javacpp.Pointer;

/**
 * Which memory ran out, in words a user can act on. ND4J keeps its arrays outside the Java heap, under JavaCPP's
 * limits ({@code org.bytedeco.javacpp.maxbytes} for its arrays, {@code maxphysicalbytes} for the whole process), so an
 * {@link OutOfMemoryError} may name either the heap (-Xmx) or those limits, and the cure differs.
 */
public final class MemoryLimits {

    private MemoryLimits() {
    }

    /** One sentence: which limit was reached, its size, and the setting that raises it. */
    public static String describe(OutOfMemoryError e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            m += " " + c.getMessage();
        }
        if (m.contains("maxPhysicalBytes")) {
            return "out of memory: the process reached JavaCPP's limit for heap and off-heap memory together ("
                    + gb(Pointer.maxPhysicalBytes()) + "; -Dorg.bytedeco.javacpp.maxphysicalbytes raises it)";
        }
        if (m.contains("maxBytes") || m.contains("Pointer")) {
            return "out of memory: ND4J's arrays outside the Java heap reached their limit (" + gb(Pointer.maxBytes())
                    + "; -Dorg.bytedeco.javacpp.maxbytes raises it)";
        }
        return "out of memory: the Java heap is full (" + gb(Runtime.getRuntime().maxMemory()) + "; -Xmx raises it)";
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
