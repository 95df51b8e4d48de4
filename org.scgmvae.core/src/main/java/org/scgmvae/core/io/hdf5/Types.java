package org.scgmvae.core.io.hdf5;

import java.nio.ByteBuffer;

/** Encoded HDF5 datatype messages (HDF5 File Format Specification, section IV.A.2.d). */
final class Types {

    /** Variable-length UTF-8 string over unsigned bytes, null-terminated padding (h5py's str dtype). */
    static final byte[] VLEN_UTF8 = vlenUtf8();
    /** h5py's bool: enum on int8 with FALSE = 0, TRUE = 1. */
    static final byte[] BOOL_ENUM = boolEnum();

    private Types() {
    }

    static byte[] fixed(int size, boolean signed) {
        ByteBuffer b = Hdf5Writer.le(12);
        b.put((byte) 0x10).put((byte) (signed ? 0x08 : 0)).put((byte) 0).put((byte) 0).putInt(size);
        b.putShort((short) 0).putShort((short) (size * 8));
        return b.array();
    }

    static byte[] float32() {
        return floating(4, 31, 23, 8, 23, 127);
    }

    static byte[] float64() {
        return floating(8, 63, 52, 11, 52, 1023);
    }

    private static byte[] floating(int size, int signLocation, int expLocation, int expSize, int mantissaSize, int bias) {
        ByteBuffer b = Hdf5Writer.le(20);
        // byte order little-endian, implied-MSB mantissa normalisation (2 << 4)
        b.put((byte) 0x11).put((byte) 0x20).put((byte) signLocation).put((byte) 0).putInt(size);
        b.putShort((short) 0).putShort((short) (size * 8));
        b.put((byte) expLocation).put((byte) expSize).put((byte) 0).put((byte) mantissaSize).putInt(bias);
        return b.array();
    }

    private static byte[] vlenUtf8() {
        ByteBuffer b = Hdf5Writer.le(8 + 12);
        // class 9, version 1; type = string (1), padding null-terminate (0), character set UTF-8 (1)
        b.put((byte) 0x19).put((byte) 0x01).put((byte) 0x01).put((byte) 0).putInt(16);
        b.put(fixed(1, false));
        return b.array();
    }

    private static byte[] boolEnum() {
        ByteBuffer b = Hdf5Writer.le(8 + 12 + 16 + 2);
        b.put((byte) 0x18).put((byte) 2).put((byte) 0).put((byte) 0).putInt(1);
        b.put(fixed(1, true));
        b.put(new byte[] {'F', 'A', 'L', 'S', 'E', 0, 0, 0});
        b.put(new byte[] {'T', 'R', 'U', 'E', 0, 0, 0, 0});
        b.put((byte) 0).put((byte) 1);
        return b.array();
    }
}
