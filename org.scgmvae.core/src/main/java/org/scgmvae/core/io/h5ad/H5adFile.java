package org.scgmvae.core.io.h5ad;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import org.scgmvae.core.io.DataFileException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/**
 * One open {@code .h5ad} file, checked before jhdf sees it (signature, length), and the primitive reads every part of
 * the reader shares. Every error message names the file and the object.
 */
final class H5adFile implements AutoCloseable {

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    static {
        LzfChunks.register(); // before any file is read: h5py's LZF chunks that jhdf cannot size
    }

    final Path path;
    final HdfFile hdf;

    private H5adFile(Path path, HdfFile hdf) {
        this.path = path;
        this.hdf = hdf;
    }

    static H5adFile open(Path file) throws IOException {
        checkSignature(file);
        checkNotTruncated(file);
        try {
            return new H5adFile(file, new HdfFile(file));
        } catch (HdfException | IllegalArgumentException | ArrayIndexOutOfBoundsException | ClassCastException e) {
            throw corrupt(file, e);
        }
    }

    @Override
    public void close() {
        hdf.close();
    }

    /** A read of the file's structure or data; jhdf's own runtime exceptions become one message about the file. */
    @FunctionalInterface
    interface Read<T> {
        T run() throws IOException;
    }

    <T> T guarded(Read<T> read) throws IOException {
        try {
            return read.run();
        } catch (HdfException | IllegalArgumentException | ArrayIndexOutOfBoundsException | ClassCastException e) {
            // jhdf reports truncated/corrupt structures with its own runtime exceptions.
            throw corrupt(path, e);
        }
    }

    private static DataFileException corrupt(Path file, RuntimeException e) {
        return new DataFileException(file, null, "corrupt or truncated HDF5 file (" + e.getMessage() + ")", e);
    }

    DataFileException error(String where, String message) {
        return new DataFileException(path, where, message);
    }

    DataFileException error(String where, String message, Throwable cause) {
        return new DataFileException(path, where, message, cause);
    }

    private static void checkSignature(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, null, "file not found");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 8);
        }
        if (n < 8 || !Arrays.equals(head, HDF5_SIGNATURE)) {
            throw new DataFileException(file, null, "not an HDF5 file (an .h5ad must start with the HDF5 signature)");
        }
    }

    /**
     * A partially copied/downloaded file otherwise fails somewhere inside jhdf with a message about
     * an internal address (or, worse, only when a dataset beyond the cut is read). The superblock
     * records the file's full length, so truncation can be named up front.
     */
    private static void checkNotTruncated(Path file) throws IOException {
        long end;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Superblock sb = Superblock.readSuperblock(ch, 0);
            end = sb.getBaseAddressByte() + sb.getEndOfFileAddress();
        } catch (HdfException | IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new DataFileException(file, "superblock", "corrupt or truncated HDF5 file header (" + e.getMessage() + ")", e);
        }
        long size = Files.size(file);
        if (end > 0 && size < end) {
            throw new DataFileException(file, null, "truncated HDF5 file: its superblock records " + end
                    + " bytes but only " + size + " are present (incomplete download or copy?)");
        }
    }

    /** The node at a slash-separated path below the root, or null. */
    Node child(String path) {
        Group cur = hdf;
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            Node n = cur.getChildren().get(parts[i]);
            if (n == null || i == parts.length - 1) {
                return n;
            }
            if (!(n instanceof Group ng)) {
                return null;
            }
            cur = ng;
        }
        return null;
    }

    Dataset dataset(Group g, String name, String where) throws DataFileException {
        Node n = g.getChildren().get(name);
        if (!(n instanceof Dataset d)) {
            throw error(where + "/" + name, "missing dataset");
        }
        return d;
    }

    /** A whole dataset as a flat array. */
    Object flat(Dataset d, String where) throws DataFileException {
        try {
            if (d.isEmpty()) {
                return emptyOf(d.getJavaType());
            }
            return d.getDataFlat();
        } catch (HdfException | IllegalArgumentException | UnsupportedOperationException e) {
            throw error(where, "cannot read dataset (" + e.getMessage() + ")", e);
        }
    }

    /** Elements {@code [from, from + length)} of a 1-D dataset; only the chunks that hold them are read. */
    Object slice(Dataset d, long from, int length, String where) throws DataFileException {
        try {
            if (length == 0 || d.isEmpty()) {
                return emptyOf(d.getJavaType());
            }
            return d.getData(new long[] {from}, new int[] {length});
        } catch (HdfException | IllegalArgumentException | UnsupportedOperationException e) {
            throw error(where, "cannot read elements " + from + ".." + (from + length - 1) + " (" + e.getMessage() + ")", e);
        }
    }

    /** Rows {@code [from, from + rows)} of a 2-D dataset, flat in row-major order. */
    Object rows(Dataset d, long from, int rows, String where) throws DataFileException {
        int[] dims = d.getDimensions();
        try {
            if (rows == 0 || d.isEmpty() || dims[1] == 0) {
                return emptyOf(d.getJavaType());
            }
            return ArrayConversions.flattenRows(d.getData(new long[] {from, 0}, new int[] {rows, dims[1]}));
        } catch (HdfException | IllegalArgumentException | UnsupportedOperationException e) {
            throw error(where, "cannot read rows " + from + ".." + (from + rows - 1) + " (" + e.getMessage() + ")", e);
        }
    }

    private static Object emptyOf(Class<?> t) {
        if (t == String.class) {
            return new String[0];
        }
        if (t == float.class || t == Float.class) {
            return new float[0];
        }
        if (t == int.class || t == Integer.class) {
            return new int[0];
        }
        if (t == long.class || t == Long.class) {
            return new long[0];
        }
        return new double[0];
    }

    String[] strings(Dataset d, String where) throws DataFileException {
        Object data = flat(d, where);
        if (data instanceof String[] s) {
            return s;
        }
        if (ArrayConversions.isNumericArray(data)) {
            return Arrays.stream(ArrayConversions.toLongs(data)).mapToObj(Long::toString).toArray(String[]::new);
        }
        throw error(where, "expected strings but found " + d.getJavaType().getSimpleName());
    }

    /**
     * The values of a matrix, which must be numbers (floats, integers; booleans count as 0/1): strings or compound
     * records are valid HDF5 but not expression, and get a message that says what the file holds instead of
     * blaming the file's structure.
     */
    Object numbers(Object data, String where) throws DataFileException {
        if (ArrayConversions.isNumericArray(data) || data instanceof boolean[]) {
            return data;
        }
        String held = data instanceof String[] ? "text (a string dtype)"
                : data instanceof Object[] o && o.length > 0 && o[0] instanceof Map<?, ?> m ? "compound records with fields " + m.keySet()
                : data instanceof Map<?, ?> m ? "compound records with fields " + m.keySet()
                : "values of type " + (data == null ? "unknown" : data.getClass().getSimpleName());
        throw error(where, "holds " + held + ", not numbers; expression matrices must hold floats, integers or "
                + "booleans (in Python: adata.X = adata.X.astype('float32'))");
    }
}
