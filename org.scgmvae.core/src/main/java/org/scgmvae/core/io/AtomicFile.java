package org.scgmvae.core.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that it is either complete or as it was before: the content goes to {@code NAME.<random>.partial} beside it
 * and is moved over the target only when complete. A failure, or the JVM ending (Ctrl-C, SIGTERM, a cancelled KNIME
 * node's process), removes the partial file, so an interrupted command never leaves half a model or half a table, and
 * never replaces a good file with a broken one. Missing parent folders are created. The file gets the permissions any new
 * file gets there (the user's umask), as with other tools: colleagues who can read the folder can read the results (a
 * temporary file's owner-only permissions would travel with the rename).
 */
public final class AtomicFile {

    /** Writes the content to the path it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path partial) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, Content content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // a name of its own beside the target (same file system, so the move is a rename): two writers never share it
        Path partial = newPartial(parent == null ? Path.of(".") : parent, target.getFileName().toString());
        Thread cleanup = new Thread(() -> {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // the JVM is ending; nothing else to do
            }
        }, "scgmvae-partial-file-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            content.writeTo(partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(partial);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to
            }
        }
    }

    /** A new, empty {@code NAME.<random>.partial} in {@code dir}, created as any new file (not owner-only, unlike createTempFile). */
    private static Path newPartial(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".partial");
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= 100) {
                    throw taken;
                }
            }
        }
    }
}
