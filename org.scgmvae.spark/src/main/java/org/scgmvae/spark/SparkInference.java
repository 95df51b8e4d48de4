package org.scgmvae.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.infer.CellGenerator;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.options.UserOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Predict, encode and flip over many {@code .h5ad} files or a table of cells ({@link ParquetCells}) on a Spark cluster. For
 * files the driver only reads each file's shape and cuts it into blocks of cells; each task reads its block from the shared
 * file system (or takes its rows of the table) and runs the same core code as the
 * single-machine commands ({@link InferenceInput#prepare}, {@link Predictor}, {@link LatentEncoder}) with the model
 * broadcast once. One row per cell: the input file, the cell's name and position in it, and the results.
 */
public final class SparkInference {

    /** Columns every result has: which file, which cell (name and 0-based row in the file). */
    public static final StructType CELL = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("cell", DataTypes.StringType, false)
            .add("row", DataTypes.IntegerType, false);

    public static final StructType PREDICTIONS = CELL
            .add("component", DataTypes.IntegerType, false)
            .add("label", DataTypes.StringType, true)
            .add("probability", DataTypes.DoubleType, false)
            .add("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    public static final StructType LATENTS = CELL
            .add("z", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("w", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** Metadata key of the {@code values} column of a flip: the genes, in the order of the values. */
    public static final String GENES = "genes";

    private SparkInference() {
    }

    /** Metadata key of a flip's {@code layer_values} column: the layer the .h5ad of the single-machine flip holds them in. */
    public static final String LAYER = "layer";

    /**
     * A flip's columns: the cell, the target condition and the decoded values, whose genes the column's metadata names; and
     * {@code layer_values}, the values of the layer the single-machine flip writes next to X ({@link OutputUnits#layerName}:
     * the model's scaled units or expected counts; null where the model has none), its name in the metadata.
     */
    public static StructType flipped(TrainedModel model) {
        return withValues(CELL.add("flipped_to", DataTypes.StringType, false), model);
    }

    /**
     * {@code schema} with {@code values} (genes in the column's metadata) and {@code layer_values}, the layer the single-machine
     * command writes next to X ({@link OutputUnits#layerName}; null where the model has none), its name in the metadata.
     */
    private static StructType withValues(StructType schema, TrainedModel model) {
        org.apache.spark.sql.types.Metadata genes = new org.apache.spark.sql.types.MetadataBuilder()
                .putStringArray(GENES, model.signature().features().toArray(String[]::new)).build();
        String layer = OutputUnits.layerName(model);
        org.apache.spark.sql.types.Metadata layerMeta = new org.apache.spark.sql.types.MetadataBuilder()
                .putString(LAYER, layer == null ? "" : layer).build();
        return schema.add("values", DataTypes.createArrayType(DataTypes.FloatType, false), false, genes)
                .add("layer_values", DataTypes.createArrayType(DataTypes.FloatType, false), true, layerMeta);
    }

    /** Row {@code i} of {@code m} (g values per row), boxed for a Spark row; null for no matrix. */
    private static Float[] rowOf(DenseMatrix m, int i) {
        if (m == null) {
            return null;
        }
        int g = m.nGenes();
        return boxed(java.util.Arrays.copyOfRange(m.values(), i * g, (i + 1) * g));
    }

    /** Every file cut into ranges of at most {@code blockCells} cells, in file order (the driver reads only obs and var). */
    public static List<CellRange> plan(List<Path> files, int blockCells) throws IOException {
        return plan(files, ReadOptions.defaults(), blockCells);
    }

    /** As {@link #plan(List, int)} for files opened with {@code options}. */
    static List<CellRange> plan(List<Path> files, ReadOptions options, int blockCells) throws IOException {
        if (blockCells < 1) {
            throw new IllegalArgumentException("cells per block must be at least 1, got " + blockCells);
        }
        List<CellRange> ranges = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            int n;
            try (H5adCellBlocks cells = H5adCellBlocks.open(files.get(f), options)) {
                n = cells.nCells();
            }
            String path = files.get(f).toAbsolutePath().toString();
            for (int from = 0; from < n; from += blockCells) {
                ranges.add(new CellRange(f, path, from, Math.min(n, from + blockCells)));
            }
        }
        return ranges;
    }

    /**
     * Where a job's cells come from: {@code .h5ad} files cut into ranges of cells that every task reads from the shared file
     * system ({@link #h5adFiles}), or a table of cells whose rows are grouped into blocks ({@link #table}, {@link ParquetCells}).
     */
    public interface CellSource {
        /** Every block of cells through {@code task}, the model broadcast once. */
        JavaRDD<Row> map(JavaSparkContext sc, BroadcastModel shared, BlockTask task) throws IOException;

        /** The columns of the rows {@link #map} gives for a task whose rows have {@code results}' columns. */
        default StructType schema(StructType results) {
            return results;
        }
    }

    /** The cells of {@code files}, in ranges of at most {@code blockCells} cells. */
    public static CellSource h5adFiles(List<Path> files, int blockCells) {
        return (sc, shared, task) -> {
            List<CellRange> ranges = plan(files, blockCells);
            // contiguous slices of the ranges (Spark slices a list in order): a task reads consecutive blocks of one file
            // through one open reader, which reads the file's obs and var once
            JavaRDD<CellRange> tasks = sc.parallelize(ranges, Math.max(1, Math.min(ranges.size(), 2 * sc.defaultParallelism())));
            return tasks.mapPartitions(it -> apply(shared, it, task));
        };
    }

    /**
     * The rows of {@code cells} (a table in {@link ParquetCells}' layout, e.g. read from Parquet), each partition's rows in
     * blocks of at most {@code blockCells}; {@code name} stands for the table in the results' {@code file} column, and a cell's
     * {@code row} is its position in the order Spark reads the table (for several part files, Spark's order; join on the cell).
     */
    public static CellSource table(Dataset<Row> cells, String name, int blockCells) {
        if (blockCells < 1) {
            throw new IllegalArgumentException("cells per block must be at least 1, got " + blockCells);
        }
        ParquetCells.Layout layout = ParquetCells.layout(cells.schema(), name); // checked on the driver, before any task
        int[] kept = java.util.stream.IntStream.range(0, cells.schema().fields().length)
                .filter(f -> layout.obs().contains(cells.schema().fields()[f].name())).toArray();
        return new CellSource() {
            @Override
            public JavaRDD<Row> map(JavaSparkContext sc, BroadcastModel shared, BlockTask task) {
                // the task takes these locals, not this source (whose Dataset cannot be serialised)
                ParquetCells.Layout cellLayout = layout;
                int[] annotations = kept;
                String table = name;
                int size = blockCells;
                return cells.javaRDD().zipWithIndex().mapPartitions(it -> {
                    TrainedModel model = shared.model();
                    List<Row> out = new ArrayList<>();
                    List<Row> block = new ArrayList<>();
                    long first = -1;
                    while (it.hasNext()) {
                        scala.Tuple2<Row, Long> next = it.next();
                        if (block.isEmpty()) {
                            first = next._2();
                        }
                        block.add(next._1());
                        if (block.size() == size || !it.hasNext()) {
                            CellRange range = new CellRange(0, table, Math.toIntExact(first), Math.toIntExact(first + block.size()));
                            List<Row> results = task.apply(model, range, ParquetCells.block(block, cellLayout, table));
                            for (int i = 0; i < results.size(); i++) {
                                out.add(withAnnotations(results.get(i), block.get(i), annotations));
                            }
                            block.clear();
                        }
                    }
                    return out.iterator();
                });
            }

            /**
             * The results, then the table's annotations (condition, labels, donors, source_file), so that results can be
             * grouped and plotted without a join back to the cells; one named like a result column (as Spark compares names:
             * ignoring case) comes as input_NAME, or input_2_NAME and so on where that is taken too.
             */
            @Override
            public StructType schema(StructType results) {
                java.util.Set<String> resultNames = lowerCase(results.fieldNames());
                java.util.Set<String> taken = new java.util.HashSet<>(resultNames);
                for (int f : kept) {
                    taken.add(cells.schema().fields()[f].name().toLowerCase(java.util.Locale.ROOT));
                }
                StructType s = results;
                for (int f : kept) {
                    org.apache.spark.sql.types.StructField a = cells.schema().fields()[f];
                    String name = a.name();
                    if (resultNames.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        name = "input_" + a.name();
                        for (int i = 2; taken.contains(name.toLowerCase(java.util.Locale.ROOT)); i++) {
                            name = "input_" + i + "_" + a.name();
                        }
                        taken.add(name.toLowerCase(java.util.Locale.ROOT));
                    }
                    s = s.add(name, a.dataType(), true, a.metadata());
                }
                return s;
            }
        };
    }

    private static java.util.Set<String> lowerCase(String[] names) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String n : names) {
            out.add(n.toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    /** {@code result}'s values followed by the {@code kept} columns of the cell's own row. */
    private static Row withAnnotations(Row result, Row cell, int[] kept) {
        Object[] v = new Object[result.length() + kept.length];
        for (int i = 0; i < result.length(); i++) {
            v[i] = result.get(i);
        }
        for (int k = 0; k < kept.length; k++) {
            v[result.length() + k] = cell.get(kept[k]);
        }
        return RowFactory.create(v);
    }

    /** Component probabilities, the most probable component and its label for every cell of {@code files}. */
    public static Dataset<Row> predict(SparkSession spark, TrainedModel model, List<Path> files, String conditionColumn, int blockCells)
            throws IOException {
        return predict(spark, model, h5adFiles(files, blockCells), conditionColumn);
    }

    /** As {@link #predict(SparkSession, TrainedModel, List, String, int)} for the cells of {@code cells}. */
    public static Dataset<Row> predict(SparkSession spark, TrainedModel model, CellSource cells, String conditionColumn) throws IOException {
        return run(spark, model, cells, PREDICTIONS, (m, range, block) -> {
            Predictor.Predictions p = Predictor.predict(m, InferenceInput.prepare(m, block, conditionColumn, null).input());
            List<Row> rows = new ArrayList<>(block.nCells());
            for (int i = 0; i < block.nCells(); i++) {
                int k = p.components()[i];
                rows.add(RowFactory.create(range.path(), block.cellNames()[i], range.from() + i, k, p.labels()[i],
                        (double) p.probabilities()[i][k], boxed(p.probabilities()[i])));
            }
            return rows;
        });
    }

    /** z and w (posterior means) of every cell of {@code files}. */
    public static Dataset<Row> encode(SparkSession spark, TrainedModel model, List<Path> files, String conditionColumn, int blockCells)
            throws IOException {
        return encode(spark, model, h5adFiles(files, blockCells), conditionColumn);
    }

    /** As {@link #encode(SparkSession, TrainedModel, List, String, int)} for the cells of {@code cells}. */
    public static Dataset<Row> encode(SparkSession spark, TrainedModel model, CellSource cells, String conditionColumn) throws IOException {
        return run(spark, model, cells, LATENTS, (m, range, block) -> {
            LatentEncoder.Latents l = LatentEncoder.encode(m, InferenceInput.prepare(m, block, conditionColumn, null).input(), false, 0);
            int dz = l.z().nGenes();
            int dw = l.w().nGenes();
            List<Row> rows = new ArrayList<>(block.nCells());
            for (int i = 0; i < block.nCells(); i++) {
                rows.add(RowFactory.create(range.path(), block.cellNames()[i], range.from() + i,
                        boxed(java.util.Arrays.copyOfRange(l.z().values(), i * dz, (i + 1) * dz)),
                        boxed(java.util.Arrays.copyOfRange(l.w().values(), i * dw, (i + 1) * dw))));
            }
            return rows;
        });
    }

    /**
     * Every cell of {@code files} decoded under {@code target} (scGen-style perturbation prediction), by the same core code
     * as {@code scgmvae flip}: the cells' own labels when {@code labelColumn} is given, {@code mode}'s latent, values in
     * {@code units} (the genes in the {@code values} column's metadata, {@link #GENES}).
     */
    public static Dataset<Row> flip(SparkSession spark, TrainedModel model, List<Path> files, String conditionColumn, String labelColumn,
                                    String target, ConditionFlipper.Mode mode, OutputUnits units, int blockCells) throws IOException {
        return flip(spark, model, h5adFiles(files, blockCells), conditionColumn, labelColumn, target, mode, units);
    }

    /** As {@link #flip(SparkSession, TrainedModel, List, String, String, String, ConditionFlipper.Mode, OutputUnits, int)} for {@code cells}. */
    public static Dataset<Row> flip(SparkSession spark, TrainedModel model, CellSource cells, String conditionColumn, String labelColumn,
                                    String target, ConditionFlipper.Mode mode, OutputUnits units) throws IOException {
        if (!model.config().conditional()) {
            throw new IllegalArgumentException("flip needs a cGMVAE (a model trained with --condition); this model has no conditions");
        }
        if (!model.conditionNames().contains(target)) {
            throw new IllegalArgumentException("unknown target condition '" + target + "'; the model knows " + model.conditionNames());
        }
        return run(spark, model, cells, flipped(model), (m, range, block) -> {
            InferenceInput in = InferenceInput.prepare(m, block, conditionColumn, labelColumn);
            DenseMatrix decoded = ConditionFlipper.flip(m, in.input(), target, mode);
            AnnData out = units.cells(m, decoded, in.data().obs(), DataFrame.ofIndex(in.data().geneNames()));
            DenseMatrix x = DenseMatrix.copyOf(out.x());
            DenseMatrix l = layerOf(m, out);
            List<Row> rows = new ArrayList<>(block.nCells());
            for (int i = 0; i < block.nCells(); i++) {
                rows.add(RowFactory.create(range.path(), block.cellNames()[i], range.from() + i, target, rowOf(x, i), rowOf(l, i)));
            }
            return rows;
        });
    }

    /** The layer the single-machine command writes next to X, or null where the model has none. */
    private static DenseMatrix layerOf(TrainedModel m, AnnData cells) {
        String layer = OutputUnits.layerName(m);
        return layer == null ? null : DenseMatrix.copyOf(cells.layers().get(layer));
    }

    /**
     * Columns of generated cells: name, component and its label, condition, draw, the values (genes in the metadata) and
     * {@code layer_values} (the model's own units or expected counts, as the single-machine generate's layer).
     */
    public static StructType generated(TrainedModel model) {
        return withValues(new StructType().add("cell", DataTypes.StringType, false).add("component", DataTypes.IntegerType, false)
                .add("label", DataTypes.StringType, true).add("condition", DataTypes.StringType, true)
                .add("sample", DataTypes.IntegerType, false), model);
    }

    /**
     * {@code samples} draws of w, each decoded into every component and condition ({@code scgmvae generate}), over {@code shares}
     * tasks: every task draws the same noise from {@code seed} and decodes its share of the draws, so the cells are those of
     * one machine's generation with the same seed (names, numbers; values up to rounding). z is each component's mean, or with
     * {@code sampleZ} drawn from it, each task keeping its draws' rows of the seed's stream ({@link CellGenerator#zNoise}).
     */
    public static Dataset<Row> generate(SparkSession spark, TrainedModel model, int samples, long seed, OutputUnits units,
                                        CellGenerator.StyleSource styles, int shares) throws IOException {
        return generate(spark, model, samples, false, seed, units, styles, shares);
    }

    /** As above, with z drawn from each component where {@code sampleZ} ({@code scgmvae generate --sample-z}). */
    public static Dataset<Row> generate(SparkSession spark, TrainedModel model, int samples, boolean sampleZ, long seed, OutputUnits units,
                                        CellGenerator.StyleSource styles, int shares) throws IOException {
        UserOptions.SAMPLES.check(samples);
        if (shares < 1) {
            throw new IllegalArgumentException("shares must be at least 1, got " + shares);
        }
        int n = Math.min(shares, samples);
        List<int[]> ranges = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            ranges.add(new int[] {(int) ((long) samples * p / n), (int) ((long) samples * (p + 1) / n)});
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        BroadcastModel shared = new BroadcastModel(sc, model);
        JavaRDD<Row> rows = sc.parallelize(ranges, n).mapPartitions(it -> {
            TrainedModel m = shared.model();
            float[] eps = CellGenerator.noise(m, samples, seed);
            List<Row> out = new ArrayList<>();
            while (it.hasNext()) {
                int[] r = it.next();
                AnnData a = CellGenerator.generateDraws(m, eps, r[0], r[1], sampleZ ? CellGenerator.zNoise(m, samples, seed, r[0], r[1]) : null,
                        units, styles, org.scgmvae.core.task.Progress.NONE);
                DenseMatrix x = DenseMatrix.copyOf(a.x());
                DenseMatrix l = layerOf(m, a);
                for (int i = 0; i < a.nCells(); i++) {
                    out.add(RowFactory.create(a.cellNames()[i], Integer.valueOf(a.obs().column("component").stringValue(i)),
                            a.obs().column("label").stringValue(i), a.obs().has("condition") ? a.obs().column("condition").stringValue(i) : null,
                            Integer.valueOf(a.obs().column("sample").stringValue(i)), rowOf(x, i), rowOf(l, i)));
                }
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, generated(model));
    }

    /** What a task does with one block of cells. */
    @FunctionalInterface
    public interface BlockTask extends java.io.Serializable {
        List<Row> apply(TrainedModel model, CellRange range, AnnData block) throws IOException;
    }

    private static Dataset<Row> run(SparkSession spark, TrainedModel model, CellSource cells, StructType schema, BlockTask task)
            throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(cells.map(sc, new BroadcastModel(sc, model), task), cells.schema(schema));
    }

    private static Iterator<Row> apply(BroadcastModel shared, Iterator<CellRange> ranges, BlockTask task) throws IOException {
        TrainedModel model = shared.model();
        List<Row> out = new ArrayList<>();
        forEachBlock(ranges, ReadOptions.defaults(), (r, block) -> out.addAll(task.apply(model, r, block)));
        return out.iterator();
    }

    /** What a task does with one block of cells it read. */
    @FunctionalInterface
    interface BlockAction {
        void accept(CellRange range, AnnData block) throws IOException;
    }

    /**
     * Reads a task's blocks in turn: consecutive blocks of one file through one open reader, which reads the file's obs and
     * var once (the ranges of {@link #plan} come in file order).
     */
    static void forEachBlock(Iterator<CellRange> ranges, ReadOptions read, BlockAction action) throws IOException {
        H5adCellBlocks open = null;
        try {
            while (ranges.hasNext()) {
                CellRange r = ranges.next();
                if (open == null || !open.path().toString().equals(r.path())) {
                    if (open != null) {
                        open.close();
                    }
                    open = H5adCellBlocks.open(Path.of(r.path()), read);
                }
                action.accept(r, open.block(r.from(), r.to()));
            }
        } finally {
            if (open != null) {
                open.close();
            }
        }
    }

    private static Float[] boxed(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return b;
    }
}
