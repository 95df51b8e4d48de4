package org.scgmvae.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that it is either complete or as it was before: the content goes to {@code NAME.<random>.partial} beside it
 * and is moved over the target only when complete. A failure, or the JVM ending (Ctrl-C, SIGTERM, a cancelled KNIME
 * node's process), removes the partial file, so an interrupted command never leaves half a model or half a table, and
 * never replaces a good file with a broken one. Missing parent folders are created.
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
        Path partial = Files.createTempFile(parent == null ? Path.of(".") : parent, target.getFileName() + ".", ".partial");
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
}
