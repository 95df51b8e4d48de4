package org.scgmvae.core.io.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Sequential little-endian output to a file channel through a fixed buffer, tracking the file
 * position so that the writer can check every block lands at its precomputed address.
 */
final class Output {

    static final int BUFFER_SIZE = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private long flushed;

    Output(FileChannel channel) {
        this.channel = channel;
    }

    /** The file position of the next byte. */
    long position() {
        return flushed + buffer.position();
    }

    /**
     * The buffer, with at least {@code bytes} (at most {@link #BUFFER_SIZE}) bytes remaining; the
     * caller puts its bytes directly.
     */
    ByteBuffer room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
        return buffer;
    }

    void write(byte[] bytes) throws IOException {
        int off = 0;
        while (off < bytes.length) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(buffer.remaining(), bytes.length - off);
            buffer.put(bytes, off, n);
            off += n;
        }
    }

    void zeros(long count) throws IOException {
        for (long left = count; left > 0; ) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = (int) Math.min(buffer.remaining(), left);
            for (int i = 0; i < n; i++) {
                buffer.put((byte) 0);
            }
            left -= n;
        }
    }

    /** Pads with zeros up to {@code address}; fails when the output is already past it (a layout bug). */
    void zerosTo(long address) throws IOException {
        long pos = position();
        if (address < pos) {
            throw new IllegalStateException("HDF5 layout error: at " + pos + " but the next block starts at " + address);
        }
        zeros(address - pos);
    }

    void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            flushed += channel.write(buffer);
        }
        buffer.clear();
    }
}
