package org.scgmvae.core.io;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.train.ToyModelFixture;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model file's parameter index is written the same way by every JVM, so the entries of two files of one model compare
 * equal (the zip's own entry times differ). A map of unfixed order would fail here in about half of the JVMs that run it.
 */
class ModelFileLayoutTest {

    @Test
    void everyParameterEntryNamesItsArrayBeforeItsShape() throws Exception {
        String index = entry(ModelFile.toBytes(ToyModelFixture.trained().model()), "parameters.json");
        Matcher entries = Pattern.compile("\\{\\s*\"(\\w+)\"").matcher(index);
        int n = 0;
        while (entries.find()) {
            assertEquals("name", entries.group(1), "each entry starts with the array's name (Map.of's order depends on the JVM): " + index);
            n++;
        }
        assertTrue(n >= 10, "the toy model has at least ten parameter arrays, found " + n + " in " + index);
    }

    private static String entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name + " in the model file");
    }
}
