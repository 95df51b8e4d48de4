package org.scgmvae.core.io.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an HDF5 file: nested groups, contiguous datasets and attributes of the kinds AnnData
 * {@code .h5ad} files use, readable by the HDF5 library (h5py) and by jhdf.
 *
 * <p>Why a writer of our own: jhdf (which we use for reading) cannot write, in particular not
 * HDF5 enum types, and anndata 0.8 needs h5py's numpy bool (an enum {FALSE = 0, TRUE = 1} on
 * int8) for the categorical {@code ordered} flag and for boolean columns.
 *
 * <p>Usage: build the tree with {@link #root()}, {@link Group#group}, {@link Group#dataset} and
 * the {@code attribute} methods, then {@link #close()} lays out and writes the whole file in one
 * pass. Data arrays are referenced, not copied: do not modify them before {@code close()}.
 * Instances are not thread-safe.
 *
 * <p>Format, following the HDF5 File Format Specification version 3.0 (the subset HDF5 1.8+
 * reads): superblock version 2; version-2 object headers ("OHDR") with a single chunk; all
 * checksums Jenkins lookup3; new-style groups with compact link storage (Link Info, Group Info
 * and one Link message per child, in insertion order); datasets with Dataspace (v2), Datatype,
 * Fill Value (v3) and contiguous Data Layout (v3) messages; compact Attribute messages (v3,
 * UTF-8 names). Variable-length strings live in global heap collections. The file is laid out
 * as: superblock, all object headers (depth-first), global heap collections, then raw data, each
 * data block 8-byte aligned. All addresses and lengths are 64-bit.
 */
public final class Hdf5Writer implements AutoCloseable {

    private static final long UNDEFINED_ADDRESS = -1L; // all bits set
    private static final int SUPERBLOCK_SIZE = 48;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** Object header messages have a 2-byte size field. */
    private static final int MAX_MESSAGE_SIZE = 0xFFFF;
    private static final int MAX_NAME_BYTES = 65000;
    /** Group Info defaults: up to 8 links compact (what the HDF5 library assumes when not stored). */
    private static final int DEFAULT_MAX_COMPACT_LINKS = 8;
    private static final int DEFAULT_MIN_DENSE_LINKS = 6;

    // object header message types
    private static final int MSG_DATASPACE = 0x01;
    private static final int MSG_LINK_INFO = 0x02;
    private static final int MSG_DATATYPE = 0x03;
    private static final int MSG_FILL_VALUE = 0x05;
    private static final int MSG_LINK = 0x06;
    private static final int MSG_LAYOUT = 0x08;
    private static final int MSG_GROUP_INFO = 0x0A;
    private static final int MSG_ATTRIBUTE = 0x0C;
    /** Message flag "constant": the message will not change (set by the HDF5 library on datatype and fill value). */
    private static final int FLAG_CONSTANT = 0x01;

    private final Path file;
    private final Group root;
    private boolean closed;

    /**
     * Starts a new file; nothing is written until {@link #close()}.
     *
     * @param file the file to create, or to overwrite if it exists
     */
    public Hdf5Writer(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        this.root = new Group(this, "/");
    }

    /** The root group. */
    public Group root() {
        return root;
    }

    // ------------------------------------------------------------------ tree

    /** A group or dataset; both carry attributes. */
    public interface Node {

        /**
         * Adds (or replaces) an attribute. Supported values: {@code String} (scalar variable-length
         * UTF-8 string), {@code Boolean} (scalar h5py bool), {@code Integer}/{@code Long} (scalar
         * int64), {@code Double} (scalar float64), and 1-D arrays of any dataset kind, e.g.
         * {@code String[]} (possibly empty), {@code long[]}, {@code int[]}, {@code double[]}.
         *
         * @throws IllegalArgumentException for an unsupported value, an invalid name, or an
         *                                  attribute larger than an object header message allows (64 KiB)
         */
        Node attribute(String name, Object value);
    }

    /** Shared state of groups and datasets. */
    abstract static class Obj {
        final Hdf5Writer owner;
        final String path;
        final Map<String, Value> attributes = new LinkedHashMap<>();
        long address = UNDEFINED_ADDRESS;
        int headerSize;

        Obj(Hdf5Writer owner, String path) {
            this.owner = owner;
            this.path = path;
        }

        final void putAttribute(String name, Object value) {
            owner.checkOpen();
            checkName(name, path);
            String where = path + " attribute '" + name + "'";
            Value v = Value.attribute(value, where);
            long size = attributeMessageSize(name, v);
            if (size > MAX_MESSAGE_SIZE) {
                throw new IllegalArgumentException(where + " takes " + size + " bytes; this writer keeps attributes in the"
                        + " object header, where a message is limited to " + MAX_MESSAGE_SIZE + " bytes");
            }
            attributes.put(name, v);
        }

        String childPath(String name) {
            return path.equals("/") ? "/" + name : path + "/" + name;
        }
    }

    /** A group: named children (groups and datasets, kept in insertion order) and attributes. */
    public static final class Group extends Obj implements Node {
        final Map<String, Obj> children = new LinkedHashMap<>();

        Group(Hdf5Writer owner, String path) {
            super(owner, path);
        }

        /**
         * The child group {@code name}, created if absent.
         *
         * @throws IllegalArgumentException if the name is invalid or names a dataset
         */
        public Group group(String name) {
            owner.checkOpen();
            checkName(name, path);
            Obj existing = children.get(name);
            if (existing instanceof Group g) {
                return g;
            }
            if (existing != null) {
                throw new IllegalArgumentException(childPath(name) + " already exists and is a dataset");
            }
            Group g = new Group(owner, childPath(name));
            children.put(name, g);
            return g;
        }

        /**
         * Adds a dataset.
         *
         * @param name the child's name (no '/')
         * @param data a flat array in row-major order: {@code float[]} (float32), {@code double[]}
         *             (float64), {@code byte[]} (int8), {@code short[]} (int16), {@code int[]}
         *             (int32), {@code long[]} (int64), {@code boolean[]} (h5py bool enum) or
         *             {@code String[]} (variable-length UTF-8, no nulls); may be empty. Referenced,
         *             not copied, until {@link Hdf5Writer#close()}.
         * @param dims the shape; omitted: one dimension of the array's length
         * @throws IllegalArgumentException if the name is taken or invalid, the data kind is not
         *                                  supported, or the product of {@code dims} differs from the array length
         */
        public Dataset dataset(String name, Object data, long... dims) {
            owner.checkOpen();
            checkName(name, path);
            if (children.containsKey(name)) {
                throw new IllegalArgumentException(childPath(name) + " already exists");
            }
            Dataset d = new Dataset(owner, childPath(name), Value.array(data, dims, childPath(name)));
            children.put(name, d);
            return d;
        }

        /**
         * Adds a dataset of one element with a scalar dataspace (numpy's 0-d array, as h5py stores a number or a string
         * alone).
         *
         * @param value a one-element array of a kind {@link #dataset(String, Object, long...)} accepts
         */
        public Dataset scalar(String name, Object value) {
            owner.checkOpen();
            checkName(name, path);
            if (children.containsKey(name)) {
                throw new IllegalArgumentException(childPath(name) + " already exists");
            }
            Dataset d = new Dataset(owner, childPath(name), Value.scalar(value, childPath(name)));
            children.put(name, d);
            return d;
        }

        /**
         * Adds a numeric dataset whose values {@code source} hands over in pieces while the file is written, so that
         * data larger than memory can be copied through: the pieces must hold exactly the product of {@code dims}
         * values, else writing fails (and the partial file is deleted).
         *
         * @param kind an empty array of the element type: {@code new float[0]}, {@code new int[0]}, {@code new long[0]},
         *             {@code new double[0]}, ...
         */
        public Dataset dataset(String name, Object kind, long[] dims, ChunkSource source) {
            owner.checkOpen();
            checkName(name, path);
            if (children.containsKey(name)) {
                throw new IllegalArgumentException(childPath(name) + " already exists");
            }
            Dataset d = new Dataset(owner, childPath(name), Value.streamed(kind, dims, source, childPath(name)));
            children.put(name, d);
            return d;
        }

        /** {@inheritDoc} Returns this group, for chaining. */
        @Override
        public Group attribute(String name, Object value) {
            putAttribute(name, value);
            return this;
        }
    }

    /** A dataset with contiguous storage; attributes can be added after creation. */
    public static final class Dataset extends Obj implements Node {
        final Value data;
        long dataAddress = UNDEFINED_ADDRESS;

        Dataset(Hdf5Writer owner, String path, Value data) {
            super(owner, path);
            this.data = data;
        }

        /** {@inheritDoc} Returns this dataset, for chaining. */
        @Override
        public Dataset attribute(String name, Object value) {
            putAttribute(name, value);
            return this;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(file + " has already been written");
        }
    }

    /** Link and attribute names: non-empty UTF-8 without '/' or NUL, and not "." (HDF5 path syntax). */
    private static void checkName(String name, String parent) {
        if (name == null || name.isEmpty() || name.equals(".") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid HDF5 name '" + name + "' in " + parent
                    + ": names must be non-empty, not '.', and contain no '/' or NUL");
        }
        // a Link or Attribute message holding the name must stay within its 64 KiB size field
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("HDF5 name longer than " + MAX_NAME_BYTES + " UTF-8 bytes in " + parent);
        }
    }

    // ------------------------------------------------------------------ layout and writing

    /**
     * Lays out and writes the whole file (creating or truncating it). Does nothing when called
     * again. If writing fails, the partial file is deleted.
     *
     * @throws IOException if the file cannot be written
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        List<Obj> objects = new ArrayList<>();
        collect(root, objects);

        // Strings first: their heap references are part of attribute messages and raw data.
        GlobalHeap heap = new GlobalHeap();
        for (Obj o : objects) {
            for (Map.Entry<String, Value> a : o.attributes.entrySet()) {
                a.getValue().allocateStrings(heap, o.path + " attribute '" + a.getKey() + "'");
            }
            if (o instanceof Dataset d) {
                d.data.allocateStrings(heap, d.path);
            }
        }
        // Header sizes do not depend on any address, so one sweep assigns every address.
        long pos = SUPERBLOCK_SIZE;
        for (Obj o : objects) {
            o.address = pos;
            o.headerSize = headerSize(messages(o));
            pos += o.headerSize;
        }
        pos = heap.layout(pos);
        for (Obj o : objects) {
            // Empty datasets get no storage (undefined address), like the HDF5 library's late allocation.
            if (o instanceof Dataset d && d.data.byteSize() > 0) {
                pos = GlobalHeap.pad8(pos);
                d.dataAddress = pos;
                pos += d.data.byteSize();
            }
        }
        long endOfFile = pos;

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Output out = new Output(ch);
            out.write(superblock(endOfFile, root.address));
            for (Obj o : objects) {
                out.zerosTo(o.address);
                byte[] header = objectHeader(messages(o));
                if (header.length != o.headerSize) {
                    throw new IllegalStateException("object header of " + o.path + " changed size during layout");
                }
                out.write(header);
            }
            heap.write(out);
            for (Obj o : objects) {
                if (o instanceof Dataset d && d.dataAddress != UNDEFINED_ADDRESS) {
                    out.zerosTo(d.dataAddress);
                    d.data.write(out);
                }
            }
            if (out.position() != endOfFile) {
                throw new IllegalStateException("HDF5 layout error: wrote " + out.position() + " bytes, expected " + endOfFile);
            }
            out.flush();
        } catch (Throwable t) {
            // a partial HDF5 file is useless (its superblock points past the end)
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
    }

    private static void collect(Obj o, List<Obj> out) {
        out.add(o);
        if (o instanceof Group g) {
            for (Obj c : g.children.values()) {
                collect(c, out);
            }
        }
    }

    /** Superblock version 2: 8-byte offsets and lengths, no extension, checksum over the first 44 bytes. */
    private static byte[] superblock(long endOfFile, long rootAddress) {
        ByteBuffer b = le(SUPERBLOCK_SIZE);
        b.put(SIGNATURE);
        b.put((byte) 2).put((byte) 8).put((byte) 8).put((byte) 0); // version, size of offsets, size of lengths, flags
        b.putLong(0); // base address
        b.putLong(UNDEFINED_ADDRESS); // superblock extension
        b.putLong(endOfFile);
        b.putLong(rootAddress);
        b.putInt(Lookup3.hash(b.array(), 0, b.position()));
        return b.array();
    }

    /** One object header message. */
    private record Message(int type, int flags, byte[] body) {
    }

    /** The messages of an object's header, in order; sizes never depend on addresses. */
    private static List<Message> messages(Obj o) {
        List<Message> m = new ArrayList<>();
        if (o instanceof Group g) {
            m.add(new Message(MSG_LINK_INFO, 0, linkInfo()));
            m.add(new Message(MSG_GROUP_INFO, 0, groupInfo(g.children.size())));
            for (Map.Entry<String, Obj> e : g.children.entrySet()) {
                m.add(new Message(MSG_LINK, 0, link(e.getKey(), e.getValue().address)));
            }
        } else {
            Dataset d = (Dataset) o;
            m.add(new Message(MSG_DATASPACE, 0, d.data.dataspace()));
            m.add(new Message(MSG_DATATYPE, FLAG_CONSTANT, d.data.type.datatype));
            m.add(new Message(MSG_FILL_VALUE, FLAG_CONSTANT, fillValue()));
            m.add(new Message(MSG_LAYOUT, 0, contiguousLayout(d.dataAddress, d.data.byteSize())));
        }
        for (Map.Entry<String, Value> a : o.attributes.entrySet()) {
            m.add(new Message(MSG_ATTRIBUTE, 0, attribute(a.getKey(), a.getValue())));
        }
        return m;
    }

    private static int headerSize(List<Message> messages) {
        return 4 + 1 + 1 + 4 + chunkSize(messages) + 4; // "OHDR", version, flags, chunk size, messages, checksum
    }

    private static int chunkSize(List<Message> messages) {
        long size = 0;
        for (Message m : messages) {
            size += 4 + m.body.length; // type, size, flags + body
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("object header too large (" + size + " bytes)");
        }
        return (int) size;
    }

    /** Version-2 object header with one chunk: no times, no attribute phase change values, 4-byte chunk size. */
    private static byte[] objectHeader(List<Message> messages) {
        int chunk = chunkSize(messages);
        ByteBuffer b = le(headerSize(messages));
        b.put(new byte[] {'O', 'H', 'D', 'R'}).put((byte) 2);
        b.put((byte) 0x02); // flags: bits 0-1 = 2, the chunk size field is 4 bytes
        b.putInt(chunk);
        for (Message m : messages) {
            if (m.body.length > MAX_MESSAGE_SIZE) {
                throw new IllegalStateException("object header message of " + m.body.length + " bytes");
            }
            b.put((byte) m.type).putShort((short) m.body.length).put((byte) m.flags).put(m.body);
        }
        b.putInt(Lookup3.hash(b.array(), 0, b.position()));
        return b.array();
    }

    /** Link Info, version 0: no creation order; undefined fractal heap and name index = links are compact. */
    private static byte[] linkInfo() {
        return le(18).put((byte) 0).put((byte) 0).putLong(UNDEFINED_ADDRESS).putLong(UNDEFINED_ADDRESS).array();
    }

    /**
     * Group Info, version 0. Readers take the links from the header however many there are, but
     * for a group with more links than the default compact maximum the maximum is stored as the
     * link count, so that the header stays consistent with compact storage.
     */
    private static byte[] groupInfo(int links) {
        if (links <= DEFAULT_MAX_COMPACT_LINKS) {
            return new byte[] {0, 0};
        }
        int maxCompact = Math.min(links, 0xFFFF);
        return le(6).put((byte) 0).put((byte) 0x01) // flags: link phase change values stored
                .putShort((short) maxCompact).putShort((short) DEFAULT_MIN_DENSE_LINKS).array();
    }

    /** Link, version 1: a hard link with a UTF-8 name (1- or 2-byte name length). */
    private static byte[] link(String name, long address) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        boolean wide = n.length > 0xFF;
        ByteBuffer b = le(3 + (wide ? 2 : 1) + n.length + 8);
        b.put((byte) 1);
        b.put((byte) ((wide ? 0x01 : 0x00) | 0x10)); // bits 0-1 name length size, bit 4 character set present
        b.put((byte) 1); // character set UTF-8
        if (wide) {
            b.putShort((short) n.length);
        } else {
            b.put((byte) n.length);
        }
        return b.put(n).putLong(address).array();
    }

    /**
     * Fill Value, version 3: allocation time late, fill value written "if set", fill value not
     * defined by the user (the library default, zeros) - what h5py writes for a plain dataset.
     */
    private static byte[] fillValue() {
        return new byte[] {3, 0x02 | 0x02 << 2};
    }

    /** Data Layout, version 3, contiguous class: address and size of the raw data. */
    private static byte[] contiguousLayout(long address, long size) {
        return le(18).put((byte) 3).put((byte) 1).putLong(address).putLong(size).array();
    }

    private static long attributeMessageSize(String name, Value v) {
        return 9L + name.getBytes(StandardCharsets.UTF_8).length + 1 + v.type.datatype.length + v.dataspace().length
                + v.byteSize();
    }

    /** Attribute, version 3: UTF-8 name (null-terminated), datatype, dataspace, data; no padding. */
    private static byte[] attribute(String name, Value v) {
        byte[] n = (name + '\0').getBytes(StandardCharsets.UTF_8);
        byte[] dt = v.type.datatype;
        byte[] ds = v.dataspace();
        ByteBuffer b = le((int) attributeMessageSize(name, v));
        b.put((byte) 3).put((byte) 0); // version, flags (nothing shared)
        b.putShort((short) n.length).putShort((short) dt.length).putShort((short) ds.length);
        b.put((byte) 1); // name character set UTF-8
        b.put(n).put(dt).put(ds);
        v.put(b);
        return b.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
