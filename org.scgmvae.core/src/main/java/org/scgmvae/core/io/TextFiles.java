package org.scgmvae.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens plain or gzip-compressed text files. */
final class TextFiles {

    private TextFiles() {
    }

    static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * A compressed stream that ends early (truncated download) or is not gzip at all surfaces as a
     * bare EOFException/ZipException without the file name; this names the file. Returns null for
     * other I/O errors, which callers rethrow unchanged.
     */
    static DataFileException corruptCompression(Path file, IOException e) {
        if (e instanceof DataFileException) {
            return null;
        }
        if (e instanceof java.io.EOFException || e instanceof java.util.zip.ZipException) {
            String kind = file.getFileName().toString().endsWith(".gz") ? "truncated or corrupt gzip file" : "file ends unexpectedly";
            return new DataFileException(file, null, kind + " (" + e.getMessage() + ")", e);
        }
        return null;
    }

    /** The first of the candidate names (in order) that exists in dir, plain or with .gz, else null. */
    static Path find(Path dir, String... names) {
        for (String n : names) {
            for (String candidate : new String[] {n, n + ".gz"}) {
                Path p = dir.resolve(candidate);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}
