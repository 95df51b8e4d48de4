package org.scgmvae.core.io.hdf5;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A dataset's or attribute's data: a flat Java array (row-major) with its element type and
 * shape. The array is referenced, not copied.
 */
final class Value {

    /** HDF5 dataspaces have at most 32 dimensions. */
    private static final int MAX_RANK = 32;

    final ElementType type;
    final Object array;
    /** The shape; {@code null} for a scalar dataspace (exactly one element). */
    final long[] dims;
    final long count;
    /** For data written in pieces: where the pieces come from ({@link #array} is then null). */
    private final ChunkSource source;
    private final String where;
    /** Heap references of string elements, set when the file is laid out. */
    GlobalHeap.Refs strings;

    private Value(ElementType type, Object array, long[] dims) {
        this.type = type;
        this.array = array;
        this.dims = dims;
        this.count = Array.getLength(array);
        this.source = null;
        this.where = null;
    }

    private Value(ElementType type, long[] dims, long count, ChunkSource source, String where) {
        this.type = type;
        this.array = null;
        this.dims = dims;
        this.count = count;
        this.source = source;
        this.where = where;
    }

    /**
     * Numeric data of the given shape that {@code source} hands over in pieces while the file is written, so that it
     * never has to be held at once. {@code kind} is an empty array of the element type ({@code new float[0]}, ...).
     */
    static Value streamed(Object kind, long[] dims, ChunkSource source, String where) {
        ElementType type = ElementType.ofArray(kind);
        if (type == null || type == ElementType.UTF8_STRING || type == ElementType.BOOL) {
            throw new IllegalArgumentException(where + ": data written in pieces must be numeric, not " + describe(kind));
        }
        long product = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(where + ": negative dimension in " + Arrays.toString(dims));
            }
            product = Math.multiplyExact(product, d);
        }
        return new Value(type, dims.clone(), product, source, where);
    }

    /** An array value of the given shape ({@code dims} empty or null: 1-D of the array's length). */
    static Value array(Object array, long[] dims, String where) {
        ElementType type = array == null ? null : ElementType.ofArray(array);
        if (type == null) {
            throw new IllegalArgumentException(where + ": unsupported data " + describe(array)
                    + "; expected float[], double[], byte[], short[], int[], long[], boolean[] or String[]");
        }
        int length = Array.getLength(array);
        long[] shape = dims == null || dims.length == 0 ? new long[] {length} : dims.clone();
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException(where + ": " + shape.length + " dimensions; HDF5 allows at most " + MAX_RANK);
        }
        long product = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(where + ": negative dimension in " + Arrays.toString(shape));
            }
            try {
                product = Math.multiplyExact(product, d);
            } catch (ArithmeticException e) {
                product = Long.MAX_VALUE; // cannot match any Java array length
            }
        }
        if (product != length) {
            throw new IllegalArgumentException(where + ": dimensions " + Arrays.toString(shape) + " hold " + product
                    + " values but the array has " + length);
        }
        if (array instanceof String[] s) {
            checkNoNulls(s, where);
        }
        return new Value(type, array, shape);
    }

    /** One element with a scalar dataspace, from a one-element array of a supported kind. */
    static Value scalar(Object oneElement, String where) {
        ElementType type = oneElement == null ? null : ElementType.ofArray(oneElement);
        if (type == null || Array.getLength(oneElement) != 1) {
            throw new IllegalArgumentException(where + ": a scalar needs a one-element array of a supported kind, not "
                    + describe(oneElement));
        }
        if (oneElement instanceof String[] s) {
            checkNoNulls(s, where);
        }
        return new Value(type, oneElement, null);
    }

    /**
     * An attribute value: String, Boolean, Byte/Short/Integer/Long (stored as int64), Float/Double
     * (stored as float64) as scalars; any supported array as a 1-D array.
     */
    static Value attribute(Object value, String where) {
        if (value instanceof String s) {
            return new Value(ElementType.UTF8_STRING, new String[] {s}, null);
        } else if (value instanceof Boolean b) {
            return new Value(ElementType.BOOL, new boolean[] {b}, null);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new Value(ElementType.INT64, new long[] {((Number) value).longValue()}, null);
        } else if (value instanceof Double || value instanceof Float) {
            return new Value(ElementType.FLOAT64, new double[] {((Number) value).doubleValue()}, null);
        } else if (value != null && ElementType.ofArray(value) != null) {
            return array(value, null, where);
        }
        throw new IllegalArgumentException(where + ": unsupported attribute value " + describe(value)
                + "; expected String, Boolean, Integer, Long, Double or a supported array");
    }

    private static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    private static void checkNoNulls(String[] s, String where) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] == null) {
                throw new IllegalArgumentException(where + ": element " + i + " is null; HDF5 strings cannot be null");
            }
        }
    }

    long byteSize() {
        return (long) count * type.size;
    }

    /** The Dataspace message body, version 2: scalar, or simple with maximum = current dimensions. */
    byte[] dataspace() {
        int rank = dims == null ? 0 : dims.length;
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * rank).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2).put((byte) rank).put((byte) 0); // version, dimensionality, flags (no max dims)
        b.put((byte) (dims == null ? 0 : 1)); // type: 0 scalar, 1 simple
        for (int i = 0; i < rank; i++) {
            b.putLong(dims[i]);
        }
        return b.array();
    }

    /** Stores string elements in the heap (no-op for other types). */
    void allocateStrings(GlobalHeap heap, String where) {
        if (array instanceof String[] s) {
            strings = heap.add(s, where);
        }
    }

    /** Puts all elements into {@code b} (attribute data; small). */
    void put(ByteBuffer b) {
        for (int i = 0; i < count; i++) {
            putElement(b, i);
        }
    }

    private void putElement(ByteBuffer b, int i) {
        switch (type) {
            case FLOAT32 -> b.putFloat(((float[]) array)[i]);
            case FLOAT64 -> b.putDouble(((double[]) array)[i]);
            case INT8 -> b.put(((byte[]) array)[i]);
            case INT16 -> b.putShort(((short[]) array)[i]);
            case INT32 -> b.putInt(((int[]) array)[i]);
            case INT64 -> b.putLong(((long[]) array)[i]);
            case BOOL -> b.put((byte) (((boolean[]) array)[i] ? 1 : 0));
            case UTF8_STRING -> strings.put(b, i);
            default -> throw new AssertionError(type);
        }
    }

    /** Streams the raw data (a dataset's contiguous storage) in buffer-sized bulk copies. */
    void write(Output out) throws IOException {
        if (source != null) {
            writePieces(out);
            return;
        }
        int size = type.size;
        for (int i = 0; i < count; ) {
            ByteBuffer b = out.room(size);
            int n = (int) Math.min(b.remaining() / size, count - i);
            int p = b.position();
            switch (type) {
                case FLOAT32 -> b.asFloatBuffer().put((float[]) array, i, n);
                case FLOAT64 -> b.asDoubleBuffer().put((double[]) array, i, n);
                case INT8 -> b.put((byte[]) array, i, n);
                case INT16 -> b.asShortBuffer().put((short[]) array, i, n);
                case INT32 -> b.asIntBuffer().put((int[]) array, i, n);
                case INT64 -> b.asLongBuffer().put((long[]) array, i, n);
                default -> {
                    for (int k = i; k < i + n; k++) {
                        putElement(b, k);
                    }
                }
            }
            // the typed views do not advance the byte buffer; INT8 and the element loop do
            b.position(p + n * size);
            i += n;
        }
    }

    private void writePieces(Output out) throws IOException {
        long written = 0;
        for (Object piece = source.next(); piece != null; piece = source.next()) {
            if (ElementType.ofArray(piece) != type) {
                throw new IllegalStateException(where + ": a piece of type " + describe(piece) + " for " + type + " data");
            }
            Value v = new Value(type, piece, null);
            if (written + v.count > count) {
                throw new IllegalStateException(where + ": the pieces hold more than the declared " + count + " values");
            }
            v.write(out);
            written += v.count;
        }
        if (written != count) {
            throw new IllegalStateException(where + ": the pieces hold " + written + " values but " + count + " were declared");
        }
    }
}
