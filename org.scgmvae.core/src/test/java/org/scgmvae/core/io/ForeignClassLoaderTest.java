package org.scgmvae.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.train.ToyModelFixture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15, F2: the first use of ND4J may come from a thread with a foreign context class loader; the library still works. */
class ForeignClassLoaderTest {

    @TempDir
    Path dir;

    @Test
    void aModelRestoresOnAThreadWithAForeignContextClassLoader() throws Exception {
        Path model = dir.resolve("m.scgmvae");
        ModelFile.save(ToyModelFixture.trained().model(), model);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ForeignClassLoaderRestore.class.getName(), model.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("restored " + ToyModelFixture.trained().model().config().nComponents() + " components"), out);
    }
}
