package org.scgmvae.core.io.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small HDF5 writer: groups, contiguous datasets and attributes of the types AnnData uses.
 *
 * <p>Why our own: jhdf (used for reading) cannot write HDF5 enum types, and anndata reads the
 * categorical {@code ordered} flag (and boolean columns) as h5py's bool, an enum {FALSE=0,
 * TRUE=1} on int8; without it, older anndata releases refuse the file.
 *
 * <p>Format (from the HDF5 File Format Specification 3.0): superblock version 2, version-2 object
 * headers with lookup3 checksums, new-style compact groups (Link Info, Group Info, Link
 * messages), datasets with Dataspace v2, Datatype, Fill Value v3 and contiguous Data Layout v3
 * messages, Attribute messages v3 with UTF-8 names. Strings are variable-length UTF-8 (as h5py
 * writes them) stored in global heap collections. The tree is built in memory (data arrays are
 * referenced, not copied) and written in one pass by {@link #close()}.
 */
public final class Hdf5Writer implements AutoCloseable {

    private static final long UNDEFINED = -1L;
    private static final int SUPERBLOCK_SIZE = 48;
    private static final int MIN_HEAP_COLLECTION = 4096;
    private static final int MAX_HEAP_OBJECTS = 65535;

    private final Path file;
    private final Group root = new Group();
    private boolean closed;

    public Hdf5Writer(Path file) {
        this.file = file;
    }

    public Group root() {
        return root;
    }

    /** A node that carries attributes. */
    public abstract static class Node {
        final LinkedHashMap<String, Value> attributes = new LinkedHashMap<>();
        long address;
        byte[] header;
    }

    /** A group; children keep insertion order. */
    public static final class Group extends Node {
        final LinkedHashMap<String, Node> children = new LinkedHashMap<>();

        /** Creates (or returns the existing) child group. */
        public Group group(String name) {
            Node n = children.get(name);
            if (n instanceof Group g) {
                return g;
            }
            if (n != null) {
                throw new IllegalArgumentException("'" + name + "' already exists and is a dataset");
            }
            Group g = new Group();
            children.put(checkName(name), g);
            return g;
        }

        /**
         * Adds a dataset. {@code data}: float[], double[], byte[], short[], int[], long[], boolean[]
         * (stored as h5py's bool enum) or String[] (variable-length UTF-8), row-major; {@code dims}
         * defaults to one dimension of the array's length.
         */
        public Dataset dataset(String name, Object data, long... dims) {
            if (children.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' already exists");
            }
            Value v = Value.of(data, dims.length == 0 ? new long[] {java.lang.reflect.Array.getLength(data)} : dims);
            Dataset d = new Dataset(v);
            children.put(checkName(name), d);
            return d;
        }

        /** Adds an attribute: String, String[], Boolean, Integer/Long, Double, or a numeric array. */
        public Group attribute(String name, Object value) {
            attributes.put(checkName(name), Value.ofAttribute(value));
            return this;
        }
    }

    /** A dataset; attributes may be added after creation. */
    public static final class Dataset extends Node {
        final Value value;
        long dataAddress = UNDEFINED;

        Dataset(Value value) {
            this.value = value;
        }

        public Dataset attribute(String name, Object value) {
            attributes.put(checkName(name), Value.ofAttribute(value));
            return this;
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("invalid HDF5 name '" + name + "'");
        }
        return name;
    }

    // ------------------------------------------------------------------ typed values

    /** A typed array or scalar with its HDF5 datatype and dataspace. */
    static final class Value {
        final Object data;
        final long[] dims; // null = scalar
        final byte[] datatype;
        final int elementSize;
        long[][] heapRefs; // per string element: {collection index, object index}

        private Value(Object data, long[] dims, byte[] datatype, int elementSize) {
            this.data = data;
            this.dims = dims;
            this.datatype = datatype;
            this.elementSize = elementSize;
        }

        static Value of(Object data, long[] dims) {
            long n = 1;
            for (long d : dims) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in " + java.util.Arrays.toString(dims));
                }
                n *= d;
            }
            int len = java.lang.reflect.Array.getLength(data);
            if (n != len) {
                throw new IllegalArgumentException("dimensions " + java.util.Arrays.toString(dims) + " hold " + n
                        + " values but the array has " + len);
            }
            return new Value(data, dims.clone(), datatypeOf(data), elementSizeOf(data));
        }

        static Value ofAttribute(Object v) {
            if (v instanceof String s) {
                return new Value(new String[] {s}, null, Types.VLEN_UTF8, 16);
            }
            if (v instanceof Boolean b) {
                return new Value(new boolean[] {b}, null, Types.BOOL_ENUM, 1);
            }
            if (v instanceof Integer || v instanceof Long) {
                return new Value(new long[] {((Number) v).longValue()}, null, Types.fixed(8, true), 8);
            }
            if (v instanceof Double || v instanceof Float) {
                return new Value(new double[] {((Number) v).doubleValue()}, null, Types.float64(), 8);
            }
            if (v != null && v.getClass().isArray()) {
                return of(v, new long[] {java.lang.reflect.Array.getLength(v)});
            }
            throw new IllegalArgumentException("unsupported attribute value " + v);
        }

        private static byte[] datatypeOf(Object data) {
            if (data instanceof float[]) {
                return Types.float32();
            }
            if (data instanceof double[]) {
                return Types.float64();
            }
            if (data instanceof byte[]) {
                return Types.fixed(1, true);
            }
            if (data instanceof short[]) {
                return Types.fixed(2, true);
            }
            if (data instanceof int[]) {
                return Types.fixed(4, true);
            }
            if (data instanceof long[]) {
                return Types.fixed(8, true);
            }
            if (data instanceof boolean[]) {
                return Types.BOOL_ENUM;
            }
            if (data instanceof String[]) {
                return Types.VLEN_UTF8;
            }
            throw new IllegalArgumentException("unsupported data type " + (data == null ? "null" : data.getClass().getSimpleName()));
        }

        private static int elementSizeOf(Object data) {
            if (data instanceof float[] || data instanceof int[]) {
                return 4;
            }
            if (data instanceof double[] || data instanceof long[]) {
                return 8;
            }
            if (data instanceof short[]) {
                return 2;
            }
            if (data instanceof String[]) {
                return 16;
            }
            return 1;
        }

        long count() {
            return java.lang.reflect.Array.getLength(data);
        }

        long byteSize() {
            return count() * elementSize;
        }

        byte[] dataspace() {
            int rank = dims == null ? 0 : dims.length;
            ByteBuffer b = le(4 + 8 * rank);
            b.put((byte) 2).put((byte) rank).put((byte) 0).put((byte) (dims == null ? 0 : 1));
            for (int i = 0; i < rank; i++) {
                b.putLong(dims[i]);
            }
            return b.array();
        }

        /** Streams the raw little-endian values into {@code out} (strings as global-heap references). */
        void writeRaw(Sink out, List<HeapCollection> heaps) throws IOException {
            int n = (int) count();
            int chunk = Math.max(1, (1 << 20) / elementSize);
            for (int from = 0; from < n; from += chunk) {
                int to = Math.min(n, from + chunk);
                ByteBuffer b = le((to - from) * elementSize);
                for (int i = from; i < to; i++) {
                    putElement(b, i, heaps);
                }
                out.write(b.array());
            }
        }

        private void putElement(ByteBuffer b, int i, List<HeapCollection> heaps) {
            if (data instanceof float[] f) {
                b.putFloat(f[i]);
            } else if (data instanceof double[] d) {
                b.putDouble(d[i]);
            } else if (data instanceof byte[] x) {
                b.put(x[i]);
            } else if (data instanceof short[] x) {
                b.putShort(x[i]);
            } else if (data instanceof int[] x) {
                b.putInt(x[i]);
            } else if (data instanceof long[] x) {
                b.putLong(x[i]);
            } else if (data instanceof boolean[] x) {
                b.put((byte) (x[i] ? 1 : 0));
            } else {
                long[] ref = heapRefs[i];
                HeapCollection h = heaps.get((int) ref[0]);
                b.putInt(h.objects.get((int) ref[1] - 1).length);
                b.putLong(h.address);
                b.putInt((int) ref[1]);
            }
        }
    }

    // ------------------------------------------------------------------ global heap

    /** One global heap collection ("GCOL") holding variable-length string bytes. */
    static final class HeapCollection {
        final List<byte[]> objects = new ArrayList<>();
        long used = 16; // collection header
        long address;

        static long objectSize(byte[] data) {
            return 16 + pad8(data.length);
        }

        long size() {
            long free = Math.max(MIN_HEAP_COLLECTION, used + 16) - used;
            return used + free;
        }
    }

    private static long pad8(long n) {
        return (n + 7) & ~7L;
    }

    private void assignHeap(Value v, List<HeapCollection> heaps) {
        if (!(v.data instanceof String[] strings)) {
            return;
        }
        v.heapRefs = new long[strings.length][];
        for (int i = 0; i < strings.length; i++) {
            if (strings[i] == null) {
                throw new IllegalArgumentException("null string at position " + i + " cannot be stored");
            }
            byte[] bytes = strings[i].getBytes(StandardCharsets.UTF_8);
            HeapCollection h = heaps.isEmpty() ? null : heaps.get(heaps.size() - 1);
            if (h == null || h.objects.size() >= MAX_HEAP_OBJECTS || h.used > (64L << 20)) {
                h = new HeapCollection();
                heaps.add(h);
            }
            h.objects.add(bytes);
            h.used += HeapCollection.objectSize(bytes);
            v.heapRefs[i] = new long[] {heaps.size() - 1, h.objects.size()};
        }
    }

    // ------------------------------------------------------------------ layout and writing

    /** Writes the whole file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        List<Node> nodes = new ArrayList<>();
        collect(root, nodes);
        List<HeapCollection> heaps = new ArrayList<>();
        for (Node n : nodes) {
            for (Value a : n.attributes.values()) {
                assignHeap(a, heaps);
            }
            if (n instanceof Dataset d) {
                assignHeap(d.value, heaps);
            }
        }
        // Header sizes do not depend on addresses, so addresses can be assigned in one sweep.
        long pos = SUPERBLOCK_SIZE;
        for (Node n : nodes) {
            n.address = pos;
            pos += headerSize(n);
        }
        for (Node n : nodes) {
            if (n instanceof Dataset d && d.value.count() > 0) {
                pos = pad8(pos);
                d.dataAddress = pos;
                pos += d.value.byteSize();
            }
        }
        for (HeapCollection h : heaps) {
            pos = pad8(pos);
            h.address = pos;
            pos += h.size();
        }
        long eof = pos;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            Sink out = new Sink(ch);
            out.write(superblock(eof, root.address));
            for (Node n : nodes) {
                out.padTo(n.address);
                out.write(header(n, heaps));
            }
            for (Node n : nodes) {
                if (n instanceof Dataset d && d.value.count() > 0) {
                    out.padTo(d.dataAddress);
                    d.value.writeRaw(out, heaps);
                }
            }
            for (HeapCollection h : heaps) {
                out.padTo(h.address);
                out.write(heapBytes(h));
            }
            out.padTo(eof);
            out.flush();
        }
    }

    private static void collect(Node n, List<Node> out) {
        out.add(n);
        if (n instanceof Group g) {
            for (Node c : g.children.values()) {
                collect(c, out);
            }
        }
    }

    private static byte[] superblock(long eof, long rootAddress) {
        ByteBuffer b = le(SUPERBLOCK_SIZE);
        b.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
        b.put((byte) 2).put((byte) 8).put((byte) 8).put((byte) 0);
        b.putLong(0).putLong(UNDEFINED).putLong(eof).putLong(rootAddress);
        b.putInt(Lookup3.hash(b.array(), 0, 44));
        return b.array();
    }

    // message type ids
    private static final int DATASPACE = 0x01;
    private static final int LINK_INFO = 0x02;
    private static final int DATATYPE = 0x03;
    private static final int FILL_VALUE = 0x05;
    private static final int LINK = 0x06;
    private static final int LAYOUT = 0x08;
    private static final int GROUP_INFO = 0x0A;
    private static final int ATTRIBUTE = 0x0C;

    private long headerSize(Node n) {
        long size = 4 + 1 + 1 + 4 + 4; // signature, version, flags, chunk size, checksum
        for (byte[] m : messageBodies(n, null)) {
            size += 4 + m.length;
        }
        return size;
    }

    /** Message bodies in header order; with heaps == null only their sizes matter (addresses may be unset). */
    private List<byte[]> messageBodies(Node n, List<HeapCollection> heaps) {
        List<byte[]> bodies = new ArrayList<>();
        if (n instanceof Group g) {
            ByteBuffer li = le(18);
            li.put((byte) 0).put((byte) 0).putLong(UNDEFINED).putLong(UNDEFINED);
            bodies.add(li.array());
            bodies.add(new byte[] {0, 0});
            for (Map.Entry<String, Node> e : g.children.entrySet()) {
                bodies.add(linkMessage(e.getKey(), e.getValue().address));
            }
        } else {
            Dataset d = (Dataset) n;
            bodies.add(d.value.dataspace());
            bodies.add(d.value.datatype);
            bodies.add(new byte[] {3, 0x09}); // fill value v3: allocation early, write never, undefined
            ByteBuffer lay = le(18);
            lay.put((byte) 3).put((byte) 1).putLong(d.dataAddress).putLong(d.value.byteSize());
            bodies.add(lay.array());
        }
        for (Map.Entry<String, Value> e : n.attributes.entrySet()) {
            bodies.add(attributeMessage(e.getKey(), e.getValue(), heaps));
        }
        return bodies;
    }

    private static int[] types(Node n) {
        List<Integer> t = new ArrayList<>();
        if (n instanceof Group g) {
            t.add(LINK_INFO);
            t.add(GROUP_INFO);
            for (int i = 0; i < g.children.size(); i++) {
                t.add(LINK);
            }
        } else {
            t.add(DATASPACE);
            t.add(DATATYPE);
            t.add(FILL_VALUE);
            t.add(LAYOUT);
        }
        for (int i = 0; i < n.attributes.size(); i++) {
            t.add(ATTRIBUTE);
        }
        return t.stream().mapToInt(Integer::intValue).toArray();
    }

    private byte[] header(Node n, List<HeapCollection> heaps) {
        List<byte[]> bodies = messageBodies(n, heaps);
        int[] types = types(n);
        int chunk = 0;
        for (byte[] b : bodies) {
            chunk += 4 + b.length;
        }
        ByteBuffer b = le(4 + 1 + 1 + 4 + chunk + 4);
        b.put(new byte[] {'O', 'H', 'D', 'R'}).put((byte) 2).put((byte) 0x02).putInt(chunk);
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i);
            // Datatype messages are marked constant (flag bit 0), as the HDF5 library does.
            b.put((byte) types[i]).putShort((short) body.length).put((byte) (types[i] == DATATYPE ? 1 : 0)).put(body);
        }
        b.putInt(Lookup3.hash(b.array(), 0, b.position()));
        return b.array();
    }

    private static byte[] linkMessage(String name, long address) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        boolean wide = nameBytes.length > 255;
        ByteBuffer b = le(1 + 1 + 1 + (wide ? 2 : 1) + nameBytes.length + 8);
        // flags: name-length field size (0 = 1 byte, 1 = 2 bytes), bit 4 = character set present
        b.put((byte) 1).put((byte) ((wide ? 1 : 0) | 0x10)).put((byte) 1);
        if (wide) {
            b.putShort((short) nameBytes.length);
        } else {
            b.put((byte) nameBytes.length);
        }
        b.put(nameBytes).putLong(address);
        return b.array();
    }

    private static byte[] attributeMessage(String name, Value v, List<HeapCollection> heaps) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] dt = v.datatype;
        byte[] ds = v.dataspace();
        int dataSize = (int) v.byteSize();
        ByteBuffer b = le(1 + 1 + 2 + 2 + 2 + 1 + nameBytes.length + dt.length + ds.length + dataSize);
        b.put((byte) 3).put((byte) 0).putShort((short) nameBytes.length).putShort((short) dt.length).putShort((short) ds.length)
                .put((byte) 1).put(nameBytes).put(dt).put(ds);
        if (heaps != null) {
            for (int i = 0; i < v.count(); i++) {
                v.putElement(b, i, heaps);
            }
        }
        return b.array();
    }

    private static byte[] heapBytes(HeapCollection h) {
        long size = h.size();
        ByteBuffer b = le((int) size);
        b.put(new byte[] {'G', 'C', 'O', 'L'}).put((byte) 1).put(new byte[3]).putLong(size);
        int index = 1;
        for (byte[] o : h.objects) {
            b.putShort((short) index++).putShort((short) 1).putInt(0).putLong(o.length).put(o);
            b.position((int) pad8(b.position()));
        }
        long free = size - b.position();
        // free space is object 0, its size counting its own 16-byte header
        b.putShort((short) 0).putShort((short) 0).putInt(0).putLong(free);
        return b.array();
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Sequential writer that tracks its position and fills gaps with zeros. */
    static final class Sink {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        private long pos;

        Sink(FileChannel ch) {
            this.ch = ch;
        }

        void write(byte[] bytes) throws IOException {
            int off = 0;
            while (off < bytes.length) {
                int n = Math.min(buf.remaining(), bytes.length - off);
                buf.put(bytes, off, n);
                off += n;
                if (!buf.hasRemaining()) {
                    flush();
                }
            }
            pos += bytes.length;
        }

        void padTo(long address) throws IOException {
            if (address < pos) {
                throw new IllegalStateException("layout error: at " + pos + " but next block starts at " + address);
            }
            write(new byte[(int) (address - pos)]);
        }

        void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }
    }
}
