package org.scgmvae.core.io.h5ad;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.EnumDataType;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.hdf5.ChunkSource;
import org.scgmvae.core.io.hdf5.Hdf5Writer;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The parts of an input {@code .h5ad} that sc*GMVAE does not read, carried unchanged into the output that annotates its
 * cells: {@code uns} (scanpy's colours, neighbour settings, ...), the cell graphs of {@code obsp}, the gene loadings of
 * {@code varm} and {@code varp}, {@code raw}, and the layers not loaded. Only parts whose rows still match are carried:
 * obsp needs the input's cells in their order (every annotating command keeps them), varm, varp, layers and raw need X's
 * genes (not after {@code --use-raw}, where raw became X). Each object is copied with its attributes; large numeric
 * arrays a slice at a time. What this writer cannot store (compound arrays such as {@code rank_genes_groups}' tables,
 * object references) is named through {@code notes}, never dropped without a word.
 */
public final class CarriedGroups {

    /** Nothing carried (outputs of new cells: flipped, generated). */
    public static final CarriedGroups NONE = new CarriedGroups(null, ReadOptions.defaults(), true, note -> { });

    /** Arrays above this many values are copied a slice at a time, so that memory does not grow with them. */
    static long sliceValues = 1L << 22; // lowered only by tests, to copy small arrays in slices

    private static final String[] CELL_GROUPS = {"uns", "obsp"};
    private static final String[] GENE_GROUPS = {"varm", "varp"};

    private final Path source;
    private final ReadOptions read;
    /** Whether X keeps the input's genes (not after --use-raw): varm, varp, layers and raw still match. */
    private final boolean sameGenes;
    /** Whether raw and the other layers come too (not for an output written without X). */
    private final boolean expression;
    private final Consumer<String> notes;

    private CarriedGroups(Path source, ReadOptions read, boolean expression, Consumer<String> notes) {
        this.source = source;
        this.read = read;
        this.sameGenes = !read.useRaw();
        this.expression = expression;
        this.notes = notes;
    }

    /**
     * Carries from {@code input} read with {@code read} (nothing for inputs other than {@code .h5ad}); {@code notes} hears
     * what could not be carried.
     */
    public static CarriedGroups from(Path input, ReadOptions read, Consumer<String> notes) {
        if (input == null || !input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5ad")) {
            return NONE;
        }
        return new CarriedGroups(input, read, true, notes);
    }

    /** The same without raw and the layers not loaded: for an output that leaves the expression out ({@code --no-x}). */
    public CarriedGroups withoutExpression() {
        return new CarriedGroups(source, read, false, notes);
    }

    boolean carries() {
        return source != null;
    }

    /** The open source file, null when nothing is carried; open before the writer and closed after it (it is read at close). */
    H5adFile open() throws IOException {
        return source == null ? null : H5adFile.open(source);
    }

    /**
     * Into {@code root}: uns, obsp, varm and varp (the source's, or empty dicts where it has none or they no longer match)
     * and raw; into {@code layers} the source's layers not among {@code written}.
     */
    void copy(H5adFile from, Hdf5Writer.Group root, Hdf5Writer.Group layers, Set<String> written) {
        List<String> left = new ArrayList<>();
        for (String g : CELL_GROUPS) {
            copyGroupOrEmpty(from, g, root, true, left);
        }
        for (String g : GENE_GROUPS) {
            copyGroupOrEmpty(from, g, root, sameGenes, left);
        }
        if (expression && sameGenes && from != null && from.child("raw") instanceof Group raw) {
            copyGroup(raw, root.group("raw"), "raw", left);
        }
        if (expression && from != null && from.child("layers") instanceof Group source) {
            for (Map.Entry<String, Node> e : source.getChildren().entrySet()) {
                String as = read.readAs(e.getKey());
                if (!sameGenes || as != null && written.contains(as)) {
                    continue; // written already (the counts layer under 'counts')
                }
                if (written.contains(e.getKey())) {
                    notes.accept("layer '" + e.getKey() + "' of the input is not carried over: the counts of layer '" + read.countsLayer()
                            + "' (--counts-layer) are written under that name");
                } else {
                    copyNode(e.getValue(), layers, e.getKey(), "layers/" + e.getKey(), left);
                }
            }
        }
        if (from != null && !sameGenes) {
            List<String> unmatched = new ArrayList<>();
            for (String g : expression ? new String[] {"varm", "varp", "layers", "raw"} : GENE_GROUPS) {
                if (from.child(g) instanceof Group grp && !grp.getChildren().isEmpty() && !(g.equals("layers")
                        && written.containsAll(grp.getChildren().keySet()))) {
                    unmatched.add(g);
                }
            }
            if (!unmatched.isEmpty()) {
                notes.accept(String.join(", ", unmatched) + " of the input describe X's genes, not raw's (--use-raw): not carried over");
            }
        }
        if (!left.isEmpty()) {
            notes.accept("not carried over from the input (not storable by this writer): " + String.join("; ", left));
        }
    }

    private void copyGroupOrEmpty(H5adFile from, String name, Hdf5Writer.Group root, boolean matches, List<String> left) {
        Hdf5Writer.Group to = root.group(name);
        if (from != null && matches && from.child(name) instanceof Group g) {
            copyGroup(g, to, name, left);
        } else {
            to.attribute("encoding-type", "dict").attribute("encoding-version", "0.1.0");
        }
    }

    private static void copyGroup(Group from, Hdf5Writer.Group to, String where, List<String> left) {
        copyAttributes(from, to, where, left);
        for (Map.Entry<String, Node> e : from.getChildren().entrySet()) {
            copyNode(e.getValue(), to, e.getKey(), where + "/" + e.getKey(), left);
        }
    }

    private static void copyNode(Node node, Hdf5Writer.Group parent, String name, String where, List<String> left) {
        try {
            if (node instanceof Group g) {
                copyGroup(g, parent.group(name), where, left);
            } else if (node instanceof Dataset d) {
                String why = copyDataset(d, parent, name, where, left);
                if (why != null) {
                    left.add(where + " (" + why + ")");
                }
            } else {
                left.add(where + " (a link to another file)");
            }
        } catch (HdfException | IllegalArgumentException | UnsupportedOperationException | ClassCastException e) {
            left.add(where + " (" + e.getMessage() + ")");
        }
    }

    /** Copies {@code d}; returns why it cannot be, or null. */
    private static String copyDataset(Dataset d, Hdf5Writer.Group parent, String name, String where, List<String> left) {
        if (d.isCompound()) {
            return "a compound array";
        }
        Class<?> type = d.getJavaType();
        boolean bools = d.getDataType() instanceof EnumDataType;
        if (d.isScalar()) {
            Object one = oneElement(d.getData(), bools);
            if (one == null) {
                return "a " + type.getSimpleName() + " value";
            }
            copyAttributes(d, parent.scalar(name, one), where, left);
            return null;
        }
        int[] dims = d.getDimensions();
        long[] shape = new long[dims.length];
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[i];
            size *= dims[i];
        }
        Object kind = emptyArray(type, bools);
        if (kind == null) {
            return "elements of type " + type.getSimpleName();
        }
        Hdf5Writer.Dataset out;
        if (size == 0 || d.isEmpty()) {
            out = parent.dataset(name, kind, new long[dims.length == 0 ? 1 : dims.length]);
        } else if (size > sliceValues && dims.length <= 2 && !bools && type != String.class) {
            out = parent.dataset(name, kind, shape, slices(d, dims));
        } else {
            Object flat = d.getDataFlat();
            if (bools) {
                if (!Attributes.isEnumBooleans(flat)) {
                    return "an enum other than numpy's bool";
                }
                flat = Attributes.enumToBooleans((String[]) flat);
            } else if (flat instanceof String[] s && java.util.Arrays.asList(s).contains(null)) {
                return "strings with missing values";
            }
            out = parent.dataset(name, flat, shape);
        }
        copyAttributes(d, out, where, left);
        return null;
    }

    /** A large array handed to the writer a block of leading-dimension rows at a time. */
    private static ChunkSource slices(Dataset d, int[] dims) {
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

    private static void copyAttributes(Node from, Hdf5Writer.Node to, String where, List<String> left) {
        for (Map.Entry<String, Attribute> e : from.getAttributes().entrySet()) {
            Attribute a = e.getValue();
            try {
                Object v = a.isEmpty() ? emptyArray(a.getJavaType(), false) : a.getData();
                if (v instanceof String[] s && a.isScalar()) {
                    v = s[0];
                }
                if (v != null && v.getClass().isArray() && v.getClass().getComponentType().isArray()) {
                    left.add(where + " attribute '" + e.getKey() + "' (a multi-dimensional attribute)");
                    continue;
                }
                to.attribute(e.getKey(), v);
            } catch (HdfException | IllegalArgumentException | UnsupportedOperationException e2) {
                left.add(where + " attribute '" + e.getKey() + "' (" + e2.getMessage() + ")");
            }
        }
    }

    /** A scalar dataset's value as the one-element array the writer takes, or null for a kind it does not store. */
    private static Object oneElement(Object v, boolean bools) {
        if (bools && v instanceof String s) {
            return new boolean[] {"TRUE".equalsIgnoreCase(s)};
        }
        if (v instanceof String s) {
            return new String[] {s};
        }
        Object kind = v == null ? null : emptyArray(v.getClass(), false);
        if (kind == null || kind instanceof String[]) {
            return null;
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
