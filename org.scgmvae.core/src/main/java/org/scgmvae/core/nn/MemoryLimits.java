package org.scgmvae.core.nn;

import java.util.Locale;

/**
 * Which memory ran out, in words a user can act on. ND4J keeps its arrays outside the Java heap, in native memory that
 * libnd4j allocates (a failed allocation reads "Failed to allocate [n] bytes" or "Allocation failed"), while JavaCPP
 * checks its own allocations against {@code org.bytedeco.javacpp.maxbytes} / {@code maxphysicalbytes}. Raising -Xmx
 * cures a full heap and makes the native kind worse, so the message must tell them apart.
 */
public final class MemoryLimits {

    private MemoryLimits() {
    }

    /** True for an allocation failure outside the Java heap (ND4J's arrays, JavaCPP's limits), whatever its type. */
    public static boolean isNative(Throwable e) {
        String m = messages(e);
        return m.contains("Failed to allocate") || m.contains("Allocation failed") || m.contains("maxBytes")
                || m.contains("maxPhysicalBytes") || m.contains("Pointer");
    }

    /** One sentence: which memory ran out, how much the heap has, and what helps. */
    public static String describe(Throwable e) {
        if (messages(e).contains("maxPhysicalBytes")) {
            return "out of memory: the process reached JavaCPP's limit for heap and native memory together ("
                    + gb(org.bytedeco.javacpp.Pointer.maxPhysicalBytes()) + "; -Dorg.bytedeco.javacpp.maxphysicalbytes raises it)";
        }
        if (isNative(e)) {
            return "out of memory outside the Java heap, where ND4J keeps its arrays: the machine's RAM minus the Java heap ("
                    + gb(Runtime.getRuntime().maxMemory()) + ", -Xmx) was not enough; a smaller -Xmx leaves more of it to ND4J";
        }
        return "out of memory: the Java heap is full (" + gb(Runtime.getRuntime().maxMemory()) + "; -Xmx raises it)";
    }

    private static String messages(Throwable e) {
        StringBuilder m = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            m.append(c.getMessage()).append(' ');
        }
        return m.toString();
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
