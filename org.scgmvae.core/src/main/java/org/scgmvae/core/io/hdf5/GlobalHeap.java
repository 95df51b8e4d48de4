package org.scgmvae.core.io.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Global heap collections ("GCOL", HDF5 File Format Specification III.E) holding the bytes of
 * variable-length strings. Strings are appended in order; collections are closed at
 * {@link #MAX_PAYLOAD} bytes or {@link #MAX_OBJECTS} objects, so no single collection grows
 * beyond what the HDF5 library comfortably caches (it reads a whole collection at once).
 */
final class GlobalHeap {

    /** The HDF5 library never creates (and speculatively reads) collections smaller than this. */
    static final int MIN_COLLECTION_SIZE = 4096;
    /** Heap object indices are 16-bit and 0 is the free-space object. */
    static final int MAX_OBJECTS = 65535;
    static final long MAX_PAYLOAD = 1L << 20;
    private static final int COLLECTION_HEADER = 16; // "GCOL", version, reserved, collection size
    private static final int OBJECT_HEADER = 16; // index, reference count, reserved, object size

    /** One collection; its address is set by {@link #layout(long)}. */
    static final class Collection {
        final List<byte[]> objects = new ArrayList<>();
        long used = COLLECTION_HEADER;
        long address = -1;

        /**
         * Total size. There is always a trailing free-space object (index 0) of at least its own
         * 16-byte header, padding the collection to the minimum size where needed.
         */
        long size() {
            return Math.max(MIN_COLLECTION_SIZE, used + OBJECT_HEADER);
        }
    }

    /** Heap references of a string array's elements. */
    static final class Refs {
        final Collection[] collection;
        final int[] index;
        final int[] byteLength;

        Refs(int n) {
            collection = new Collection[n];
            index = new int[n];
            byteLength = new int[n];
        }

        /** Puts element {@code i}'s 16-byte reference: byte length, collection address, object index. */
        void put(ByteBuffer b, int i) {
            // Before layout the address is still -1; the header-sizing pass only needs the size.
            b.putInt(byteLength[i]).putLong(collection[i].address).putInt(index[i]);
        }
    }

    private final List<Collection> collections = new ArrayList<>();

    /** Stores every string of {@code strings} (UTF-8, no terminator, as h5py does). */
    Refs add(String[] strings, String where) {
        Refs refs = new Refs(strings.length);
        for (int i = 0; i < strings.length; i++) {
            if (strings[i] == null) {
                throw new IllegalArgumentException(where + ": element " + i + " is null; HDF5 strings cannot be null");
            }
            byte[] bytes = strings[i].getBytes(StandardCharsets.UTF_8);
            long need = OBJECT_HEADER + pad8(bytes.length);
            Collection c = collections.isEmpty() ? null : collections.get(collections.size() - 1);
            if (c == null || c.objects.size() >= MAX_OBJECTS || (c.used + need > MAX_PAYLOAD && !c.objects.isEmpty())) {
                c = new Collection();
                collections.add(c);
            }
            c.objects.add(bytes);
            c.used += need;
            refs.collection[i] = c;
            refs.index[i] = c.objects.size(); // indices start at 1
            refs.byteLength[i] = bytes.length;
        }
        return refs;
    }

    List<Collection> collections() {
        return collections;
    }

    /** Assigns addresses to all collections from {@code position} on; returns the end. */
    long layout(long position) {
        long pos = position;
        for (Collection c : collections) {
            pos = pad8(pos);
            c.address = pos;
            pos += c.size();
        }
        return pos;
    }

    /** Writes the collections at their addresses. */
    void write(Output out) throws IOException {
        for (Collection c : collections) {
            out.zerosTo(c.address);
            long size = c.size();
            out.room(COLLECTION_HEADER).put(new byte[] {'G', 'C', 'O', 'L', 1, 0, 0, 0}).putLong(size);
            int index = 1;
            for (byte[] o : c.objects) {
                // reference count 1: each object is referenced by exactly one dataset element
                out.room(OBJECT_HEADER).putShort((short) index++).putShort((short) 1).putInt(0).putLong(o.length);
                out.write(o);
                out.zeros(pad8(o.length) - o.length);
            }
            // Free space: object 0, whose size counts its own header (as the HDF5 library reads it).
            long free = size - c.used;
            out.room(OBJECT_HEADER).putShort((short) 0).putShort((short) 0).putInt(0).putLong(free);
            out.zeros(free - OBJECT_HEADER);
        }
    }

    static long pad8(long n) {
        return (n + 7) & ~7L;
    }
}
