package org.scgmvae.core.io;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A result file appears whole or not at all, with the permissions of any new file there (not a temporary file's). */
class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void theFileGetsTheFolderUsersPermissionsNotOwnerOnly() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path plain = Files.createFile(dir.resolve("plain.txt")); // what the umask gives any new file
        Path written = dir.resolve("result.h5ad");
        AtomicFile.write(written, p -> Files.writeString(p, "cells"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
        assertEquals("cells", Files.readString(written));
        assertEquals(List.of("plain.txt", "result.h5ad"), names(), "no partial file left");
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoPartialOne() throws Exception {
        Path target = dir.resolve("model.scgmvae");
        Files.writeString(target, "good");
        assertThrows(IOException.class, () -> AtomicFile.write(target, p -> {
            Files.writeString(p, "half");
            throw new IOException("disk full");
        }));
        assertEquals("good", Files.readString(target));
        assertEquals(List.of("model.scgmvae"), names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
