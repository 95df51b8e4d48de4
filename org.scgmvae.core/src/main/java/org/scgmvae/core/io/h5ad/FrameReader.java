package org.scgmvae.core.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.EnumDataType;
import org.scgmvae.core.data.BooleanColumn;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.data.StringColumn;
import org.scgmvae.core.io.DataFileException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * obs / var data frames (the current encoding with {@code encoding-type} groups, categorical {@code codes}/{@code
 * categories}, nullable integer/boolean, and the nullable string arrays anndata 0.11+ writes for pandas' string dtype, the
 * index included; the 0.7 form with a {@code __categories} group; the old compound-dataset form) and the numeric arrays
 * of obsm.
 */
final class FrameReader {

    private final H5adFile f;

    FrameReader(H5adFile f) {
        this.f = f;
    }

    DataFrame read(String path, int expectedRows) throws IOException {
        Node node = f.child(path);
        String where = "/" + path;
        if (node == null) {
            throw f.error(where, "missing " + path + " dataframe");
        }
        if (node instanceof Dataset d && d.isCompound()) {
            return readCompound(d, where);
        }
        if (!(node instanceof Group g)) {
            throw f.error(where, "expected a dataframe group");
        }
        String indexKey = Attributes.string(g, "_index");
        if (indexKey == null) {
            indexKey = g.getChildren().containsKey("_index") ? "_index" : "index";
        }
        Node idxNode = g.getChildren().get(indexKey);
        if (idxNode == null && expectedRows < 0) {
            throw f.error(where, "dataframe without an index, and no X to give its number of rows");
        }
        String[] index = idxNode != null ? names(idxNode, where + "/" + indexKey) : DataFrame.numbered(expectedRows).index();
        List<String> order = new ArrayList<>();
        String[] colOrder = Attributes.strings(g, "column-order");
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
                throw f.error(cw, "listed in column-order but missing");
            }
            Column col = readColumn(c, cw, legacyCats, name);
            if (col.size() != index.length) {
                throw f.error(cw, "shape mismatch: column has " + col.size() + " rows but the dataframe index has " + index.length);
            }
            cols.put(name, col);
        }
        return new DataFrame(index, cols);
    }

    private Column readColumn(Node c, String where, Group legacyCats, String name) throws IOException {
        if (c instanceof Group cg) {
            String enc = Attributes.string(cg, "encoding-type");
            if ("categorical".equals(enc)) {
                int[] codes = ArrayConversions.toInts(f.flat(f.dataset(cg, "codes", where), where + "/codes"));
                Node catNode = cg.getChildren().get("categories");
                if (catNode == null) {
                    throw f.error(where + "/categories", "missing dataset");
                }
                String[] cats = names(catNode, where + "/categories");
                Boolean ordered = Attributes.bool(cg, "ordered");
                return categorical(codes, cats, ordered != null && ordered, where);
            }
            if ("nullable-integer".equals(enc) || "nullable-boolean".equals(enc)) {
                Object values = f.flat(f.dataset(cg, "values", where), where + "/values");
                boolean[] mask = Attributes.toBooleans(f.flat(f.dataset(cg, "mask", where), where + "/mask"));
                double[] v = ArrayConversions.toDoubles(values instanceof String[] s ? Attributes.enumToBooleans(s) : values);
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
            if (NULLABLE_STRINGS.equals(enc)) {
                return new StringColumn(strings(cg, where));
            }
            throw f.error(where, "unsupported column encoding '" + enc + "'");
        }
        Dataset d = (Dataset) c;
        if (d.getDataType() instanceof EnumDataType) {
            return new BooleanColumn(Attributes.enumToBooleans(f.strings(d, where)));
        }
        Object data = f.flat(d, where);
        if (data instanceof String[] s) {
            return new StringColumn(s);
        }
        if (data instanceof boolean[] b) {
            return new BooleanColumn(b);
        }
        if (legacyCats != null && legacyCats.getChildren().get(name) instanceof Dataset catDs) {
            return categorical(ArrayConversions.toInts(data), f.strings(catDs, "/__categories/" + name), false, where);
        }
        if (ArrayConversions.isNumericArray(data)) {
            return new NumericColumn(ArrayConversions.toDoubles(data), ArrayConversions.isIntegerArray(data));
        }
        throw f.error(where, "unsupported column type " + d.getJavaType().getSimpleName());
    }

    /** anndata 0.11+'s encoding of pandas' string dtype: {@code values} (text) and {@code mask} (true where missing). */
    private static final String NULLABLE_STRINGS = "nullable-string-array";

    /** A nullable string array's values, null where its mask says missing. */
    private String[] strings(Group g, String where) throws IOException {
        String[] values = f.strings(f.dataset(g, "values", where), where + "/values");
        boolean[] mask = Attributes.toBooleans(f.flat(f.dataset(g, "mask", where), where + "/mask"));
        if (mask.length != values.length) {
            throw f.error(where, "mask of " + mask.length + " entries for " + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (mask[i]) {
                values[i] = null;
            }
        }
        return values;
    }

    /** Names (an index, categories): a string dataset or a nullable string array, where none may be missing. */
    private String[] names(Node n, String where) throws IOException {
        if (n instanceof Dataset d) {
            return f.strings(d, where);
        }
        if (n instanceof Group g && NULLABLE_STRINGS.equals(Attributes.string(g, "encoding-type"))) {
            String[] v = strings(g, where);
            for (int i = 0; i < v.length; i++) {
                if (v[i] == null) {
                    throw f.error(where, "name " + i + " is missing (NA); every name must be given");
                }
            }
            return v;
        }
        throw f.error(where, "expected names as strings, found a group encoded as '" + (n instanceof Group g
                ? Attributes.string(g, "encoding-type") : n.getClass().getSimpleName()) + "'");
    }

    private CategoricalColumn categorical(int[] codes, String[] cats, boolean ordered, String where) throws DataFileException {
        try {
            return new CategoricalColumn(codes, Arrays.asList(cats), ordered);
        } catch (IllegalArgumentException e) {
            throw f.error(where, "invalid categorical column: " + e.getMessage(), e);
        }
    }

    /** anndata < 0.7 stored obs/var as one compound dataset; categories lived in uns. */
    private DataFrame readCompound(Dataset d, String where) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) d.getData();
        Object idx = fields.get("index");
        if (idx == null) {
            throw f.error(where, "compound dataframe without an 'index' field");
        }
        String[] index = idx instanceof String[] s ? s : Arrays.stream(ArrayConversions.toLongs(idx)).mapToObj(Long::toString).toArray(String[]::new);
        LinkedHashMap<String, Column> cols = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (e.getKey().equals("index")) {
                continue;
            }
            Object v = e.getValue();
            Node cats = f.child("uns/" + e.getKey() + "_categories");
            if (v instanceof String[] s) {
                cols.put(e.getKey(), new StringColumn(s));
            } else if (cats instanceof Dataset catDs) {
                cols.put(e.getKey(), categorical(ArrayConversions.toInts(v), f.strings(catDs, "/uns/" + e.getKey() + "_categories"),
                        false, where + "/" + e.getKey()));
            } else if (ArrayConversions.isNumericArray(v)) {
                cols.put(e.getKey(), new NumericColumn(ArrayConversions.toDoubles(v), ArrayConversions.isIntegerArray(v)));
            }
        }
        return new DataFrame(index, cols);
    }

    /** The numeric 2-D arrays of obsm; data frames and sparse matrices there are skipped (nothing downstream uses them). */
    Map<String, DenseMatrix> readObsm(int nCells) throws IOException {
        Map<String, DenseMatrix> obsm = new LinkedHashMap<>();
        if (f.child("obsm") instanceof Group g) {
            for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                String where = "/obsm/" + e.getKey();
                if (e.getValue() instanceof Dataset d && d.getDimensions().length == 2 && !d.isCompound()) {
                    Object data = f.flat(d, where);
                    if (!ArrayConversions.isNumericArray(data)) {
                        continue;
                    }
                    int[] dims = d.getDimensions();
                    if (dims[0] != nCells) {
                        throw f.error(where, "shape mismatch: has " + dims[0] + " rows but X has " + nCells + " cells");
                    }
                    obsm.put(e.getKey(), new DenseMatrix(dims[0], dims[1], ArrayConversions.toFloats(data)));
                }
            }
        }
        return obsm;
    }
}
