package org.scgmvae.core.io.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The element types the writer stores, each with its encoded HDF5 Datatype message body
 * (HDF5 File Format Specification, section IV.A.2.d). All numbers are little-endian.
 */
enum ElementType {
    FLOAT32(4, floatingPoint(4)),
    FLOAT64(8, floatingPoint(8)),
    INT8(1, fixedPoint(1, true)),
    INT16(2, fixedPoint(2, true)),
    INT32(4, fixedPoint(4, true)),
    INT64(8, fixedPoint(8, true)),
    /** h5py's numpy bool: an enum {FALSE = 0, TRUE = 1} over int8. */
    BOOL(1, boolEnum()),
    /**
     * h5py's {@code string_dtype('utf-8')}: a variable-length UTF-8 string; each element is a
     * global heap reference (4-byte length, 8-byte collection address, 4-byte object index).
     */
    UTF8_STRING(16, variableLengthUtf8());

    /** Bytes per element in the dataset's raw data (or the attribute's data). */
    final int size;
    /** The Datatype message body; shared, never modified. */
    final byte[] datatype;

    ElementType(int size, byte[] datatype) {
        this.size = size;
        this.datatype = datatype;
    }

    /** The element type of a flat Java array, or {@code null} when the array kind is not supported. */
    static ElementType ofArray(Object array) {
        if (array instanceof float[]) {
            return FLOAT32;
        } else if (array instanceof double[]) {
            return FLOAT64;
        } else if (array instanceof byte[]) {
            return INT8;
        } else if (array instanceof short[]) {
            return INT16;
        } else if (array instanceof int[]) {
            return INT32;
        } else if (array instanceof long[]) {
            return INT64;
        } else if (array instanceof boolean[]) {
            return BOOL;
        } else if (array instanceof String[]) {
            return UTF8_STRING;
        }
        return null;
    }

    // Datatype message header: class and version in byte 0, then 3 bytes of class bit field,
    // then the 4-byte element size, then class-specific properties.

    private static ByteBuffer header(int typeClass, int bits0, int bits8, int bits16, int size, int propertiesLength) {
        ByteBuffer b = ByteBuffer.allocate(8 + propertiesLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) (1 << 4 | typeClass)); // version 1
        b.put((byte) bits0).put((byte) bits8).put((byte) bits16).putInt(size);
        return b;
    }

    /** Class 0: little-endian two's complement (signed) or unsigned integer, zero padding. */
    static byte[] fixedPoint(int size, boolean signed) {
        ByteBuffer b = header(0, signed ? 0x08 : 0, 0, 0, size, 4);
        b.putShort((short) 0).putShort((short) (size * 8)); // bit offset, bit precision
        return b.array();
    }

    /** Class 1: IEEE 754 binary32 or binary64, little-endian, implied leading mantissa bit. */
    static byte[] floatingPoint(int size) {
        boolean single = size == 4;
        int signLocation = size * 8 - 1;
        int exponentSize = single ? 8 : 11;
        int mantissaSize = single ? 23 : 52;
        int bias = single ? 127 : 1023;
        // bit field: byte order LE (bit 0), padding 0 (bits 1-3), normalisation "implied" = 2 (bits 4-5),
        // sign bit location (bits 8-15)
        ByteBuffer b = header(1, 0x20, signLocation, 0, size, 12);
        b.putShort((short) 0).putShort((short) (size * 8)); // bit offset, bit precision
        b.put((byte) mantissaSize).put((byte) exponentSize); // exponent location, exponent size
        b.put((byte) 0).put((byte) mantissaSize); // mantissa location, mantissa size
        b.putInt(bias);
        return b.array();
    }

    /** Class 9: variable-length string (type 1), null-terminated padding, UTF-8, over unsigned bytes. */
    static byte[] variableLengthUtf8() {
        byte[] base = fixedPoint(1, false);
        ByteBuffer b = header(9, 0x01, 0x01, 0, 16, base.length);
        b.put(base);
        return b.array();
    }

    /**
     * Class 8: enumeration over int8 with members FALSE = 0 and TRUE = 1, in that order, which is
     * exactly what h5py writes for numpy bool (and what it maps back to numpy bool on reading).
     * Version-1 enums pad each null-terminated member name to a multiple of 8 bytes.
     */
    static byte[] boolEnum() {
        byte[] base = fixedPoint(1, true);
        byte[] falseName = {'F', 'A', 'L', 'S', 'E', 0, 0, 0};
        byte[] trueName = {'T', 'R', 'U', 'E', 0, 0, 0, 0};
        ByteBuffer b = header(8, 2, 0, 0, 1, base.length + falseName.length + trueName.length + 2); // 2 members
        b.put(base).put(falseName).put(trueName);
        b.put((byte) 0).put((byte) 1); // member values, one base-type element each
        return b.array();
    }
}
