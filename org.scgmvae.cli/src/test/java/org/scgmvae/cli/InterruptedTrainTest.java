package org.scgmvae.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: an interrupted {@code train} (SIGTERM, as Ctrl-C's SIGINT) leaves the model file it was to write as it was
 * before, absent or the previous complete one, and no partial file beside it. Runs the CLI in a child JVM.
 */
class InterruptedTrainTest {

    @TempDir
    Path dir;

    @Test
    void aKilledTrainingLeavesThePreviousModelAndNoPartialFile() throws Exception {
        Path data = dir.resolve("toy.h5ad");
        H5adWriter.write(ToyBlobs.generate(30, 2), data, true);
        Path model = dir.resolve("m.scgmvae");
        byte[] previous = "a previous model".getBytes(StandardCharsets.UTF_8);
        Files.write(model, previous);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), ScGmvaeCli.class.getName(),
                "train", "-i", data.toString(), "--no-preprocess", "-k", "5", "--z-dim", "2", "--w-dim", "1", "--encoder", "16",
                "--decoder", "16", "-e", "1000000", "--patience", "0", "-o", model.toString()))
                .redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.contains("epoch")) {
                    break; // training runs: interrupt it
                }
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ends after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(seen.toString().contains("epoch"), "training had started: " + seen);
        assertEquals(143, p.exitValue(), "killed by SIGTERM");
        assertArrayEquals(previous, Files.readAllBytes(model), "the previous model file is unchanged");
        try (var files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(List.of("m.scgmvae", "toy.h5ad"), names, "no partial file left");
        }
        assertFalse(Files.exists(dir.resolve("m.scgmvae.partial")));
    }
}
