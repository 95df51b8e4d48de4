package org.scgmvae.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.core.infer.BlockwiseApplication;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;


import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distributed inference in Spark's local mode on the real Kang control cells, split into two files: every cell's results
 * are those of the single-machine commands on the same files.
 */
class SparkInferenceTest {

    @TempDir
    static Path dir;
    static List<Path> files;
    static TrainedModel model;
    static Path modelFile;
    static TrainedModel conditional;
    static Path conditionalFile;
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws Exception {
        Path kang = LocalSpark.kangControl();
        AnnData cells = new H5adReader().read(kang);
        Path a = dir.resolve("donors_a.h5ad");
        Path b = dir.resolve("donors_b.h5ad");
        H5adWriter.write(cells.selectCells(IntStream.range(0, 5000).toArray()), a, true);
        H5adWriter.write(cells.selectCells(IntStream.range(5000, cells.nCells()).toArray()), b, true);
        files = List.of(a, b);
        model = ModelTrainer.train(TrainingRequest.of(cells.selectCells(IntStream.range(0, 3000).toArray()))
                        .withPreprocess(PreprocessConfig.defaults()).withLabels("cell_type")
                        .withArchitecture(ArchitectureOptions.defaults().withHidden(new int[] {64}, new int[] {64}))
                        .withTraining(TrainingConfig.defaults().withEpochs(2)),
                TrainingListener.NONE, CancellationToken.NEVER).model();
        // a cGMVAE with the donors as the condition, for the flip (decode every cell as if from one donor)
        conditional = ModelTrainer.train(TrainingRequest.of(cells.selectCells(IntStream.range(0, 3000).toArray()))
                        .withPreprocess(PreprocessConfig.defaults()).withLabels("cell_type").withConditions("sample_id")
                        .withArchitecture(ArchitectureOptions.defaults().withHidden(new int[] {64}, new int[] {64}))
                        .withTraining(TrainingConfig.defaults().withEpochs(2)),
                TrainingListener.NONE, CancellationToken.NEVER).model();
        conditionalFile = dir.resolve("kang_donors.scgmvae");
        ModelFile.save(conditional, conditionalFile);
        modelFile = dir.resolve("kang.scgmvae");
        ModelFile.save(model, modelFile);
        spark = LocalSpark.start("scgmvae-test");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void distributedPredictionsEqualTheSingleMachineOnes() throws Exception {
        List<Row> rows = SparkInference.predict(spark, model, files, null, 1500).collectAsList();
        assertEquals(12261, rows.size());
        Map<String, Row> byCell = new HashMap<>();
        rows.forEach(r -> byCell.put(r.getString(0) + "#" + r.getInt(2), r));
        for (Path f : files) {
            try (H5adCellBlocks cells = H5adCellBlocks.open(f, ReadOptions.defaults())) {
                BlockwiseApplication.Predicted single = BlockwiseApplication.predict(model, cells, null, 8192, Progress.NONE);
                for (int i = 0; i < cells.nCells(); i++) {
                    Row r = byCell.get(f.toAbsolutePath() + "#" + i);
                    assertEquals(cells.annotations().cellNames()[i], r.getString(1));
                    assertEquals(single.predictions().components()[i], r.getInt(3), "component of cell " + i + " of " + f.getFileName());
                    assertEquals(single.predictions().labels()[i], r.getString(4));
                    List<Object> p = r.getList(6);
                    for (int k = 0; k < p.size(); k++) {
                        assertEquals(single.predictions().probabilities()[i][k], ((Number) p.get(k)).floatValue(), 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void distributedLatentsEqualTheSingleMachineOnes() throws Exception {
        List<Row> rows = SparkInference.encode(spark, model, files.subList(1, 2), null, 2000).collectAsList();
        try (H5adCellBlocks cells = H5adCellBlocks.open(files.get(1), ReadOptions.defaults())) {
            BlockwiseApplication.Encoded single = BlockwiseApplication.encode(model, cells, null, false, 0, 8192, Progress.NONE);
            assertEquals(cells.nCells(), rows.size());
            int dz = model.config().zDim();
            for (Row r : rows) {
                int i = r.getInt(2);
                List<Object> z = r.getList(3);
                for (int j = 0; j < dz; j++) {
                    assertEquals(single.latents().z().values()[i * dz + j], ((Number) z.get(j)).floatValue(), 1e-5, "z of cell " + i);
                }
            }
        }
    }

    @Test
    void submitEntryPointWritesParquetAndOneH5adPerFile() throws Exception {
        Path out = dir.resolve("results");
        int code = ScGmvaeSpark.execute("predict", "--master", "local[2]", "-m", modelFile.toString(), "-o", out.toString(), "--h5ad",
                "--block-cells", "4000", files.get(0).toString(), files.get(1).toString());
        assertEquals(0, code);
        assertEquals(12261, spark.read().parquet(out.resolve("predict.parquet").toString()).count());
        AnnData a = new H5adReader().read(files.get(0));
        try (H5adCellBlocks cells = H5adCellBlocks.open(files.get(0), ReadOptions.defaults())) {
            BlockwiseApplication.Predicted single = BlockwiseApplication.predict(model, cells, null, 8192, Progress.NONE);
            AnnData written = new H5adReader().readAnnotations(out.resolve("donors_a_predict.h5ad"));
            assertArrayEquals(a.cellNames(), written.cellNames());
            var labels = written.obs().categorical(ResultAnnotations.LABEL);
            assertArrayEquals(single.predictions().labels(), IntStream.range(0, labels.size()).mapToObj(labels::stringValue).toArray());
        }
        assertEquals(1, ScGmvaeSpark.execute("predict", "-m", modelFile.toString(), "-o", out.toString(), dir.resolve("none.h5ad").toString()));
    }

    /** Inputs that would lose or repeat cells are refused before any task; a file without some model genes is named. */
    @Test
    void repeatedOrCollidingInputsAreRefusedAndFilesWithoutModelGenesNamed() throws Exception {
        Path out = dir.resolve("checks");
        LocalSpark.Said twice = LocalSpark.run("predict", "--master", "local[2]", "-m", modelFile.toString(), "-o", out.toString(),
                files.get(0).toString(), files.get(0).toString());
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("input " + files.get(0) + " is given twice: its cells would be in the results twice"), twice.err());
        Path sameName = java.nio.file.Files.createDirectories(dir.resolve("other")).resolve(files.get(0).getFileName());
        java.nio.file.Files.copy(files.get(1), sameName);
        LocalSpark.Said clash = LocalSpark.run("predict", "--master", "local[2]", "-m", modelFile.toString(), "-o", out.toString(), "--h5ad",
                files.get(0).toString(), sameName.toString());
        assertEquals(1, clash.code());
        assertTrue(clash.err().contains("have the same name: --h5ad writes <name>_predict.h5ad per input into one folder"), clash.err());

        AnnData cells = new H5adReader().read(files.get(1));
        Path fewer = dir.resolve("donors_b_1000_genes.h5ad");
        H5adWriter.write(cells.selectGenes(IntStream.range(0, 1000).toArray()), fewer, true);
        LocalSpark.Said missing = LocalSpark.run("predict", "--master", "local[2]", "-m", modelFile.toString(), "-o", out.toString(),
                files.get(0).toString(), fewer.toString());
        assertEquals(0, missing.code(), missing.err());
        int modelGenes = model.preprocessing().inputGenes().length;
        assertTrue(missing.err().contains("warning: donors_b_1000_genes.h5ad: " + (modelGenes - 1000) + " of " + modelGenes
                + " model genes missing in the data (filled with zeros)"), missing.err());
        assertFalse(missing.err().contains("warning: " + files.get(0).getFileName()), "the complete file is not named: " + missing.err());

        LocalSpark.Said misspelt = LocalSpark.run("train", "--master", "local[2]", "-i", files.get(0).toString(), "-o",
                dir.resolve("never.scgmvae").toString(), "--labels", "celltype");
        assertEquals(1, misspelt.code());
        assertTrue(misspelt.err().startsWith("error: no column 'celltype'; available: [cell_type"), misspelt.err());
    }

    @Test
    void distributedFlipEqualsTheSingleMachineOne() throws Exception {
        String target = conditional.conditionNames().get(0);
        Dataset<Row> flipped = SparkInference.flip(spark, conditional, files.subList(1, 2), null, "cell_type", target,
                ConditionFlipper.DEFAULT_MODE, OutputUnits.EXPRESSION, 2000);
        String[] genes = flipped.schema().apply("values").metadata().getStringArray(SparkInference.GENES);
        assertEquals(conditional.signature().features(), List.of(genes));
        List<Row> rows = flipped.collectAsList();
        // the single-machine route of 'scgmvae flip' on the whole file
        AnnData cells = new H5adReader().read(files.get(1));
        InferenceInput in = InferenceInput.prepare(conditional, cells, null, "cell_type");
        DenseMatrix single = OutputUnits.expression(conditional, ConditionFlipper.flip(conditional, in.input(), target));
        assertEquals(cells.nCells(), rows.size());
        int g = genes.length;
        for (Row r : rows) {
            int i = r.getInt(2);
            assertEquals(target, r.getString(3));
            List<Object> v = r.getList(4);
            assertEquals(g, v.size());
            for (int j = 0; j < g; j += 97) {
                assertEquals(single.values()[i * g + j], ((Number) v.get(j)).floatValue(), 1e-4, "gene " + j + " of cell " + i);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkInference.flip(spark, conditional, files, null,
                null, "no such donor", ConditionFlipper.DEFAULT_MODE, OutputUnits.EXPRESSION, 2000));
        assertTrue(e.getMessage().contains("unknown target condition 'no such donor'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkInference.flip(spark, model, files, null, null, target,
                ConditionFlipper.DEFAULT_MODE, OutputUnits.EXPRESSION, 2000));
        assertTrue(e.getMessage().contains("needs a cGMVAE"), e.getMessage());
    }

    @Test
    void submitFlipWritesTheFlippedCellsAsH5ad() throws Exception {
        Path out = dir.resolve("flipped");
        String target = conditional.conditionNames().get(1);
        // the target in another case (Python's spelling of a condition read as text) is the model's condition, as on one machine
        assertEquals(0, ScGmvaeSpark.execute("flip", "--master", "local[2]", "-m", conditionalFile.toString(), "-o", out.toString(), "--h5ad",
                "--target", target.toUpperCase(java.util.Locale.ROOT), "--labels", "cell_type", files.get(0).toString()));
        AnnData written = new H5adReader(new ReadOptions(false, false, java.util.Set.of("*"))).read(out.resolve("donors_a_flip.h5ad"));
        AnnData cells = new H5adReader().read(files.get(0));
        assertArrayEquals(cells.cellNames(), written.cellNames());
        assertEquals(conditional.signature().features(), List.of(written.geneNames()));
        InferenceInput in = InferenceInput.prepare(conditional, cells, null, "cell_type");
        DenseMatrix modelUnits = ConditionFlipper.flip(conditional, in.input(), target);
        DenseMatrix single = OutputUnits.expression(conditional, modelUnits);
        DenseMatrix x = DenseMatrix.copyOf(written.x());
        // the layer of the model's own units, as the single-machine flip writes it next to X
        String layer = OutputUnits.layerName(conditional);
        assertEquals(OutputUnits.MODEL_LAYER, layer);
        DenseMatrix l = DenseMatrix.copyOf(written.layers().get(layer));
        for (int k = 0; k < x.values().length; k += 1009) {
            assertEquals(single.values()[k], x.values()[k], 1e-4);
            assertEquals(modelUnits.values()[k], l.values()[k], 1e-4);
        }
        assertEquals(target, written.obs().categorical("gmvae_flipped_to").stringValue(0));
        assertEquals(target, written.obs().categorical(conditional.conditionColumn()).stringValue(0), "predicted cells of the target");
        assertEquals(cells.obs().categorical(conditional.conditionColumn()).stringValue(0),
                written.obs().categorical("gmvae_flipped_from").stringValue(0));
    }

    @Test
    void distributedGenerationGivesTheCellsOfOneMachine() throws Exception {
        assertTheCellsOfOneMachine(false);
        assertTheCellsOfOneMachine(true); // --sample-z
        Path out = dir.resolve("generated");
        assertEquals(0, ScGmvaeSpark.execute("generate", "--master", "local[2]", "-m", conditionalFile.toString(), "-o", out.toString(),
                "-n", "4", "--shares", "2", "--sample-z"));
        assertEquals(4L * conditional.config().nComponents() * conditional.conditionNames().size(),
                spark.read().parquet(out.resolve("generate.parquet").toString()).count());
    }

    private void assertTheCellsOfOneMachine(boolean sampleZ) throws Exception {
        AnnData single = org.scgmvae.core.infer.CellGenerator.generate(conditional, 25, sampleZ, 7);
        Map<String, Integer> row = new HashMap<>();
        IntStream.range(0, single.nCells()).forEach(i -> row.put(single.cellNames()[i], i));
        List<Row> rows = SparkInference.generate(spark, conditional, 25, sampleZ, 7, OutputUnits.EXPRESSION,
                org.scgmvae.core.infer.CellGenerator.StyleSource.CELLS, 3).collectAsList();
        assertEquals(single.nCells(), rows.size());
        for (Row r : rows) {
            int i = row.get(r.getString(0));
            assertEquals(single.obs().column("component").stringValue(i), Integer.toString(r.getInt(1)));
            assertEquals(single.obs().column("label").stringValue(i), r.getString(2));
            assertEquals(single.obs().column("condition").stringValue(i), r.getString(3));
            assertEquals(single.obs().column("sample").stringValue(i), Integer.toString(r.getInt(4)));
            List<Object> v = r.getList(5);
            List<Object> layer = r.getList(6);
            var units = single.layers().get(OutputUnits.layerName(conditional)); // the model's own units, as one machine's layer
            assertEquals(v.size(), layer.size());
            for (int j = 0; j < v.size(); j++) {
                float expected = single.x().get(i, j);
                assertEquals(expected, ((Number) v.get(j)).floatValue(), 1e-5 * Math.max(1, Math.abs(expected)),
                        (sampleZ ? "z drawn: " : "") + r.getString(0));
                float inModelUnits = units.get(i, j);
                assertEquals(inModelUnits, ((Number) layer.get(j)).floatValue(), 1e-5 * Math.max(1, Math.abs(inModelUnits)),
                        "layer_values of " + r.getString(0));
            }
        }
    }
}
