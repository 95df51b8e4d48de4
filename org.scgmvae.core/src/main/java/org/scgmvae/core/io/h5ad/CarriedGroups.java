package org.scgmvae.core.io.h5ad;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.Reference;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.hdf5.ChunkSource;
import org.scgmvae.core.io.hdf5.Hdf5Writer;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The parts of an input {@code .h5ad} that sc*GMVAE does not read, carried into the output that annotates its cells:
 * {@code uns} (scanpy's colours, neighbour settings, ...), the cell graphs of {@code obsp}, the gene loadings of {@code
 * varm} and {@code varp}, {@code raw}, and the layers not loaded. Only parts whose rows still match are carried: obsp needs
 * the input's cells in their order (every annotating command keeps them), varm, varp, layers and raw need X's genes (not
 * after {@code --use-raw}, where raw became X). Values are kept; unsigned integers are widened to the next signed type and
 * fixed-length strings become variable-length ones (the kinds this writer stores). Numeric arrays are read while the
 * output is written, a slice at a time, so memory does not grow with them. An entry holding anything this writer cannot
 * store (numpy record arrays such as {@code rank_genes_groups}' tables, object references) is left out whole, not half, and
 * named through {@code notes}; so are the colours of an obs column this run writes anew. anndata's old category lists
 * ({@code uns['<column>_categories']}) are not carried: the reader turned them into the columns' own categories.
 */
public final class CarriedGroups {

    /** Nothing carried (outputs of new cells: flipped, generated). */
    public static final CarriedGroups NONE = new CarriedGroups(null, ReadOptions.defaults(), true, Set.of(), note -> { });

    /** Numeric arrays are handed to the writer in slices of about this many values. */
    static long sliceValues = 1L << 22; // lowered only by tests, to copy small arrays in slices

    private static final String[] GENE_GROUPS = {"varm", "varp"};

    private final Path source;
    private final ReadOptions read;
    /** Whether raw and the other layers come too (not for an output written without X). */
    private final boolean expression;
    /** obs columns this run writes anew: their uns colours no longer fit them. */
    private final Set<String> replaced;
    private final Consumer<String> notes;

    private CarriedGroups(Path source, ReadOptions read, boolean expression, Set<String> replaced, Consumer<String> notes) {
        this.source = source;
        this.read = read;
        this.expression = expression;
        this.replaced = Set.copyOf(replaced);
        this.notes = notes;
    }

    /**
     * Carries from {@code input} read with {@code read} (nothing for inputs other than {@code .h5ad}); {@code notes} hears
     * what is left out.
     */
    public static CarriedGroups from(Path input, ReadOptions read, Consumer<String> notes) {
        if (input == null || !input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5ad")) {
            return NONE;
        }
        return new CarriedGroups(input, read, true, Set.of(), notes);
    }

    /** The same without raw and the layers not loaded: for an output that leaves the expression out ({@code --no-x}). */
    public CarriedGroups withoutExpression() {
        return new CarriedGroups(source, read, false, replaced, notes);
    }

    /** The same for a run that writes the obs {@code columns} anew (their uns colours are left out). */
    public CarriedGroups replacing(Collection<String> columns) {
        return new CarriedGroups(source, read, expression, Set.copyOf(columns), notes);
    }

    /** The open source file, null when nothing is carried; open before the writer and closed after it (it is read at close). */
    H5adFile open() throws IOException {
        return source == null ? null : H5adFile.open(source);
    }

    /** The name a loaded layer is written under: the counts keep the name of the layer they were read from. */
    String outputName(String layer) {
        return source != null && layer.equals(ReadOptions.COUNTS) && !read.countsLayer().equals(ReadOptions.COUNTS) ? read.countsLayer() : layer;
    }

    /**
     * Into {@code root}: uns, obsp, varm and varp (the source's entries, or empty dicts where it has none or they no longer
     * match) and raw; into {@code layers} the source's layers not among {@code written} (names in the output).
     */
    void copy(H5adFile from, Hdf5Writer.Group root, Hdf5Writer.Group layers, Set<String> written) {
        List<String> left = new ArrayList<>();
        boolean sameGenes = !read.useRaw();
        Hdf5Writer.Group uns = dict(root, "uns");
        Hdf5Writer.Group obsp = dict(root, "obsp");
        if (from != null && from.child("uns") instanceof Group g) {
            copyUns(from, g, uns, obsp, left);
        }
        copyEntries(from, "obsp", obsp, left);
        for (String g : GENE_GROUPS) {
            Hdf5Writer.Group to = dict(root, g);
            if (sameGenes) {
                copyEntries(from, g, to, left);
            }
        }
        if (expression && sameGenes && from != null && from.child("raw") instanceof Group raw) {
            copyEntry(raw, root, "raw", "raw", left);
        } else if (expression && sameGenes && from != null && from.child("raw.X") != null) {
            left.add("raw (in anndata 0.6's layout, raw.X and raw.var)");
        }
        if (expression && sameGenes && from != null && from.child("layers") instanceof Group source) {
            for (Map.Entry<String, Node> e : source.getChildren().entrySet()) {
                if (!written.contains(e.getKey())) {
                    copyEntry(e.getValue(), layers, e.getKey(), "layers/" + e.getKey(), left);
                }
            }
        }
        if (from != null && !sameGenes) {
            noteUnmatched(from);
        }
        if (!left.isEmpty()) {
            notes.accept("left out of the output: " + String.join("; ", left));
        }
    }

    /**
     * uns entry by entry: anndata 0.6's category lists are not carried (the columns hold them), nor the colours of a column
     * this run writes anew; scanpy's neighbours as {@link #copyNeighbours} says.
     */
    private void copyUns(H5adFile from, Group source, Hdf5Writer.Group uns, Hdf5Writer.Group obsp, List<String> left) {
        Set<String> legacy = legacyCategoricalFields(from);
        for (Map.Entry<String, Node> e : source.getChildren().entrySet()) {
            String name = e.getKey();
            if (name.endsWith("_categories") && legacy.contains(name.substring(0, name.length() - "_categories".length()))) {
                continue;
            }
            if (name.endsWith("_colors") && replaced.contains(name.substring(0, name.length() - "_colors".length()))) {
                left.add("uns/" + name + " (obs '" + name.substring(0, name.length() - "_colors".length()) + "' is written anew by this run)");
                continue;
            }
            if (name.equals("neighbors") && e.getValue() instanceof Group neighbours) {
                copyNeighbours(from, neighbours, uns, obsp, left);
            } else {
                copyEntry(e.getValue(), uns, name, "uns/" + name, left);
            }
        }
    }

    /** After --use-raw: says which of the input's parts describe X's genes and are therefore not carried. */
    private void noteUnmatched(H5adFile from) {
        List<String> unmatched = new ArrayList<>();
        for (String g : expression ? new String[] {"varm", "varp", "layers", "raw"} : GENE_GROUPS) {
            if (from.child(g) instanceof Group grp && !grp.getChildren().isEmpty()) {
                unmatched.add(g);
            }
        }
        if (!unmatched.isEmpty()) {
            notes.accept(String.join(", ", unmatched) + " of the input describe X's genes, not raw's (--use-raw): not carried over");
        }
    }

    /**
     * scanpy's neighbours: its settings stay in uns; graphs that older files kept beside them ({@code distances},
     * {@code connectivities}) go to obsp, where anndata 0.7+ moves them when it reads such a file, unless obsp has them.
     */
    private static void copyNeighbours(H5adFile from, Group neighbours, Hdf5Writer.Group uns, Hdf5Writer.Group obsp, List<String> left) {
        Set<String> graphs = Set.of("distances", "connectivities");
        if (neighbours.getChildren().keySet().stream().noneMatch(graphs::contains)) {
            copyEntry(neighbours, uns, "neighbors", "uns/neighbors", left);
            return;
        }
        Hdf5Writer.Group to = uns.group("neighbors");
        copyAttributes(neighbours, to);
        encodingOfOldFiles(neighbours, to);
        for (Map.Entry<String, Node> e : neighbours.getChildren().entrySet()) {
            if (!graphs.contains(e.getKey())) {
                copyEntry(e.getValue(), to, e.getKey(), "uns/neighbors/" + e.getKey(), left);
            } else if (!(from.child("obsp/" + e.getKey()) instanceof Node)) {
                copyEntry(e.getValue(), obsp, e.getKey(), "uns/neighbors/" + e.getKey(), left);
            }
        }
    }

    /** An empty dict {@code name} under {@code root}, as anndata writes uns, obsp, varm and varp. */
    private static Hdf5Writer.Group dict(Hdf5Writer.Group root, String name) {
        return root.group(name).attribute("encoding-type", "dict").attribute("encoding-version", "0.1.0");
    }

    private static void copyEntries(H5adFile from, String group, Hdf5Writer.Group to, List<String> left) {
        if (from != null && from.child(group) instanceof Group g) {
            for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                copyEntry(e.getValue(), to, e.getKey(), group + "/" + e.getKey(), left);
            }
        }
    }

    /**
     * anndata 0.6 wrote obs and var as record arrays, a categorical column as integer codes among their fields and its
     * categories in {@code uns['<column>_categories']}; the reader turns them into the columns' own categories. The fields
     * of such record arrays (none for current files).
     */
    private static Set<String> legacyCategoricalFields(H5adFile from) {
        Set<String> fields = new java.util.HashSet<>();
        for (String frame : new String[] {"obs", "var"}) {
            if (from.child(frame) instanceof Dataset d && d.isCompound()) {
                ((Map<?, ?>) d.getData()).keySet().forEach(k -> fields.add(String.valueOf(k)));
            }
        }
        return fields;
    }

    /** Copies {@code node} as {@code name} of {@code parent}, or leaves it out whole (named in {@code left}) when any part cannot be. */
    private static void copyEntry(Node node, Hdf5Writer.Group parent, String name, String where, List<String> left) {
        try {
            String why = unstorable(node, where);
            if (why != null) {
                left.add(entryNote(where, why));
                return;
            }
            copyNode(node, parent, name, where);
        } catch (HdfException | IllegalArgumentException | UnsupportedOperationException | ClassCastException e) {
            left.add(where + " (" + e.getMessage() + ")");
        }
    }

    /** The entry left out and why: "uns/rank_genes_groups (its names: a numpy record array)" for a part's "path (reason)". */
    private static String entryNote(String entry, String why) {
        if (why.startsWith(entry + " (")) {
            return why;
        }
        String part = why.substring(entry.length() + 1);
        int open = part.indexOf(" (");
        return entry + " (its " + part.substring(0, open) + ": " + part.substring(open + 2, part.length() - 1) + ")";
    }

    /** Why some part of {@code node} cannot be stored by this writer ("path (reason)"), or null. */
    private static String unstorable(Node node, String where) {
        for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
            Attribute a = e.getValue();
            if (a.getDimensions().length > 1 || a.getDataType() instanceof Reference
                    || emptyArray(a.getJavaType(), a.getDataType() instanceof EnumDataType) == null) {
                return where + " (attribute '" + e.getKey() + "' of a kind this writer does not store)";
            }
        }
        if (node instanceof Group g) {
            for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                String why = unstorable(e.getValue(), where + "/" + e.getKey());
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
        if (!(node instanceof Dataset d)) {
            return where + " (a link)";
        }
        if (d.isCompound()) {
            return where + " (a numpy record array)";
        }
        if (d.getDataType() instanceof Reference) {
            return where + " (an HDF5 object reference)";
        }
        boolean bools = d.getDataType() instanceof EnumDataType;
        if (emptyArray(d.getJavaType(), bools) == null) {
            return where + " (elements of type " + d.getJavaType().getSimpleName() + ")";
        }
        if ((bools || d.getJavaType() == String.class) && !d.isScalar() && !d.isEmpty()) {
            Object flat = d.getDataFlat();
            if (bools && !Attributes.isEnumBooleans(flat)) {
                return where + " (an enum other than numpy's bool)";
            }
            if (flat instanceof String[] s && java.util.Arrays.asList(s).contains(null)) {
                return where + " (strings with missing values)";
            }
        }
        if (d.isEmpty() && (bools || d.getJavaType() == String.class) && d.getSize() > 0) {
            return where + " (never written)";
        }
        return null;
    }

    private static void copyNode(Node node, Hdf5Writer.Group parent, String name, String where) {
        if (node instanceof Group g) {
            Hdf5Writer.Group to = parent.group(name);
            copyAttributes(g, to);
            encodingOfOldFiles(g, to);
            for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                copyNode(e.getValue(), to, e.getKey(), where + "/" + e.getKey());
            }
        } else {
            Hdf5Writer.Dataset to = copyDataset((Dataset) node, parent, name);
            copyAttributes(node, to);
            encodingOfOldFiles(node, to);
        }
    }

    /**
     * The encoding anndata 0.8+ tags every element with, for an element of an older file that has none (scGen's Kang file
     * was written by anndata 0.6): the output says it is a current file, where anndata would warn about each untagged one.
     */
    private static void encodingOfOldFiles(Node from, Hdf5Writer.Node to) {
        if (from.getAttributes().containsKey("encoding-type")) {
            return;
        }
        if (from instanceof Dataset d) {
            boolean text = d.getJavaType() == String.class;
            to.attribute("encoding-type", d.isScalar() ? (text ? "string" : "numeric-scalar") : text ? "string-array" : "array");
            to.attribute("encoding-version", "0.2.0");
        } else if (Attributes.string(from, "h5sparse_format") != null) {
            // anndata 0.6's sparse matrices
            to.attribute("encoding-type", Attributes.string(from, "h5sparse_format") + "_matrix").attribute("encoding-version", "0.1.0");
            long[] shape = Attributes.longs(from, "h5sparse_shape");
            if (shape != null) {
                to.attribute("shape", shape);
            }
        } else {
            to.attribute("encoding-type", "dict").attribute("encoding-version", "0.1.0");
        }
    }

    private static Hdf5Writer.Dataset copyDataset(Dataset d, Hdf5Writer.Group parent, String name) {
        boolean bools = d.getDataType() instanceof EnumDataType;
        Object kind = emptyArray(d.getJavaType(), bools);
        if (d.isScalar()) {
            return parent.scalar(name, oneElement(d.getData(), bools, kind));
        }
        int[] dims = d.getDimensions();
        long[] shape = new long[dims.length];
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[i];
            size *= dims[i];
        }
        if (size == 0) {
            return parent.dataset(name, kind, shape);
        }
        if (bools) {
            return parent.dataset(name, Attributes.enumToBooleans((String[]) d.getDataFlat()), shape);
        }
        if (kind instanceof String[]) {
            return parent.dataset(name, d.getDataFlat(), shape);
        }
        // numbers are read while the output is written, a slice at a time (zeros where the array was never written)
        return parent.dataset(name, kind, shape, d.isEmpty() ? zeros(kind, size) : slices(d, dims));
    }

    /**
     * A numeric array handed to the writer a block of leading rows at a time (one piece above two dimensions); a read that
     * fails names the input's element (the output is then not written).
     */
    private static ChunkSource slices(Dataset d, int[] dims) {
        ChunkSource pieces = pieces(d, dims);
        return () -> {
            try {
                return pieces.next();
            } catch (HdfException | IllegalArgumentException | UnsupportedOperationException e) {
                throw new IOException("cannot read " + d.getPath() + " of " + d.getFile().getName() + " to carry it into the output ("
                        + e.getMessage() + "); the input's element is damaged", e);
            }
        };
    }

    private static ChunkSource pieces(Dataset d, int[] dims) {
        if (dims.length > 2) {
            boolean[] done = {false};
            return () -> {
                if (done[0]) {
                    return null;
                }
                done[0] = true;
                return d.getDataFlat();
            };
        }
        long rowValues = dims.length == 2 ? Math.max(1, dims[1]) : 1;
        int rowsPerSlice = (int) Math.max(1, sliceValues / rowValues);
        long[] next = {0};
        return () -> {
            if (next[0] >= dims[0]) {
                return null;
            }
            int rows = (int) Math.min(rowsPerSlice, dims[0] - next[0]);
            Object piece = dims.length == 2 ? ArrayConversions.flattenRows(d.getData(new long[] {next[0], 0}, new int[] {rows, dims[1]}))
                    : d.getData(new long[] {next[0]}, new int[] {rows});
            next[0] += rows;
            return piece;
        };
    }

    /** {@code size} zeros of {@code kind}'s type (HDF5's fill value of an array never written), in slices. */
    private static ChunkSource zeros(Object kind, long size) {
        long[] left = {size};
        return () -> {
            if (left[0] == 0) {
                return null;
            }
            int n = (int) Math.min(left[0], sliceValues);
            left[0] -= n;
            return Array.newInstance(kind.getClass().getComponentType(), n);
        };
    }

    private static void copyAttributes(Node from, Hdf5Writer.Node to) {
        for (Map.Entry<String, Attribute> e : from.getAttributes().entrySet()) {
            Attribute a = e.getValue();
            boolean bools = a.getDataType() instanceof EnumDataType;
            Object v = a.isEmpty() ? emptyArray(a.getJavaType(), bools) : a.getData();
            if (bools && v instanceof String s) {
                v = "TRUE".equalsIgnoreCase(s); // numpy's bool, read by jhdf as the enum's names
            } else if (bools && v instanceof String[] s) {
                v = Attributes.enumToBooleans(s);
            }
            if (a.isScalar() && v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
                v = Array.get(v, 0);
            }
            to.attribute(e.getKey(), v);
        }
    }

    /** A scalar dataset's value as the one-element array the writer takes. */
    private static Object oneElement(Object v, boolean bools, Object kind) {
        if (bools) {
            return new boolean[] {"TRUE".equalsIgnoreCase(String.valueOf(v))};
        }
        Object one = Array.newInstance(kind.getClass().getComponentType(), 1);
        Array.set(one, 0, v);
        return one;
    }

    /** An empty array of the writer's element kind for jhdf's element type, or null where the writer has none. */
    private static Object emptyArray(Class<?> type, boolean bools) {
        if (bools || type == boolean.class || type == Boolean.class) {
            return new boolean[0];
        } else if (type == float.class || type == Float.class) {
            return new float[0];
        } else if (type == double.class || type == Double.class) {
            return new double[0];
        } else if (type == byte.class || type == Byte.class) {
            return new byte[0];
        } else if (type == short.class || type == Short.class) {
            return new short[0];
        } else if (type == int.class || type == Integer.class) {
            return new int[0];
        } else if (type == long.class || type == Long.class) {
            return new long[0];
        } else if (type == String.class) {
            return new String[0];
        }
        return null;
    }
}
