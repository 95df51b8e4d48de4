package org.scgmvae.core.infer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows of floats parked in a scratch file between a writer's two passes over the same rows (float32, little-endian, row
 * after row), moved through one fixed buffer so that a block of any size costs no more memory than its own values. The file
 * is opened delete-on-close (on Linux it has no name from the start, so a killed process leaves nothing behind).
 */
final class ScratchRows implements AutoCloseable {

    /** Bytes moved per read or write call. */
    private static final int CHUNK_BYTES = 16 << 20;

    private final Path file;
    private final FileChannel channel;
    private final int width;
    private final ByteBuffer buffer;

    private ScratchRows(Path file, FileChannel channel, int width, long bytes) {
        this.file = file;
        this.channel = channel;
        this.width = width;
        this.buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(Float.BYTES, bytes))).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A scratch file for {@code rows} x {@code width} floats in {@code dir}, or null where the folder's file system has less
     * free space than {@code spaceFactor} times that (room for what is written beside it) or the file cannot be made there:
     * the caller then does without (e.g. computes the rows again).
     */
    static ScratchRows openOrNull(Path dir, long rows, int width, int spaceFactor) {
        long bytes = rows * width * Float.BYTES;
        try {
            Path d = Files.createDirectories(dir);
            if (Files.getFileStore(d).getUsableSpace() / spaceFactor < bytes) {
                return null;
            }
            Path file = Files.createTempFile(d, ".scgmvae-", ".scratch");
            try {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
                return new ScratchRows(file, ch, width, bytes);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes {@code values} (whole rows) from row {@code row} on. */
    void write(long row, float[] values) throws IOException {
        long at = row * width * Float.BYTES;
        for (int off = 0; off < values.length; ) {
            int n = Math.min(values.length - off, buffer.capacity() / Float.BYTES);
            buffer.clear().limit(n * Float.BYTES);
            buffer.asFloatBuffer().put(values, off, n);
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            off += n;
        }
    }

    /** Rows {@code row .. row + rows} as written. */
    float[] read(long row, int rows) throws IOException {
        float[] values = new float[Math.multiplyExact(rows, width)];
        long at = row * width * Float.BYTES;
        for (int off = 0; off < values.length; ) {
            int n = Math.min(values.length - off, buffer.capacity() / Float.BYTES);
            buffer.clear().limit(n * Float.BYTES);
            while (buffer.hasRemaining()) {
                int got = channel.read(buffer, at);
                if (got < 0) {
                    throw new IOException("the scratch file " + file + " ends before row " + (row + rows));
                }
                at += got;
            }
            buffer.flip();
            buffer.asFloatBuffer().get(values, off, n);
            off += n;
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file); // where delete-on-close left a name (not on Linux)
        }
    }
}
