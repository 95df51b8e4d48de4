package org.scgmvae.spark;

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
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training from a Parquet table of cells (issue 17): the table written back as one .h5ad holds the cells it was made from
 * (X to the bit, names, annotations; a dense table too), and data-parallel training from the table gives the model that
 * training from the .h5ad gives, on real Kang cells in local[2].
 */
class ParquetToH5adTest {

    @TempDir
    static Path dir;
    static AnnData cells;
    static Path h5ad;
    static Path table;
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws Exception {
        AnnData kang = new H5adReader().read(LocalSpark.kangControl()).selectCells(IntStream.range(0, 2000).toArray());
        // a number annotation (kept by the table) and a boolean one (left out, with a note)
        double[] counts = new double[kang.nCells()];
        double[] genes = new double[kang.nCells()];
        boolean[] small = new boolean[kang.nCells()];
        for (int i = 0; i < counts.length; i++) {
            int cell = i;
            kang.x().forEachNonZero(i, (g, v) -> {
                counts[cell] += v;
                genes[cell]++;
            });
            small[i] = counts[i] < 500;
        }
        counts[3] = Double.NaN;
        cells = kang.withObs(kang.obs().withColumn("n_counts", new NumericColumn(counts)).withColumn("n_genes", new NumericColumn(genes, true))
                .withColumn("small", new org.scgmvae.core.data.BooleanColumn(small)));
        h5ad = dir.resolve("kang_2000.h5ad");
        H5adWriter.write(cells, h5ad, true);
        spark = LocalSpark.start("scgmvae-from-parquet-test");
        table = dir.resolve("kang_2000.parquet");
        // small tasks: the table holds several part files, read back in one order by every scan
        LocalSpark.Said converted = LocalSpark.run("to-parquet", "--master", "local[2]", "--block-cells", "300", "-o", table.toString(), h5ad.toString());
        assertEquals(0, converted.code(), converted.err());
        assertTrue(converted.err().contains("note: obs column(s) [small] are not written: a table keeps the text, category and"
                + " number annotations that every file has, as the same kind"), converted.err());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void theTableWrittenBackHoldsTheCellsItWasMadeFrom() throws Exception {
        Path back = dir.resolve("back.h5ad");
        assertEquals(0, ScGmvaeSpark.execute("from-parquet", "--master", "local[2]", "--block-cells", "333", "-o", back.toString(),
                table.toString()));
        AnnData read = new H5adReader().read(back);
        assertArrayEquals(cells.geneNames(), read.geneNames());
        // the table's read order is not the files' order in general: compare cell by cell through the names
        java.util.Map<String, Integer> at = new java.util.HashMap<>();
        for (int i = 0; i < read.nCells(); i++) {
            at.put(read.cellNames()[i], i);
        }
        assertEquals(cells.nCells(), at.size(), "every cell once");
        CsrMatrix x = (CsrMatrix) read.x();
        float[] want = new float[cells.nGenes()];
        float[] got = new float[cells.nGenes()];
        CategoricalColumn types = (CategoricalColumn) read.obs().column("cell_type");
        for (int i = 0; i < cells.nCells(); i++) {
            int j = at.get(cells.cellNames()[i]);
            cells.x().row(i, want);
            x.row(j, got);
            assertArrayEquals(want, got, "cell " + cells.cellNames()[i]);
            assertEquals(cells.obs().column("cell_type").stringValue(i), types.stringValue(j));
            assertEquals("kang_2000.h5ad", read.obs().column(ParquetCells.SOURCE).stringValue(j));
            double n = ((NumericColumn) cells.obs().column("n_counts")).values()[i];
            double kept = ((NumericColumn) read.obs().column("n_counts")).values()[j];
            assertTrue(Double.isNaN(n) ? Double.isNaN(kept) : n == kept, "n_counts of " + cells.cellNames()[i] + ": " + n + " vs " + kept);
            assertEquals(((NumericColumn) cells.obs().column("n_genes")).values()[i], ((NumericColumn) read.obs().column("n_genes")).values()[j]);
        }
        assertTrue(((NumericColumn) read.obs().column("n_genes")).integer(), "whole numbers come back as integers");
        assertFalse(((NumericColumn) read.obs().column("n_counts")).integer(), "n_counts, written as floating-point numbers, stays so");
        List<String> sorted = new ArrayList<>(types.categories());
        java.util.Collections.sort(sorted);
        assertEquals(sorted, types.categories(), "categories in sorted order, as pandas makes them");
        LocalSpark.Said again = LocalSpark.run("from-parquet", "--master", "local[2]", "-o", back.toString(), table.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("-o/--output exists already: " + back + " (choose a new name; nothing is overwritten)"), again.err());
    }

    @Test
    void aDenseTableWithNumbersWritesTheSameValues() throws Exception {
        StructType schema = new StructType().add("cell", DataTypes.StringType).add("file", DataTypes.StringType).add("row", DataTypes.LongType)
                .add("values", DataTypes.createArrayType(DataTypes.FloatType), false,
                        new MetadataBuilder().putStringArray(SparkInference.GENES, cells.geneNames()).build());
        List<Row> rows = new ArrayList<>();
        float[] x = new float[cells.nGenes()];
        for (int i = 0; i < 100; i++) {
            cells.x().row(i, x);
            Float[] v = new Float[x.length];
            for (int j = 0; j < x.length; j++) {
                v[j] = x[j];
            }
            rows.add(RowFactory.create(cells.cellNames()[i], "f.h5ad", i == 7 ? null : (long) i, v));
        }
        Path dense = dir.resolve("dense.parquet");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dense.toString());
        Path back = dir.resolve("dense.h5ad");
        ParquetToH5ad.Written w = ParquetToH5ad.write(spark, dense.toString(), back, 30);
        AnnData read = new H5adReader().read(back);
        assertEquals(100, w.cells());
        assertEquals(DenseMatrix.copyOf(cells.selectCells(IntStream.range(0, 100).toArray()).x()), DenseMatrix.copyOf(read.x()));
        assertEquals(((CsrMatrix) cells.selectCells(IntStream.range(0, 100).toArray()).x()).data().length, w.storedValues(),
                "a dense table's zeros are not stored");
        NumericColumn row = (NumericColumn) read.obs().column("row");
        assertEquals(5.0, row.values()[5]);
        assertTrue(Double.isNaN(row.values()[7]), "a missing number stays missing");
    }

    @Test
    void trainingFromTheTableGivesTheModelOfTrainingFromTheFile() throws Exception {
        Path fromFile = dir.resolve("file.scgmvae");
        Path fromTable = dir.resolve("table.scgmvae");
        String[] common = {"--master", "local[2]", "--labels", "cell_type", "-e", "2", "--partitions", "2", "--rounds", "2", "--seed", "7"};
        // the same cells in the same order: the table's file order (one file per task of to-parquet), as from-parquet writes it
        Path ordered = dir.resolve("ordered.h5ad");
        assertEquals(0, ScGmvaeSpark.execute("from-parquet", "--master", "local[2]", "-o", ordered.toString(), table.toString()));
        assertEquals(0, ScGmvaeSpark.execute(concat(common, "-i", ordered.toString(), "-o", fromFile.toString())));
        LocalSpark.Said trained = LocalSpark.run(concat(common, "-i", table.toString(), "-o", fromTable.toString()));
        assertEquals(0, trained.code(), trained.err());
        String text = trained.err();
        assertTrue(text.contains("the table's 2000 cells x 1287 genes written to " + dir.resolve("table.cells.h5ad").toAbsolutePath()), text);
        assertFalse(Files.exists(dir.resolve("table.cells.h5ad")), "the default cells file is deleted after training");
        assertArrayEquals(ModelFile.load(fromFile).module().parameters().flat().toFloatVector(),
                ModelFile.load(fromTable).module().parameters().flat().toFloatVector(), "the same parameters");

        Path kept = dir.resolve("kept.h5ad");
        assertEquals(0, ScGmvaeSpark.execute(concat(common, "-i", table.toString(), "-o", dir.resolve("k.scgmvae").toString(), "--cells-file",
                kept.toString())));
        assertEquals(2000, new H5adReader().read(kept).nCells(), "a named cells file is kept");
        LocalSpark.Said refused = LocalSpark.run(concat(common, "-i", table.toString(), "-o", dir.resolve("k2.scgmvae").toString(), "--cells-file", kept.toString()));
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("--cells-file exists already: " + kept), refused.err());
        refused = LocalSpark.run(concat(common, "-i", h5ad.toString(), "-o", dir.resolve("k3.scgmvae").toString(), "--cells-file",
                dir.resolve("x.h5ad").toString()));
        assertTrue(refused.err().contains("--cells-file is for a Parquet table as the input"), refused.err());
        refused = LocalSpark.run(concat(common, "-i", dir.resolve("missing.parquet").toString(), "-o", dir.resolve("k4.scgmvae").toString()));
        assertTrue(refused.err().contains("input table not found: " + dir.resolve("missing.parquet")), refused.err());
    }

    /** Mistakes that would replace or delete a user's file, or waste the conversion, are refused first. */
    @Test
    void trainingFromATableRefusesWhatWouldReplaceAFileOrWasteTheConversion() throws Exception {
        Path earlier = Files.writeString(dir.resolve("pre.cells.h5ad"), "kept by an earlier run");
        String[] common = {"--master", "local[2]", "--labels", "cell_type", "-e", "1", "-i", table.toString()};
        LocalSpark.Said refused = LocalSpark.run(concat(common, "-o", dir.resolve("pre.scgmvae").toString()));
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("the cells file beside the model, " + earlier.toAbsolutePath() + ", exists already"), refused.err());
        assertEquals("kept by an earlier run", Files.readString(earlier), "neither overwritten nor deleted");

        refused = LocalSpark.run(concat(common, "-o", table.toString()));
        assertTrue(refused.err().contains("-o/--output is the input table " + table + " or inside it"), refused.err());
        refused = LocalSpark.run(concat(common, "-o", dir.resolve("m5.scgmvae").toString(), "--cells-file", table.resolve("x.h5ad").toString()));
        assertTrue(refused.err().contains("--cells-file is the input table " + table + " or inside it"), refused.err());

        String[] misspelt = common.clone();
        misspelt[3] = "celltype";
        refused = LocalSpark.run(concat(misspelt, "-o", dir.resolve("m6.scgmvae").toString()));
        assertTrue(refused.err().contains("no column 'celltype'; available: [cell_type"), refused.err());
        assertFalse(Files.exists(dir.resolve("m6.cells.h5ad")), "refused before the conversion");
    }

    @Test
    void annotationsRenamedByToParquetGetTheirNamesBackUnlessTheTableHasThemToo() {
        assertEquals(List.of("cell_type", "cell", "obs_source_file", "source_file"),
                ParquetToH5ad.obsNames(List.of("cell_type", "obs_cell", "obs_source_file", "source_file")));
        assertEquals(List.of("obs_x", "source_file"), ParquetToH5ad.obsNames(List.of("obs_x", "obs_source_file")),
                "only to-parquet's own renames are undone");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length + 1];
        out[0] = "train";
        System.arraycopy(a, 0, out, 1, a.length);
        System.arraycopy(b, 0, out, 1 + a.length, b.length);
        return out;
    }
}
