package org.scgmvae.core.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 15 F15: an out-of-memory message says which limit was reached and which setting raises it. */
class MemoryLimitsTest {

    @Test
    void javacppsArrayLimitIsNamed() {
        // the message JavaCPP 1.5.7 throws when an ND4J array does not fit under maxBytes
        OutOfMemoryError e = new OutOfMemoryError("Cannot allocate new FloatPointer(2000000000): totalBytes = 1G, physicalBytes = 3G");
        e.initCause(new OutOfMemoryError("Failed to allocate memory within limits: totalBytes (1G + 8G) > maxBytes (8G)"));
        String m = MemoryLimits.describe(e);
        assertTrue(m.contains("outside the Java heap") && m.contains("-Dorg.bytedeco.javacpp.maxbytes") && m.matches(".*\\d+\\.\\d GB.*"), m);
    }

    @Test
    void theProcessLimitIsNamed() {
        OutOfMemoryError e = new OutOfMemoryError("Cannot allocate new FloatPointer(10)");
        e.initCause(new OutOfMemoryError("Physical memory usage is too high: physicalBytes (17G) > maxPhysicalBytes (16G)"));
        String m = MemoryLimits.describe(e);
        assertTrue(m.contains("heap and off-heap memory together") && m.contains("maxphysicalbytes"), m);
    }

    @Test
    void aFullHeapNamesXmx() {
        String m = MemoryLimits.describe(new OutOfMemoryError("Java heap space"));
        assertTrue(m.startsWith("out of memory: the Java heap is full (") && m.contains("-Xmx"), m);
    }
}
