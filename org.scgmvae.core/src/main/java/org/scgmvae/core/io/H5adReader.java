package org.scgmvae.core.io;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.EnumDataType;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.BooleanColumn;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.data.StringColumn;
import org.scgmvae.core.task.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AnnData {@code .h5ad} files with the pure-Java jhdf library.
 *
 * <p>Supported: X dense or sparse (CSR, CSC, also the pre-0.7 {@code h5sparse_format} form),
 * obs/var in the current encoding ({@code encoding-type} groups, categorical
 * {@code codes}/{@code categories}, nullable integer/boolean), in the 0.7 form with a
 * {@code __categories} group, and in the old compound-dataset form; obsm arrays; layers (the
 * {@code counts} layer is what count-based models use); {@code raw} optionally replaces X.
 */
public final class H5adReader {

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final ReadOptions options;

    public H5adReader(ReadOptions options) {
        this.options = options;
    }

    public H5adReader() {
        this(ReadOptions.defaults());
    }

    public AnnData read(Path file) throws IOException {
        return read(file, Progress.NONE);
    }

    /** As {@link #read(Path)}, reporting each part of the file (X, obs and var, obsm, each layer) and stopping between them. */
    public AnnData read(Path file, Progress progress) throws IOException {
        return open(file, scope -> scope.read(progress));
    }

    /**
     * Cell and gene annotations only (obs, var; X's shape but not its values): what a KNIME reader
     * needs to announce its columns before reading the data. X of the result has no stored values.
     */
    public AnnData readAnnotations(Path file) throws IOException {
        return open(file, FileScope::readAnnotations);
    }

    @FunctionalInterface
    private interface ScopeReader {
        AnnData read(FileScope scope) throws IOException;
    }

    private AnnData open(Path file, ScopeReader reader) throws IOException {
        checkSignature(file);
        checkNotTruncated(file);
        try (HdfFile hdf = new HdfFile(file)) {
            return reader.read(new FileScope(file, hdf));
        } catch (HdfException | IllegalArgumentException | ArrayIndexOutOfBoundsException | ClassCastException e) {
            // jhdf reports truncated/corrupt structures with its own runtime exceptions.
            throw new DataFileException(file, null, "corrupt or truncated HDF5 file (" + e.getMessage() + ")", e);
        }
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

    /** State for one open file; every error message names the file and the object. */
    private final class FileScope {
        private final Path file;
        private final HdfFile hdf;

        FileScope(Path file, HdfFile hdf) {
            this.file = file;
            this.hdf = hdf;
        }

        /** X, or raw/X when raw was requested; fails with the file's path when it is missing. */
        private Node xNode() throws IOException {
            if (options.useRaw() && !hdf.getChildren().containsKey("raw")) {
                throw new DataFileException(file, "/raw", "reading raw was requested but the file has no raw data");
            }
            Node xNode = child(hdf, xPath());
            if (xNode == null) {
                throw new DataFileException(file, "/" + xPath(), "missing X (the expression matrix)");
            }
            return xNode;
        }

        private String xPath() {
            return options.useRaw() ? "raw/X" : "X";
        }

        private String varPath() {
            return options.useRaw() ? "raw/var" : "var";
        }

        AnnData read(Progress progress) throws IOException {
            boolean useRaw = options.useRaw();
            String xPath = xPath();
            progress.step(0, 4, "reading " + file.getFileName() + ": " + xPath);
            ExpressionMatrix x = readMatrix(xNode(), "/" + xPath);
            progress.step(2, 4, "reading " + file.getFileName() + ": obs and var");
            DataFrame obs = readFrame("obs", x.nCells());
            DataFrame var = readFrame(varPath(), x.nGenes());
            if (obs.nRows() != x.nCells()) {
                throw new DataFileException(file, "/obs", "shape mismatch: X has " + x.nCells() + " cells but obs has " + obs.nRows() + " rows");
            }
            if (var.nRows() != x.nGenes()) {
                throw new DataFileException(file, "/" + varPath(), "shape mismatch: X has " + x.nGenes()
                        + " genes but var has " + var.nRows() + " rows");
            }
            if (x.nCells() == 0 || x.nGenes() == 0) {
                throw new DataFileException(file, "/" + xPath, "empty matrix (" + x.nCells() + " cells x " + x.nGenes() + " genes)");
            }
            MatrixChecks.requireFinite(x, file, "/" + xPath, obs.index(), var.index());
            var = GeneNames.checkUnique(var, options.makeGeneNamesUnique(), file, "/" + varPath());
            progress.step(3, 4, "reading " + file.getFileName() + ": obsm and layers");
            Map<String, DenseMatrix> obsm = readObsm(x.nCells());
            Map<String, ExpressionMatrix> layers = new LinkedHashMap<>();
            Node layerGroup = child(hdf, "layers");
            if (!useRaw && layerGroup instanceof Group g) {
                for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                    if (options.layers().contains(e.getKey()) || options.layers().contains("*")) {
                        progress.check();
                        ExpressionMatrix m = readMatrix(e.getValue(), "/layers/" + e.getKey());
                        if (m.nCells() != x.nCells() || m.nGenes() != x.nGenes()) {
                            throw new DataFileException(file, "/layers/" + e.getKey(), "shape mismatch: layer is "
                                    + m.nCells() + " x " + m.nGenes() + " but X is " + x.nCells() + " x " + x.nGenes());
                        }
                        layers.put(e.getKey(), m);
                    }
                }
            }
            progress.step(4, 4, "read " + x.nCells() + " cells x " + x.nGenes() + " genes");
            return new AnnData(x, obs, var, obsm, layers);
        }

        private Node child(Group g, String path) {
            Group cur = g;
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

        // ---------- matrices ----------

        AnnData readAnnotations() throws IOException {
            int[] shape = shape(xNode(), "/" + xPath());
            DataFrame obs = readFrame("obs", shape[0]);
            DataFrame var = GeneNames.checkUnique(readFrame(varPath(), shape[1]), options.makeGeneNamesUnique(), file, "/" + varPath());
            return new AnnData(new CsrMatrix(shape[0], shape[1], new long[shape[0] + 1], new int[0], new float[0]), obs, var);
        }

        private int[] shape(Node node, String where) throws IOException {
            if (node instanceof Dataset d) {
                return d.getDimensions();
            }
            long[] shape = longsAttr((Group) node, "shape");
            if (shape == null) {
                shape = longsAttr((Group) node, "h5sparse_shape");
            }
            if (shape == null || shape.length != 2) {
                throw new DataFileException(file, where, "matrix group without a 2-D shape attribute");
            }
            return new int[] {Math.toIntExact(shape[0]), Math.toIntExact(shape[1])};
        }

        ExpressionMatrix readMatrix(Node node, String where) throws IOException {
            if (node instanceof Dataset d) {
                int[] dims = d.getDimensions();
                if (dims.length != 2) {
                    throw new DataFileException(file, where, "expected a 2-D matrix but found " + dims.length + " dimension(s) " + Arrays.toString(dims));
                }
                Object raw = flat(d, where);
                // numpy's bool is stored by h5py as an HDF5 enum FALSE/TRUE, which reads as names
                float[] values = ArrayConversions.toFloats(d.getDataType() instanceof EnumDataType && raw instanceof String[] names
                        && Arrays.stream(names).allMatch(v -> "TRUE".equalsIgnoreCase(v) || "FALSE".equalsIgnoreCase(v))
                        ? enumToBooleans(names) : numbers(raw, where));
                return new DenseMatrix(dims[0], dims[1], values);
            }
            Group g = (Group) node;
            String enc = stringAttr(g, "encoding-type");
            if (enc == null) {
                enc = stringAttr(g, "h5sparse_format");
                enc = enc == null ? null : enc + "_matrix";
            }
            long[] shape = longsAttr(g, "shape");
            if (shape == null) {
                shape = longsAttr(g, "h5sparse_shape");
            }
            if (enc == null || shape == null || shape.length != 2) {
                throw new DataFileException(file, where, "group is neither a csr_matrix nor a csc_matrix (encoding-type="
                        + enc + ", shape=" + Arrays.toString(shape) + ")");
            }
            float[] data = ArrayConversions.toFloats(numbers(flat(dataset(g, "data", where), where + "/data"), where + "/data"));
            long[] indices = ArrayConversions.toLongs(flat(dataset(g, "indices", where), where + "/indices"));
            long[] indptr = ArrayConversions.toLongs(flat(dataset(g, "indptr", where), where + "/indptr"));
            int rows = Math.toIntExact(shape[0]);
            int cols = Math.toIntExact(shape[1]);
            try {
                return switch (enc) {
                    case "csr_matrix" -> new CsrMatrix(rows, cols, indptr, narrow(indices), data);
                    case "csc_matrix" -> SparseConversions.cscToCsr(rows, cols, indptr, indices, data);
                    default -> throw new DataFileException(file, where, "unsupported matrix encoding '" + enc + "'");
                };
            } catch (IllegalArgumentException e) {
                throw new DataFileException(file, where, "invalid " + enc + ": " + e.getMessage(), e);
            }
        }

        private int[] narrow(long[] a) {
            int[] r = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = (int) a[i];
            }
            return r;
        }

        // ---------- data frames ----------

        DataFrame readFrame(String path, int expectedRows) throws IOException {
            Node node = child(hdf, path);
            String where = "/" + path;
            if (node == null) {
                throw new DataFileException(file, where, "missing " + path + " dataframe");
            }
            if (node instanceof Dataset d && d.isCompound()) {
                return readCompoundFrame(d, where);
            }
            if (!(node instanceof Group g)) {
                throw new DataFileException(file, where, "expected a dataframe group");
            }
            String indexKey = stringAttr(g, "_index");
            if (indexKey == null) {
                indexKey = g.getChildren().containsKey("_index") ? "_index" : "index";
            }
            Node idxNode = g.getChildren().get(indexKey);
            String[] index;
            if (idxNode instanceof Dataset idx) {
                index = strings(idx, where + "/" + indexKey);
            } else {
                index = DataFrame.numbered(expectedRows).index();
            }
            List<String> order = new ArrayList<>();
            String[] colOrder = stringsAttr(g, "column-order");
            if (colOrder != null) {
                order.addAll(Arrays.asList(colOrder));
            } else {
                for (String k : g.getChildren().keySet()) {
                    if (!k.equals(indexKey) && !k.equals("__categories")) {
                        order.add(k);
                    }
                }
            }
            Group legacyCats = g.getChildren().get("__categories") instanceof Group lc ? lc : null;
            LinkedHashMap<String, Column> cols = new LinkedHashMap<>();
            for (String name : order) {
                Node c = g.getChildren().get(name);
                String cw = where + "/" + name;
                if (c == null) {
                    throw new DataFileException(file, cw, "listed in column-order but missing");
                }
                Column col = readColumn(c, cw, legacyCats, name);
                if (col.size() != index.length) {
                    throw new DataFileException(file, cw, "shape mismatch: column has " + col.size()
                            + " rows but the dataframe index has " + index.length);
                }
                cols.put(name, col);
            }
            return new DataFrame(index, cols);
        }

        private Column readColumn(Node c, String where, Group legacyCats, String name) throws IOException {
            if (c instanceof Group cg) {
                String enc = stringAttr(cg, "encoding-type");
                if ("categorical".equals(enc)) {
                    int[] codes = ArrayConversions.toInts(flat(dataset(cg, "codes", where), where + "/codes"));
                    String[] cats = strings(dataset(cg, "categories", where), where + "/categories");
                    Boolean ordered = boolAttr(cg, "ordered");
                    return categorical(codes, cats, ordered != null && ordered, where);
                }
                if ("nullable-integer".equals(enc) || "nullable-boolean".equals(enc)) {
                    Object values = flat(dataset(cg, "values", where), where + "/values");
                    boolean[] mask = toBooleans(flat(dataset(cg, "mask", where), where + "/mask"));
                    double[] v = ArrayConversions.toDoubles(values instanceof String[] s ? enumToBooleans(s) : values);
                    boolean anyMissing = false;
                    for (int i = 0; i < mask.length; i++) {
                        if (mask[i]) {
                            v[i] = Double.NaN;
                            anyMissing = true;
                        }
                    }
                    if ("nullable-boolean".equals(enc) && !anyMissing) {
                        boolean[] b = new boolean[v.length];
                        for (int i = 0; i < v.length; i++) {
                            b[i] = v[i] != 0;
                        }
                        return new BooleanColumn(b);
                    }
                    return new NumericColumn(v, true);
                }
                throw new DataFileException(file, where, "unsupported column encoding '" + enc + "'");
            }
            Dataset d = (Dataset) c;
            if (d.getDataType() instanceof EnumDataType) {
                return new BooleanColumn(toBooleans(enumToBooleans(strings(d, where))));
            }
            Object data = flat(d, where);
            if (data instanceof String[] s) {
                return new StringColumn(s);
            }
            if (data instanceof boolean[] b) {
                return new BooleanColumn(b);
            }
            if (legacyCats != null && legacyCats.getChildren().get(name) instanceof Dataset catDs) {
                return categorical(ArrayConversions.toInts(data), strings(catDs, "/__categories/" + name), false, where);
            }
            if (ArrayConversions.isNumericArray(data)) {
                return new NumericColumn(ArrayConversions.toDoubles(data), ArrayConversions.isIntegerArray(data));
            }
            throw new DataFileException(file, where, "unsupported column type " + d.getJavaType().getSimpleName());
        }

        private CategoricalColumn categorical(int[] codes, String[] cats, boolean ordered, String where) throws DataFileException {
            try {
                return new CategoricalColumn(codes, Arrays.asList(cats), ordered);
            } catch (IllegalArgumentException e) {
                throw new DataFileException(file, where, "invalid categorical column: " + e.getMessage(), e);
            }
        }

        /** anndata < 0.7 stored obs/var as one compound dataset; categories lived in uns. */
        private DataFrame readCompoundFrame(Dataset d, String where) throws IOException {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) d.getData();
            Object idx = fields.get("index");
            if (idx == null) {
                throw new DataFileException(file, where, "compound dataframe without an 'index' field");
            }
            String[] index = idx instanceof String[] s ? s : Arrays.stream(ArrayConversions.toLongs(idx)).mapToObj(Long::toString).toArray(String[]::new);
            LinkedHashMap<String, Column> cols = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (e.getKey().equals("index")) {
                    continue;
                }
                Object v = e.getValue();
                Node cats = child(hdf, "uns/" + e.getKey() + "_categories");
                if (v instanceof String[] s) {
                    cols.put(e.getKey(), new StringColumn(s));
                } else if (cats instanceof Dataset catDs) {
                    cols.put(e.getKey(), categorical(ArrayConversions.toInts(v), strings(catDs, "/uns/" + e.getKey() + "_categories"), false, where + "/" + e.getKey()));
                } else if (ArrayConversions.isNumericArray(v)) {
                    cols.put(e.getKey(), new NumericColumn(ArrayConversions.toDoubles(v), ArrayConversions.isIntegerArray(v)));
                }
            }
            return new DataFrame(index, cols);
        }

        // ---------- obsm ----------

        private Map<String, DenseMatrix> readObsm(int nCells) throws IOException {
            Map<String, DenseMatrix> obsm = new LinkedHashMap<>();
            if (child(hdf, "obsm") instanceof Group g) {
                for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                    String where = "/obsm/" + e.getKey();
                    if (e.getValue() instanceof Dataset d && d.getDimensions().length == 2 && !d.isCompound()) {
                        Object data = flat(d, where);
                        if (!ArrayConversions.isNumericArray(data)) {
                            continue;
                        }
                        int[] dims = d.getDimensions();
                        if (dims[0] != nCells) {
                            throw new DataFileException(file, where, "shape mismatch: has " + dims[0] + " rows but X has " + nCells + " cells");
                        }
                        obsm.put(e.getKey(), new DenseMatrix(dims[0], dims[1], ArrayConversions.toFloats(data)));
                    }
                    // Data frames and sparse matrices in obsm are skipped: nothing downstream uses them.
                }
            }
            return obsm;
        }

        // ---------- primitives ----------

        private Dataset dataset(Group g, String name, String where) throws DataFileException {
            Node n = g.getChildren().get(name);
            if (!(n instanceof Dataset d)) {
                throw new DataFileException(file, where + "/" + name, "missing dataset");
            }
            return d;
        }

        /**
         * The values of a matrix, which must be numbers (floats, integers; booleans count as 0/1): strings or compound
         * records are valid HDF5 but not expression, and get a message that says what the file holds instead of
         * blaming the file's structure.
         */
        private Object numbers(Object data, String where) throws DataFileException {
            if (ArrayConversions.isNumericArray(data) || data instanceof boolean[]) {
                return data;
            }
            String held = data instanceof String[] ? "text (a string dtype)"
                    : data instanceof Object[] o && o.length > 0 && o[0] instanceof java.util.Map<?, ?> m ? "compound records with fields " + m.keySet()
                    : data instanceof java.util.Map<?, ?> m ? "compound records with fields " + m.keySet()
                    : "values of type " + (data == null ? "unknown" : data.getClass().getSimpleName());
            throw new DataFileException(file, where, "holds " + held + ", not numbers; expression matrices must hold floats, integers or "
                    + "booleans (in Python: adata.X = adata.X.astype('float32'))");
        }

        private Object flat(Dataset d, String where) throws DataFileException {
            try {
                if (d.isEmpty()) {
                    return emptyOf(d.getJavaType());
                }
                return d.getDataFlat();
            } catch (HdfException | IllegalArgumentException | UnsupportedOperationException e) {
                throw new DataFileException(file, where, "cannot read dataset (" + e.getMessage() + ")", e);
            }
        }

        private Object emptyOf(Class<?> t) {
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

        private String[] strings(Dataset d, String where) throws DataFileException {
            Object data = flat(d, where);
            if (data instanceof String[] s) {
                return s;
            }
            if (ArrayConversions.isNumericArray(data)) {
                return Arrays.stream(ArrayConversions.toLongs(data)).mapToObj(Long::toString).toArray(String[]::new);
            }
            throw new DataFileException(file, where, "expected strings but found " + d.getJavaType().getSimpleName());
        }
    }

    // ---------- attributes ----------

    static String stringAttr(Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof String[] s && s.length == 1) {
            return s[0];
        }
        return null;
    }

    static String[] stringsAttr(Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        if (a.isEmpty()) {
            return new String[0];
        }
        Object v = a.getData();
        if (v instanceof String[] s) {
            return s;
        }
        if (v instanceof String s) {
            return new String[] {s};
        }
        return null;
    }

    static long[] longsAttr(Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v instanceof Number num) {
            return new long[] {num.longValue()};
        }
        return ArrayConversions.isNumericArray(v) ? ArrayConversions.toLongs(v) : null;
    }

    static Boolean boolAttr(Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return "TRUE".equalsIgnoreCase(s);
        }
        if (v instanceof Number num) {
            return num.longValue() != 0;
        }
        if (v instanceof boolean[] b && b.length == 1) {
            return b[0];
        }
        return null;
    }

    private static Object enumToBooleans(String[] names) {
        boolean[] b = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            b[i] = "TRUE".equalsIgnoreCase(names[i]);
        }
        return b;
    }

    private static boolean[] toBooleans(Object a) {
        if (a instanceof boolean[] b) {
            return b;
        }
        if (a instanceof String[] s) {
            return (boolean[]) enumToBooleans(s);
        }
        long[] l = ArrayConversions.toLongs(a);
        boolean[] b = new boolean[l.length];
        for (int i = 0; i < l.length; i++) {
            b[i] = l[i] != 0;
        }
        return b;
    }
}
