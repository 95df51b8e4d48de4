package org.scgmvae.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.data.StringColumn;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cells as a table, one row per cell, for cells kept in a data lake rather than in {@code .h5ad} files: the input of
 * distributed inference next to .h5ad files, and what {@code scgmvae-spark to-parquet} writes.
 * <ul>
 * <li>{@code cell} (string): the cell's name;</li>
 * <li>{@code values} (array of float or double), whose column metadata {@code genes} lists the genes;</li>
 * <li>{@code indices} (array of int, optional): {@code values[k]} belongs to gene {@code indices[k]} (sparse cells, as
 * CSR rows); without it {@code values} holds every gene in order (dense, as a flip's output is written);</li>
 * <li>every other string or numeric column: an obs annotation (condition, labels, donors); other arrays are ignored.</li>
 * </ul>
 */
public final class ParquetCells {

    public static final String CELL = "cell";
    public static final String VALUES = "values";
    public static final String INDICES = "indices";
    /** The column of {@link #fromH5ad}'s tables naming the file each cell came from. */
    public static final String SOURCE = "source_file";

    private ParquetCells() {
    }

    /** What a table holds, checked once on the driver: its genes, whether cells are sparse, and its annotation columns. */
    public record Layout(String[] genes, boolean sparse, List<String> obs) implements Serializable {
    }

    /** The layout of a table with {@code schema}; {@code source} names the table in messages. */
    public static Layout layout(StructType schema, String source) {
        Set<String> names = new HashSet<>(Arrays.asList(schema.fieldNames()));
        for (String required : new String[] {CELL, VALUES}) {
            if (!names.contains(required)) {
                throw new IllegalArgumentException(source + ": no '" + required + "' column; a table of cells needs 'cell' (the names),"
                        + " 'values' (an array per cell, the genes in its metadata) and optionally 'indices'; it has " + names);
            }
        }
        StructField values = schema.apply(VALUES);
        if (!(values.dataType() instanceof ArrayType a) || !isNumber(a.elementType())) {
            throw new IllegalArgumentException(source + ": column 'values' must be an array of numbers, not " + values.dataType().simpleString());
        }
        if (!values.metadata().contains(SparkInference.GENES)) {
            throw new IllegalArgumentException(source + ": column 'values' has no '" + SparkInference.GENES + "' metadata naming its"
                    + " genes (write the table with 'scgmvae-spark to-parquet', or set the column's metadata)");
        }
        String[] genes = values.metadata().getStringArray(SparkInference.GENES);
        boolean sparse = names.contains(INDICES);
        if (sparse && !(schema.apply(INDICES).dataType() instanceof ArrayType i && isWhole(i.elementType()))) {
            throw new IllegalArgumentException(source + ": column 'indices' must be an array of whole numbers, not "
                    + schema.apply(INDICES).dataType().simpleString());
        }
        if (!schema.apply(CELL).dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException(source + ": column 'cell' must hold strings (the cells' names), not "
                    + schema.apply(CELL).dataType().simpleString());
        }
        List<String> obs = new ArrayList<>();
        for (StructField f : schema.fields()) {
            boolean annotation = f.dataType().equals(DataTypes.StringType) || isNumber(f.dataType());
            if (annotation && !f.name().equals(CELL)) {
                obs.add(f.name());
            }
        }
        return new Layout(genes, sparse, obs);
    }

    private static boolean isWhole(DataType t) {
        return t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType) || t.equals(DataTypes.ShortType);
    }

    private static boolean isNumber(DataType t) {
        return isWhole(t) || t.equals(DataTypes.FloatType) || t.equals(DataTypes.DoubleType);
    }

    /** The rows (in order) as one block of cells: X from {@code values} (and {@code indices}), obs from the annotations. */
    public static AnnData block(List<Row> rows, Layout layout, String source) {
        int g = layout.genes().length;
        CsrMatrix.Builder x = new CsrMatrix.Builder(g);
        String[] cells = new String[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            cells[r] = row.getAs(CELL);
            List<Number> values = row.getList(row.fieldIndex(VALUES));
            if (cells[r] == null || values == null) {
                throw new IllegalArgumentException(source + ": cell " + (cells[r] == null ? "without a name" : "'" + cells[r] + "'")
                        + (values == null ? " has no values" : ""));
            }
            if (layout.sparse()) {
                List<Number> idx = row.getList(row.fieldIndex(INDICES));
                if (idx == null || idx.size() != values.size()) {
                    throw new IllegalArgumentException(source + ": cell '" + cells[r] + "' has " + (idx == null ? "no" : idx.size())
                            + " indices for " + values.size() + " values");
                }
                for (int k = 0; k < idx.size(); k++) {
                    if (idx.get(k) == null) {
                        throw new IllegalArgumentException(source + ": cell '" + cells[r] + "' has a missing gene index (null)");
                    }
                    long j = idx.get(k).longValue();
                    if (j < 0 || j >= g) {
                        throw new IllegalArgumentException(source + ": cell '" + cells[r] + "' has gene index " + j + ", outside 0.."
                                + (g - 1) + " (the " + g + " genes of the 'values' metadata)");
                    }
                    x.add((int) j, value(values.get(k), cells[r], source));
                }
            } else {
                if (values.size() != g) {
                    throw new IllegalArgumentException(source + ": cell '" + cells[r] + "' has " + values.size() + " values for the " + g
                            + " genes of the 'values' metadata (without an 'indices' column every gene needs its value)");
                }
                for (int j = 0; j < g; j++) {
                    float v = value(values.get(j), cells[r], source);
                    if (v != 0f) {
                        x.add(j, v);
                    }
                }
            }
            x.endRow();
        }
        CsrMatrix matrix;
        try {
            matrix = x.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage() + " (a cell lists one gene index twice)", e);
        }
        Map<String, Column> obs = new LinkedHashMap<>();
        for (String name : layout.obs()) {
            obs.put(name, annotation(rows, name));
        }
        return new AnnData(matrix, new DataFrame(cells, obs), DataFrame.ofIndex(layout.genes()));
    }

    private static float value(Number v, String cell, String source) {
        if (v == null) {
            throw new IllegalArgumentException(source + ": cell '" + cell + "' has a missing value (null) among its values");
        }
        return v.floatValue();
    }

    /**
     * Column {@code name} of the rows as an obs column: text as categories in sorted order (as pandas makes them; the order
     * does not matter to a model, which matches names), numbers as numbers, whole ones as integers.
     */
    static Column annotation(List<Row> rows, String name) {
        int i = rows.isEmpty() ? -1 : rows.get(0).fieldIndex(name);
        DataType type = i < 0 ? DataTypes.DoubleType : rows.get(0).schema().apply(name).dataType();
        if (type.equals(DataTypes.StringType)) {
            String[] v = new String[rows.size()];
            java.util.TreeSet<String> categories = new java.util.TreeSet<>();
            for (int r = 0; r < v.length; r++) {
                v[r] = rows.get(r).getString(i);
                if (v[r] != null && !v[r].isEmpty()) {
                    categories.add(v[r]);
                }
            }
            return CategoricalColumn.fromStrings(v, new ArrayList<>(categories));
        }
        double[] v = new double[rows.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = rows.get(r).isNullAt(i) ? Double.NaN : ((Number) rows.get(r).get(i)).doubleValue();
        }
        return new NumericColumn(v, isWhole(type));
    }

    /**
     * The cells of {@code files} as one table (sparse layout, the files' text and category annotations as string columns):
     * tasks read blocks of at most {@code blockCells} cells and turn them into rows, as inference reads them. The files must
     * hold the same genes in the same order; annotation columns are those every file has.
     */
    public static Dataset<Row> fromH5ad(SparkSession spark, List<Path> files, int blockCells) throws IOException {
        String[] genes = null;
        List<String> obs = null;
        AnnData firstAnnotations = null;
        Set<String> fractional = new HashSet<>(); // number columns with a fraction in some file: written as doubles
        for (Path f : files) {
            AnnData a;
            try (H5adCellBlocks cells = H5adCellBlocks.open(f, ReadOptions.defaults())) {
                a = cells.annotations();
            }
            List<String> text = annotationColumns(a.obs());
            for (String c : text) {
                if (a.obs().column(c) instanceof NumericColumn n && !n.integer()) {
                    fractional.add(c);
                }
            }
            if (genes == null) {
                genes = a.geneNames();
                obs = new ArrayList<>(text);
            } else if (!Arrays.equals(genes, a.geneNames())) {
                throw new IllegalArgumentException(f + ": its genes differ from those of " + files.get(0) + " (" + a.nGenes() + " vs "
                        + genes.length + ", or another order); one table holds one gene list, so convert such files separately");
            } else {
                obs.retainAll(text);
                // a column of numbers in one file and of text in another is left out, as one missing from a file
                AnnData firstFile = firstAnnotations;
                obs.removeIf(c -> isNumber(firstFile.obs().column(c)) != isNumber(a.obs().column(c)));
            }
            if (firstAnnotations == null) {
                firstAnnotations = a;
            }
        }
        // an annotation named like one of the table's own columns is written as obs_<name> (muscat's files have a 'cell' column)
        List<String> columns = List.copyOf(obs);
        AnnData firstFile = firstAnnotations;
        // whole numbers in every file (counts, sizes) stay whole numbers: longs, not doubles
        Set<String> whole = columns.stream().filter(c -> isNumber(firstFile.obs().column(c)) && !fractional.contains(c))
                .collect(java.util.stream.Collectors.toSet());
        List<String> names = columns.stream().map(ParquetCells::tableName).toList();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<CellRange> ranges = SparkInference.plan(files, blockCells);
        JavaRDD<Row> rows = sc.parallelize(ranges, Math.max(1, Math.min(ranges.size(), 2 * sc.defaultParallelism()))).mapPartitions(it -> {
            List<Row> out = new ArrayList<>();
            SparkInference.forEachBlock(it, ReadOptions.defaults(), (r, block) -> {
                String source = Path.of(r.path()).getFileName().toString();
                for (int i = 0; i < block.nCells(); i++) {
                    out.add(row(block, i, columns, source, whole));
                }
            });
            return out.iterator();
        });
        List<String> withSource = new ArrayList<>(names);
        withSource.add(SOURCE);
        Map<String, DataType> types = new java.util.HashMap<>();
        for (String c : columns) {
            if (isNumber(firstFile.obs().column(c))) {
                types.put(tableName(c), whole.contains(c) ? DataTypes.LongType : DataTypes.DoubleType);
            }
        }
        return spark.createDataFrame(rows, schema(genes, withSource, types));
    }

    /** The obs columns a table keeps: text, categories and numbers (booleans and other kinds are left out). */
    public static List<String> annotationColumns(DataFrame obs) {
        return obs.columnNames().stream().filter(c -> obs.column(c) instanceof CategoricalColumn || obs.column(c) instanceof StringColumn
                || isNumber(obs.column(c))).toList();
    }

    private static boolean isNumber(Column c) {
        return c instanceof NumericColumn;
    }

    /** The table's name of an annotation column: its own, or obs_<name> for one named like the table's own columns. */
    public static String tableName(String obsColumn) {
        return Set.of(CELL, VALUES, INDICES, SOURCE).contains(obsColumn) ? "obs_" + obsColumn : obsColumn;
    }

    /**
     * The table's columns for cells with {@code genes} and the annotations {@code obs} (sparse layout): those in
     * {@code numbers} of the type given there (long or double), the others as strings.
     */
    public static StructType schema(String[] genes, List<String> obs, Map<String, DataType> numbers) {
        Metadata meta = new MetadataBuilder().putStringArray(SparkInference.GENES, genes).build();
        StructType s = new StructType().add(CELL, DataTypes.StringType, false);
        for (String o : obs) {
            s = s.add(o, numbers.getOrDefault(o, DataTypes.StringType), true);
        }
        return s.add(INDICES, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add(VALUES, DataTypes.createArrayType(DataTypes.FloatType, false), false, meta);
    }

    /**
     * Cell {@code i} of {@code block} as a row of {@link #schema} (its non-zero values and their genes), the number columns
     * in {@code whole} as longs, the name of the file the cell came from as the last annotation ({@link #SOURCE}) when not null.
     */
    public static Row row(AnnData block, int i, List<String> obs, String source, Set<String> whole) {
        List<Integer> idx = new ArrayList<>();
        List<Float> val = new ArrayList<>();
        block.x().forEachNonZero(i, (gene, v) -> {
            idx.add(gene);
            val.add(v);
        });
        int extra = source == null ? 0 : 1;
        Object[] fields = new Object[obs.size() + extra + 3];
        fields[0] = block.cellNames()[i];
        for (int o = 0; o < obs.size(); o++) {
            Column c = block.obs().column(obs.get(o));
            if (c instanceof NumericColumn n) {
                double v = n.values()[i];
                fields[o + 1] = Double.isNaN(v) ? null : whole.contains(obs.get(o)) ? (Object) (long) v : (Object) v;
            } else {
                fields[o + 1] = c.stringValue(i);
            }
        }
        if (source != null) {
            fields[obs.size() + 1] = source;
        }
        fields[obs.size() + extra + 1] = idx.toArray(new Integer[0]);
        fields[obs.size() + extra + 2] = val.toArray(new Float[0]);
        return RowFactory.create(fields);
    }
}
