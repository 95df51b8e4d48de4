package org.scgmvae.core.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 15 F15: an out-of-memory message says which memory ran out and what helps; -Xmx only where the heap is full. */
class MemoryLimitsTest {

    @Test
    void nd4jsNativeAllocationFailuresAdviseASmallerHeap() {
        // what nd4j-native 1.0.0-M2.1 throws when a workspace or a detached array gets no native memory
        for (Throwable e : new Throwable[] {new OutOfMemoryError("Failed to allocate [1048576000] bytes"),
            new RuntimeException("Allocation failed: [[DEVICE] allocation failed; Error code: [0]]")}) {
            assertTrue(MemoryLimits.isNative(e), e.getMessage());
            String m = MemoryLimits.describe(e);
            assertTrue(m.contains("outside the Java heap") && m.contains("a smaller -Xmx") && m.matches(".*\\d+\\.\\d GB.*"), m);
        }
    }

    @Test
    void javacppsProcessLimitIsNamed() {
        OutOfMemoryError e = new OutOfMemoryError("Cannot allocate new FloatPointer(10)");
        e.initCause(new OutOfMemoryError("Physical memory usage is too high: physicalBytes (17G) > maxPhysicalBytes (16G)"));
        String m = MemoryLimits.describe(e);
        assertTrue(m.contains("heap and native memory together") && m.contains("maxphysicalbytes"), m);
    }

    @Test
    void aFullHeapNamesXmx() {
        OutOfMemoryError e = new OutOfMemoryError("Java heap space");
        assertFalse(MemoryLimits.isNative(e));
        String m = MemoryLimits.describe(e);
        assertTrue(m.startsWith("out of memory: the Java heap is full (") && m.contains("-Xmx raises it"), m);
    }
}
