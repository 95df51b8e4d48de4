package org.scgmvae.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The process' peak resident memory (heap, off-heap and native: what the operating system counts), from Linux's /proc. */
final class PeakMemory {

    private PeakMemory() {
    }

    /** Peak resident set size in bytes, or -1 where /proc/self/status is not available (not Linux). */
    static long bytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static String describe() {
        long b = bytes();
        return b < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f GB", b / 1e9);
    }
}
