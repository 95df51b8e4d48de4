package org.scgmvae.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17's "a Parquet table of sparse cells" as the input of distributed inference, in local[2] on real Kang cells: the
 * table that to-parquet writes holds the files' cells, and predicting or encoding from it gives what one machine gives on
 * the same cells; a dense table (every gene's value, as a flip writes) reads the same; a table without its genes, or a cell
 * with an index outside them, is refused with a sentence naming the table and the cell.
 */
class ParquetCellsTest {

    @TempDir
    static Path dir;
    static AnnData cells;
    static List<Path> files;
    static TrainedModel model;
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws Exception {
        Path kang = LocalSpark.kangControl();
        cells = new H5adReader().read(kang).selectCells(IntStream.range(0, 3000).toArray());
        files = List.of(dir.resolve("a.h5ad"), dir.resolve("b.h5ad"));
        H5adWriter.write(cells.selectCells(IntStream.range(0, 1800).toArray()), files.get(0), true);
        H5adWriter.write(cells.selectCells(IntStream.range(1800, 3000).toArray()), files.get(1), true);
        model = ModelTrainer.train(TrainingRequest.of(cells).withPreprocess(PreprocessConfig.defaults()).withLabels("cell_type")
                        .withArchitecture(ArchitectureOptions.defaults().withHidden(new int[] {64}, new int[] {64}))
                        .withTraining(TrainingConfig.defaults().withEpochs(2)),
                TrainingListener.NONE, CancellationToken.NEVER).model();
        spark = LocalSpark.start("scgmvae-parquet-test");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void predictionsAndLatentsFromTheTableEqualOneMachineOnTheSameCells() throws Exception {
        Path table = dir.resolve("cells.parquet");
        ParquetCells.fromH5ad(spark, files, 700).write().parquet(table.toString());
        Dataset<Row> read = spark.read().parquet(table.toString());
        assertEquals(3000, read.count());
        assertEquals(List.of("cell", "cell_type", "sample_id", "condition", "source_file", "indices", "values"), List.of(read.columns()));
        assertEquals(1800, read.filter(read.col("source_file").equalTo("a.h5ad")).count(), "each cell names the file it came from");

        Predictor.Predictions single = Predictor.predict(model, InferenceInput.prepare(model, cells, null, null).input());
        Map<String, Integer> position = new HashMap<>();
        IntStream.range(0, cells.nCells()).forEach(i -> position.put(cells.cellNames()[i], i));
        Dataset<Row> predicted = SparkInference.predict(spark, model, SparkInference.table(read, "cells", 500), null);
        List<String> columns = new ArrayList<>(List.of(SparkInference.PREDICTIONS.fieldNames()));
        columns.addAll(List.of("cell_type", "sample_id", "condition", "source_file"));
        assertEquals(columns, List.of(predicted.columns()), "the results, then the table's annotations");
        List<Row> rows = predicted.collectAsList();
        assertEquals(3000, rows.size());
        boolean[] seen = new boolean[3000];
        for (Row r : rows) {
            int i = position.get(r.getString(1));
            assertEquals(cells.obs().column("cell_type").stringValue(i), r.getString(r.fieldIndex("cell_type")), "the cell's own type");
            assertEquals(i < 1800 ? "a.h5ad" : "b.h5ad", r.getString(r.fieldIndex("source_file")));
            seen[r.getInt(2)] = true; // row: the cell's position in the table
            assertEquals("cells", r.getString(0));
            assertEquals(single.components()[i], r.getInt(3), "component of " + r.getString(1));
            List<Object> p = r.getList(6);
            for (int k = 0; k < p.size(); k++) {
                assertEquals(single.probabilities()[i][k], ((Number) p.get(k)).floatValue(), 1e-5);
            }
        }
        assertTrue(IntStream.range(0, 3000).allMatch(i -> seen[i]), "every row position once");

        LatentEncoder.Latents z = LatentEncoder.encode(model, InferenceInput.prepare(model, cells, null, null).input(), false, 0);
        int dz = model.config().zDim();
        for (Row r : SparkInference.encode(spark, model, SparkInference.table(read, "cells", 900), null).collectAsList()) {
            int i = position.get(r.getString(1));
            List<Object> v = r.getList(3);
            for (int j = 0; j < dz; j++) {
                assertEquals(z.z().values()[i * dz + j], ((Number) v.get(j)).floatValue(), 1e-5);
            }
        }
    }

    /** A dense table of the first {@code n} cells: every gene's value, the genes in the column's metadata. */
    private static Dataset<Row> dense(int n, boolean withGenes) {
        StructType schema = new StructType().add("cell", DataTypes.StringType).add("cell_type", DataTypes.StringType)
                .add("values", DataTypes.createArrayType(DataTypes.DoubleType), false, withGenes
                        ? new MetadataBuilder().putStringArray(SparkInference.GENES, cells.geneNames()).build()
                        : new MetadataBuilder().build());
        List<Row> rows = new ArrayList<>();
        float[] x = new float[cells.nGenes()];
        for (int i = 0; i < n; i++) {
            cells.x().row(i, x);
            Double[] v = new Double[x.length];
            for (int j = 0; j < x.length; j++) {
                v[j] = (double) x[j];
            }
            rows.add(RowFactory.create(cells.cellNames()[i], cells.obs().column("cell_type").stringValue(i), v));
        }
        return spark.createDataFrame(rows, schema);
    }

    @Test
    void aDenseTableReadsAsTheSameCells() throws Exception {
        Predictor.Predictions single = Predictor.predict(model, InferenceInput.prepare(model, cells.selectCells(IntStream.range(0, 200)
                .toArray()), null, null).input());
        List<Row> rows = SparkInference.predict(spark, model, SparkInference.table(dense(200, true), "dense", 64), null).collectAsList();
        assertEquals(200, rows.size());
        for (Row r : rows) {
            assertEquals(single.components()[r.getInt(2)], r.getInt(3));
            assertEquals(cells.cellNames()[r.getInt(2)], r.getString(1));
        }

        // an annotation named like a result column, as Spark compares names (ignoring case), keeps its values under input_<name>,
        // or input_2_<name> where the table holds that too; the results can be written
        Dataset<Row> table = dense(50, true).withColumnRenamed("cell_type", "Label")
                .withColumn("input_Label", org.apache.spark.sql.functions.lit("taken"));
        Dataset<Row> labelled = SparkInference.predict(spark, model, SparkInference.table(table, "dense", 64), null);
        List<String> names = List.of(labelled.columns());
        assertEquals(List.of("input_2_Label", "input_Label"), names.subList(names.size() - 2, names.size()));
        for (Row r : labelled.collectAsList()) {
            assertEquals(cells.obs().column("cell_type").stringValue(r.getInt(2)), r.getString(r.fieldIndex("input_2_Label")));
            assertEquals("taken", r.getString(r.fieldIndex("input_Label")));
        }
        labelled.write().parquet(dir.resolve("labelled.parquet").toString());
    }

    @Test
    void aTableWithoutGenesOrWithABadIndexIsRefusedWithTheCell() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkInference.table(dense(5, false), "t.parquet", 10));
        assertTrue(e.getMessage().startsWith("t.parquet: column 'values' has no 'genes' metadata"), e.getMessage());

        ParquetCells.Layout layout = new ParquetCells.Layout(new String[] {"G1", "G2", "G3"}, true, List.of());
        StructType schema = new StructType().add("cell", DataTypes.StringType)
                .add("indices", DataTypes.createArrayType(DataTypes.IntegerType)).add("values", DataTypes.createArrayType(DataTypes.FloatType));
        Row ok = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[] {"c1",
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(0, 2)).toSeq(),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(1f, 4f)).toSeq()}, schema);
        Row bad = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[] {"c2",
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(3)).toSeq(),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(2f)).toSeq()}, schema);
        AnnData one = ParquetCells.block(List.of(ok), layout, "t.parquet");
        assertEquals(4f, one.x().get(0, 2));
        e = assertThrows(IllegalArgumentException.class, () -> ParquetCells.block(List.of(ok, bad), layout, "t.parquet"));
        assertEquals("t.parquet: cell 'c2' has gene index 3, outside 0..2 (the 3 genes of the 'values' metadata)", e.getMessage());
    }

    @Test
    void submitEntryPointsConvertAndPredictFromTheTable() throws Exception {
        Path table = dir.resolve("submitted.parquet");
        assertEquals(0, ScGmvaeSpark.execute("to-parquet", "--master", "local[2]", "-o", table.toString(), files.get(0).toString(),
                files.get(1).toString()));
        assertEquals(1, ScGmvaeSpark.execute("to-parquet", "--master", "local[2]", "-o", table.toString(), files.get(0).toString()),
                "an existing table is not overwritten");
        Path modelFile = dir.resolve("m.scgmvae");
        ModelFile.save(model, modelFile);
        Path out = dir.resolve("from-table");
        assertEquals(0, ScGmvaeSpark.execute("predict", "--master", "local[2]", "-m", modelFile.toString(), "-o", out.toString(),
                table.toString()));
        assertEquals(3000, spark.read().parquet(out.resolve("predict.parquet").toString()).count());
        assertEquals(1, ScGmvaeSpark.execute("predict", "--master", "local[2]", "-m", modelFile.toString(), "-o", out.toString(),
                "--h5ad", table.toString()), "--h5ad needs .h5ad inputs");
    }

    /** An annotation named like one of the table's own columns is kept as obs_<name>; a folder of .h5ad files is not a table. */
    @Test
    void clashingAnnotationsAreRenamedAndAFolderOfFilesIsNamed() throws Exception {
        Path withCell = dir.resolve("with_cell.h5ad");
        H5adWriter.write(cells.selectCells(IntStream.range(0, 50).toArray()).withObs(cells.selectCells(IntStream.range(0, 50).toArray())
                .obs().withColumn("cell", org.scgmvae.core.data.CategoricalColumn.fromStrings(new String[50]))), withCell, true);
        Dataset<Row> t = ParquetCells.fromH5ad(spark, List.of(withCell), 20);
        assertTrue(List.of(t.columns()).contains("obs_cell"), List.of(t.columns()).toString());
        assertEquals(50, t.count());

        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.copy(files.get(0), folder.resolve("a.h5ad"));
        Path modelFile = dir.resolve("m2.scgmvae");
        ModelFile.save(model, modelFile);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        try {
            assertEquals(1, ScGmvaeSpark.execute("predict", "--master", "local[2]", "-m", modelFile.toString(), "-o",
                    dir.resolve("none").toString(), folder.toString()));
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString().contains("is a folder of .h5ad files, not a Parquet table: give the .h5ad file(s) themselves"), err.toString());

        err.reset();
        System.setErr(new java.io.PrintStream(err, true));
        int missing;
        int ignored;
        try {
            missing = ScGmvaeSpark.execute("predict", "--master", "local[2]", "-m", modelFile.toString(), "-o",
                    dir.resolve("none").toString(), dir.resolve("missing.parquet").toString());
            ignored = ScGmvaeSpark.execute("encode", "--master", "local[2]", "-m", modelFile.toString(), "-o",
                    dir.resolve("encoded").toString(), "--condition", "condition", files.get(0).toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(1, missing, err.toString());
        assertEquals(0, ignored, "a condition for a GMVAE is a warning, not an error: " + err);
        assertTrue(err.toString().contains("error: input table not found: "), err.toString());
        assertTrue(err.toString().contains("warning: --condition 'condition' is ignored: the model is a GMVAE without conditions"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }
}
