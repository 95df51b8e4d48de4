package org.scgmvae.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.model.TrainedModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From .h5ad to .h5ad, predict and encode read, prepare and write the cells a block at a time: the results and the copied
 * parts of the file are those of the whole file read at once.
 */
class BlockwiseCliTest {

    @TempDir
    static Path dir;
    static Path data;
    static TrainedModel model;
    static Path modelFile;

    @BeforeAll
    static void trainOnCounts() throws Exception {
        AnnData counts = SimulatedCounts.generate(new SimulatedCounts.Spec(230, 60, new double[] {0.5, 0.3, 0.2}, 5, 2.0, 5, 2, 1.5, 2000, 5.0, 3));
        float[] pca = new float[counts.nCells() * 3];
        for (int i = 0; i < pca.length; i++) {
            pca[i] = i % 7 - 3;
        }
        counts = counts.withObsm("X_pca", new DenseMatrix(counts.nCells(), 3, pca));
        data = dir.resolve("counts.h5ad");
        H5adWriter.write(counts, data, true);
        modelFile = dir.resolve("m.scgmvae");
        CliTest.Run r = CliTest.run("train", "-i", data.toString(), "--input-kind", "counts", "--n-top-genes", "30", "--condition", "condition",
                "-k", "3", "--z-dim", "4", "--w-dim", "2", "--encoder", "16", "--decoder", "16", "-e", "2", "-o", modelFile.toString());
        assertEquals(0, r.code(), r.err());
        model = ModelFile.load(modelFile);
    }

    @Test
    void predictInBlocksEqualsTheWholeFileAndCopiesEveryPart() throws Exception {
        Path out = dir.resolve("pred.h5ad");
        CliTest.Run r = CliTest.run("predict", "-m", modelFile.toString(), "-i", data.toString(), "-o", out.toString(), "--block-cells", "37");
        assertEquals(0, r.code(), r.err());
        AnnData in = new H5adReader().read(data);
        AnnData got = new H5adReader().read(out);
        Predictor.Predictions whole = Predictor.predict(model, InferenceInput.prepare(model, in, null, null).input());
        DenseMatrix probs = got.obsm().get(ResultAnnotations.PROBS);
        for (int i = 0; i < in.nCells(); i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(whole.probabilities()[i][k], probs.get(i, k), 1e-5, "cell " + i);
            }
        }
        assertEquals(in.nCells(), got.nCells());
        assertArrayEquals(in.cellNames(), got.cellNames());
        assertArrayEquals(in.geneNames(), got.geneNames());
        assertSame(in.x(), got.x(), "X");
        assertSame(in.layers().get("counts"), got.layers().get("counts"), "counts layer");
        assertSame(in.obsm().get("X_pca"), got.obsm().get("X_pca"), "obsm X_pca");
        assertEquals(in.obs().categorical("condition").categories(), got.obs().categorical("condition").categories());
        assertTrue(got.obs().has(ResultAnnotations.LABEL) && got.obs().has(ResultAnnotations.COMPONENT));

        Path noX = dir.resolve("pred-nox.h5ad");
        assertEquals(0, CliTest.run("predict", "-m", modelFile.toString(), "-i", data.toString(), "-o", noX.toString(), "--no-x",
                "--block-cells", "100").code());
        try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(noX)) {
            assertTrue(!h5.getChildren().containsKey("X") && h5.getByPath("obsm/" + ResultAnnotations.PROBS) != null, "--no-x: no X, the results");
        }
        // predicting an earlier output again says which results it replaces, on both routes
        for (String[] route : new String[][] {{"--block-cells", "37"}, {}}) {
            java.util.List<String> args = new java.util.ArrayList<>(List.of("predict", "-m", modelFile.toString(), "-i", out.toString(), "-o",
                    dir.resolve("again.h5ad").toString()));
            args.addAll(List.of(route));
            CliTest.Run again = CliTest.run(args.toArray(String[]::new));
            assertEquals(0, again.code(), again.err());
            assertTrue(again.err().contains("note: the input holds obs 'gmvae_component', obs 'gmvae_label', obs 'gmvae_probability', obsm"
                    + " 'X_gmvae_probs' already (an earlier run's results?): replaced by this run's in the output"), again.err());
        }
    }

    @Test
    void encodeInBlocksEqualsTheWholeFile() throws Exception {
        Path out = dir.resolve("enc.h5ad");
        CliTest.Run r = CliTest.run("encode", "-m", modelFile.toString(), "-i", data.toString(), "-o", out.toString(), "--block-cells", "50");
        assertEquals(0, r.code(), r.err());
        AnnData in = new H5adReader().read(data);
        LatentEncoder.Latents whole = LatentEncoder.encode(model, InferenceInput.prepare(model, in, null, null).input(), false, 42);
        AnnData got = new H5adReader().read(out);
        assertClose(whole.z(), got.obsm().get(ResultAnnotations.Z), "z");
        assertClose(whole.w(), got.obsm().get(ResultAnnotations.W), "w");
        assertSame(in.x(), got.x(), "X");
    }

    @Test
    void flipInBlocksEqualsTheWholeFileInExpressionUnitsAndItsLayer() throws Exception {
        Path out = dir.resolve("flip.h5ad");
        CliTest.Run r = CliTest.run("flip", "-m", modelFile.toString(), "-i", data.toString(), "--target", "stim", "-o", out.toString(),
                "--block-cells", "37");
        assertEquals(0, r.code(), r.err());
        AnnData in = new H5adReader().read(data);
        AnnData got = new H5adReader(new ReadOptions(false, false, Set.of("*"))).read(out); // every layer
        InferenceInput prepared = InferenceInput.prepare(model, in, null, null);
        AnnData whole = OutputUnits.EXPRESSION.cells(model, ConditionFlipper.flip(model, prepared.input(), "stim"), prepared.data().obs(),
                DataFrame.ofIndex(prepared.data().geneNames()));
        assertArrayEquals(in.cellNames(), got.cellNames());
        assertArrayEquals(whole.geneNames(), got.geneNames());
        assertEquals(30, got.nGenes(), "the model's genes");
        assertClose(DenseMatrix.copyOf(whole.x()), DenseMatrix.copyOf(got.x()), "X in expression units");
        String layer = OutputUnits.layerName(model);
        assertEquals(whole.layers().keySet(), got.layers().keySet());
        assertClose(DenseMatrix.copyOf(whole.layers().get(layer)), DenseMatrix.copyOf(got.layers().get(layer)), "layer " + layer);
        assertEquals(List.of("stim"), got.obs().categorical("gmvae_flipped_to").categories());
        // predicted cells of the target: the condition column says so (the model's conditions as categories), the source stays
        assertEquals(model.conditionNames(), got.obs().categorical("condition").categories());
        for (int i = 0; i < got.nCells(); i++) {
            assertEquals("stim", got.obs().categorical("condition").stringValue(i));
            assertEquals(in.obs().categorical("condition").stringValue(i), got.obs().categorical("gmvae_flipped_from").stringValue(i));
        }
        // Python's spelling of a condition ('STIM' for 'stim') is taken, with a note
        CliTest.Run upper = CliTest.run("flip", "-m", modelFile.toString(), "-i", data.toString(), "--target", "STIM", "-o",
                dir.resolve("flip_upper.h5ad").toString(), "--block-cells", "37");
        assertEquals(0, upper.code(), upper.err());
        assertTrue(upper.err().contains("note: --target 'STIM' is taken as the model's condition 'stim'"), upper.err());
    }

    @Test
    void flipInBlocksOfACountModelWithLabelsAndInModelUnitsEqualsTheWholeFile() throws Exception {
        Path nbFile = dir.resolve("nb.scgmvae");
        CliTest.Run t = CliTest.run("train", "-i", data.toString(), "--input-kind", "counts", "--n-top-genes", "30", "--condition", "condition",
                "--labels", "cell_type", "--likelihood", "negative_binomial", "-k", "0", "--z-dim", "4", "--w-dim", "2", "--encoder", "16",
                "--decoder", "16", "-e", "1", "-o", nbFile.toString());
        assertEquals(0, t.code(), t.err());
        TrainedModel nb = ModelFile.load(nbFile);
        AnnData in = new H5adReader().read(data);
        InferenceInput prepared = InferenceInput.prepare(nb, in, null, "cell_type");
        assertTrue(java.util.Arrays.stream(prepared.input().labels()).allMatch(k -> k >= 0), "every cell's label known");
        for (OutputUnits units : OutputUnits.values()) {
            Path out = dir.resolve("flip-nb-" + units + ".h5ad");
            CliTest.Run r = CliTest.run("flip", "-m", nbFile.toString(), "-i", data.toString(), "--target", "stim", "--labels", "cell_type",
                    "--units", units.name(), "-o", out.toString(), "--block-cells", "50");
            assertEquals(0, r.code(), r.err());
            AnnData got = new H5adReader(new ReadOptions(false, false, Set.of("*"))).read(out);
            AnnData whole = units.cells(nb, ConditionFlipper.flip(nb, prepared.input(), "stim"), prepared.data().obs(),
                    DataFrame.ofIndex(prepared.data().geneNames()));
            assertClose(DenseMatrix.copyOf(whole.x()), DenseMatrix.copyOf(got.x()), units + ": X");
            assertEquals(Set.of("counts"), got.layers().keySet(), units + ": the expected counts as a layer");
            assertClose(DenseMatrix.copyOf(whole.layers().get("counts")), DenseMatrix.copyOf(got.layers().get("counts")), units + ": counts");
        }
    }

    @Test
    void trainOnDiskReadsTheCellsInBlocksAndRefusesWhatNeedsThemInMemory() throws Exception {
        Path m = dir.resolve("disk.scgmvae");
        CliTest.Run r = CliTest.run("train", "-i", data.toString(), "--input-kind", "counts", "--n-top-genes", "30", "--labels", "cell_type",
                "--z-dim", "4", "--w-dim", "2", "--encoder", "16", "--decoder", "16", "-e", "3", "-o", m.toString(), "--on-disk");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("read AnnData 230 cells x 60 genes (sparse)") && r.err().contains("(on disk)"), r.err());
        assertTrue(r.out().contains("trained GMVAE SUPERVISED on 230 cells x 30 features"), r.out());
        assertEquals(ModelFile.load(modelFile).preprocessing().targetSum(), ModelFile.load(m).preprocessing().targetSum(),
                "the same normalisation target as the model trained in memory");

        Path csv = dir.resolve("cells.csv");
        java.nio.file.Files.writeString(csv, "cell,g1,g2\nc1,1,2\nc2,3,4\n");
        CliTest.Run notH5ad = CliTest.run("train", "-i", csv.toString(), "-o", dir.resolve("c.scgmvae").toString(), "--on-disk");
        assertEquals(1, notH5ad.code());
        assertTrue(notH5ad.err().contains("--on-disk reads .h5ad files a block of cells at a time; cells.csv is not one"), notH5ad.err());
        CliTest.Run report = CliTest.run("train", "-i", data.toString(), "-o", dir.resolve("r.scgmvae").toString(), "--on-disk",
                "--report", dir.resolve("rep").toString());
        assertEquals(1, report.code());
        assertTrue(report.err().contains("--on-disk cannot be combined with --report"), report.err());
    }

    @Test
    void leidenOnDiskGivesTheClustersOfLeidenInMemoryAndGuidedTrainingRunsOnDisk() throws Exception {
        Path inMemory = dir.resolve("leiden.h5ad");
        Path onDisk = dir.resolve("leiden-disk.h5ad");
        assertEquals(0, CliTest.run("leiden", "-i", data.toString(), "--input-kind", "counts", "-o", inMemory.toString(),
                "--no-x").code());
        CliTest.Run r = CliTest.run("leiden", "-i", data.toString(), "--input-kind", "counts", "-o", onDisk.toString(),
                "--on-disk");
        assertEquals(0, r.code(), r.err());
        var a = new H5adReader().readAnnotations(inMemory).obs().categorical("leiden");
        AnnData b = new H5adReader().read(onDisk);
        var bl = b.obs().categorical("leiden");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.stringValue(i), bl.stringValue(i), "cell " + i);
        }
        assertSame(new H5adReader().read(data).x(), b.x(), "X copied from disk");

        CliTest.Run guided = CliTest.run("train", "-i", data.toString(), "--input-kind", "counts", "--n-top-genes", "30", "--guided", "leiden",
                "--guided-epochs", "1", "--z-dim", "4", "--w-dim", "2", "--encoder", "16", "--decoder", "16", "-e", "1", "--on-disk", "-o",
                dir.resolve("guided.scgmvae").toString());
        assertEquals(0, guided.code(), guided.err());
        assertTrue(guided.out().contains("trained GMVAE GUIDED on 230 cells"), guided.out());

        // Leiden's guide from a sample read off the disk: the run says so and stays guided
        CliTest.Run sampled = CliTest.run("train", "-i", data.toString(), "--input-kind", "counts", "--n-top-genes", "30", "-k", "3",
                "--guide-cells", "100", "--guided-epochs", "1", "--z-dim", "4", "--w-dim", "2", "--encoder", "16", "--decoder", "16", "-e",
                "1", "--on-disk", "-o", dir.resolve("sampled.scgmvae").toString());
        assertEquals(0, sampled.code(), sampled.err());
        assertTrue(sampled.err().contains("note: Leiden's guide is a seeded sample of 100 of the 230 cells (the guide-cells setting);"
                + " the others train unlabelled in the guided phase"), sampled.err());
        assertTrue(sampled.out().contains("trained GMVAE GUIDED on 230 cells"), sampled.out());
        assertEquals(100, ModelFile.load(dir.resolve("sampled.scgmvae")).summary().provenance().settings().get("guideCells"));

        // with labels there is no guide: the option is said to be ignored, and not recorded
        CliTest.Run labelled = CliTest.run("train", "-i", data.toString(), "--input-kind", "counts", "--n-top-genes", "30", "--labels",
                "cell_type", "--guide-cells", "100", "--z-dim", "4", "--w-dim", "2", "--encoder", "16", "--decoder", "16", "-e", "1",
                "-o", dir.resolve("labelled.scgmvae").toString());
        assertEquals(0, labelled.code(), labelled.err());
        assertTrue(labelled.err().contains("warning: --guide-cells applies to Leiden's guide only; with --labels it is ignored"),
                labelled.err());
        assertEquals(null, ModelFile.load(dir.resolve("labelled.scgmvae")).summary().provenance().settings().get("guideCells"));
    }

    @Test
    void blockSizeOutOfRangeIsAUsageError() {
        CliTest.Run r = CliTest.run("predict", "-m", modelFile.toString(), "-i", data.toString(), "-o", dir.resolve("x.h5ad").toString(),
                "--block-cells", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--block-cells must be from 1 to"), r.err());
    }

    private static void assertSame(ExpressionMatrix expected, ExpressionMatrix actual, String what) {
        assertEquals(expected.nCells(), actual.nCells(), what);
        assertEquals(expected.nGenes(), actual.nGenes(), what);
        assertEquals(expected.isSparse(), actual.isSparse(), what);
        for (int i = 0; i < expected.nCells(); i++) {
            assertArrayEquals(expected.row(i, new float[expected.nGenes()]), actual.row(i, new float[actual.nGenes()]), what + " row " + i);
        }
    }

    private static void assertClose(DenseMatrix expected, DenseMatrix actual, String what) {
        assertEquals(expected.nCells(), actual.nCells(), what);
        assertEquals(expected.nGenes(), actual.nGenes(), what);
        float[] e = expected.values();
        float[] a = actual.values();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5 * Math.max(1, Math.abs(e[i])), what + " value " + i); // expected counts run to hundreds
        }
    }
}
