package org.scgmvae.core.infer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.eval.PerturbationMetrics;
import org.scgmvae.core.io.DataFileException;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.ToyModelFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InferenceTest {

    private static double[] blobMean(AnnData d, String type, String cond) {
        CategoricalColumn t = d.obs().categorical("cell_type");
        CategoricalColumn c = d.obs().categorical("condition");
        int[] rows = IntStream.range(0, d.nCells()).filter(i -> type.equals(t.stringValue(i)) && cond.equals(c.stringValue(i))).toArray();
        return PerturbationMetrics.columnMeans(d.x(), rows);
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void flippingMovesControlCellsToTheStimulatedBlob() {
        ModelTrainer.Outcome o = ToyModelFixture.supervised();
        AnnData toy = ToyModelFixture.data();
        InferenceInput in = InferenceInput.prepare(o.model(), toy, null, "cell_type");
        for (String type : new String[] {"class0", "class1", "class2", "class3", "class4"}) {
            CategoricalColumn t = toy.obs().categorical("cell_type");
            CategoricalColumn c = toy.obs().categorical("condition");
            int[] ctrl = IntStream.range(0, toy.nCells()).filter(i -> type.equals(t.stringValue(i)) && "ctrl".equals(c.stringValue(i))).toArray();
            double[] stim = blobMean(toy, type, "stim");
            double[] ctrlMean = blobMean(toy, type, "ctrl");
            // the prototype of the component (PRIOR_MEAN) lands closest on these round blobs; the cell's own z (ENCODED,
            // the default, better on real cells) keeps some of each cell's offset, so its bar is looser
            for (ConditionFlipper.Mode mode : ConditionFlipper.Mode.values()) {
                DenseMatrix flipped = ConditionFlipper.flip(o.model(), in.input().select(ctrl), "stim", mode);
                double[] predicted = PerturbationMetrics.columnMeans(flipped, null);
                double toStim = dist(predicted, stim);
                double toCtrl = dist(predicted, ctrlMean);
                double bar = mode == ConditionFlipper.Mode.PRIOR_MEAN ? 0.25 : 0.4;
                assertTrue(toStim < bar * toCtrl, type + " " + mode + ": flipped mean is " + toStim + " from the stim blob and " + toCtrl + " from ctrl");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ConditionFlipper.flip(o.model(), in.input(), "heat-shock"));
    }

    @Test
    void everyFileOneModelAnnotatesHasTheModelsLabelCategoriesInItsOrder() {
        ModelTrainer.Outcome o = ToyModelFixture.supervised();
        AnnData toy = ToyModelFixture.data();
        CategoricalColumn truth = toy.obs().categorical("cell_type");
        // two files whose cells first show the types in opposite orders, one of them without class2 at all
        int[] forward = IntStream.range(0, toy.nCells()).filter(i -> !"class2".equals(truth.stringValue(i))).toArray();
        int[] backward = IntStream.range(0, toy.nCells()).map(i -> toy.nCells() - 1 - i).toArray();
        CategoricalColumn a = labelsOf(o.model(), toy.selectCells(forward));
        CategoricalColumn b = labelsOf(o.model(), toy.selectCells(backward));
        List<String> expected = o.model().labelNames();
        assertEquals(List.of("class0", "class1", "class2", "class3", "class4"), expected);
        assertEquals(expected, a.categories(), "a file without class2 still lists it, in the model's order");
        assertEquals(expected, b.categories());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(expected.get(a.codes()[i]), a.stringValue(i), "cell " + i + ": its code names its label");
        }
        // the order of first appearance, which the categories followed before, is not the model's in the reversed file
        List<String> seen = IntStream.range(0, b.size()).mapToObj(b::stringValue).distinct().toList();
        assertFalse(seen.equals(expected), "the reversed file must first show the types in another order: " + seen);
        // the components alike, as a category of their numbers (scanpy draws groups, not a colour bar)
        AnnData cells = toy.selectCells(forward);
        Predictor.Predictions p = Predictor.predict(o.model(), InferenceInput.prepare(o.model(), cells, null, null).input());
        CategoricalColumn comp = (CategoricalColumn) ResultAnnotations.withPredictions(cells, p, o.model()).obs().column(ResultAnnotations.COMPONENT);
        assertEquals(List.of("0", "1", "2", "3", "4"), comp.categories());
        for (int i = 0; i < comp.size(); i++) {
            assertEquals(Integer.toString(p.components()[i]), comp.stringValue(i));
        }
    }

    @Test
    void onePassGivesThePredictionsAndLatentsOfTwo() {
        ModelTrainer.Outcome o = ToyModelFixture.trained();
        var input = InferenceInput.prepare(o.model(), ToyModelFixture.data(), null, null).input();
        Predictor.Predictions p = Predictor.predict(o.model(), input);
        LatentEncoder.Latents l = LatentEncoder.encode(o.model(), input, false, 0);
        Predictor.WithLatents both = Predictor.predictWithLatents(o.model(), input, org.scgmvae.core.task.Progress.NONE);
        assertArrayEquals(p.components(), both.predictions().components());
        assertArrayEquals(p.labels(), both.predictions().labels());
        for (int i = 0; i < p.probabilities().length; i++) {
            assertArrayEquals(p.probabilities()[i], both.predictions().probabilities()[i], "cell " + i);
        }
        assertArrayEquals(l.z().values(), both.latents().z().values());
        assertArrayEquals(l.w().values(), both.latents().w().values());
    }

    private static CategoricalColumn labelsOf(TrainedModel model, AnnData cells) {
        Predictor.Predictions p = Predictor.predict(model, InferenceInput.prepare(model, cells, null, null).input());
        return ResultAnnotations.withPredictions(cells, p, model).obs().categorical(ResultAnnotations.LABEL);
    }

    @Test
    void generatedCellsLieNearTheirBlob() {
        ModelTrainer.Outcome o = ToyModelFixture.trained();
        AnnData toy = ToyModelFixture.data();
        AnnData gen = CellGenerator.generate(o.model(), 20, false, 3);
        int k = o.model().config().nComponents();
        assertEquals(20 * k * 2, gen.nCells());
        assertEquals(16, gen.nGenes());
        CategoricalColumn label = gen.obs().categorical("label");
        CategoricalColumn cond = gen.obs().categorical("condition");
        int checked = 0;
        for (String type : new String[] {"class0", "class1", "class2", "class3", "class4"}) {
            for (String c : new String[] {"ctrl", "stim"}) {
                int[] rows = IntStream.range(0, gen.nCells()).filter(i -> type.equals(label.stringValue(i)) && c.equals(cond.stringValue(i))).toArray();
                if (rows.length == 0) {
                    continue;
                }
                double[] g = PerturbationMetrics.columnMeans(gen.x(), rows);
                // the nearest real blob of the generated cells is the one they are labelled with
                String nearest = null;
                double best = Double.MAX_VALUE;
                for (String t2 : new String[] {"class0", "class1", "class2", "class3", "class4"}) {
                    for (String c2 : new String[] {"ctrl", "stim"}) {
                        double d = dist(g, blobMean(toy, t2, c2));
                        if (d < best) {
                            best = d;
                            nearest = t2 + "/" + c2;
                        }
                    }
                }
                assertEquals(type + "/" + c, nearest, "generated " + type + "/" + c);
                checked++;
            }
        }
        assertEquals(10, checked, "every class and condition is generated by some component");
    }

    @Test
    void savedModelPredictsBitIdentically(@TempDir Path dir) throws Exception {
        ModelTrainer.Outcome o = ToyModelFixture.trained();
        AnnData toy = ToyModelFixture.data();
        Path file = dir.resolve("toy.scgmvae");
        ModelFile.save(o.model(), file);
        TrainedModel loaded = ModelFile.load(file);
        assertEquals(o.model().config(), loaded.config());
        assertEquals(o.model().componentLabels(), loaded.componentLabels());
        assertEquals(o.model().conditionNames(), loaded.conditionNames());
        Predictor.Predictions a = Predictor.predict(o.model(), InferenceInput.prepare(o.model(), toy, null, null).input());
        Predictor.Predictions b = Predictor.predict(loaded, InferenceInput.prepare(loaded, toy, null, null).input());
        assertArrayEquals(a.components(), b.components());
        for (int i = 0; i < a.probabilities().length; i++) {
            assertArrayEquals(a.probabilities()[i], b.probabilities()[i], 0f, "cell " + i);
        }
        LatentEncoder.Latents la = LatentEncoder.encode(o.model(), InferenceInput.prepare(o.model(), toy, null, null).input(), false, 1);
        LatentEncoder.Latents lb = LatentEncoder.encode(loaded, InferenceInput.prepare(loaded, toy, null, null).input(), false, 1);
        assertArrayEquals(la.z().values(), lb.z().values(), 0f);
        assertArrayEquals(la.w().values(), lb.w().values(), 0f);
        assertEquals(o.model().styles(), loaded.styles(), "component styles survive the file");
        assertArrayEquals(((DenseMatrix) CellGenerator.generate(o.model(), 3, false, 5).x()).values(),
                ((DenseMatrix) CellGenerator.generate(loaded, 3, false, 5).x()).values(), 0f, "generated cells");
    }

    /** Generation draws w from the components' fitted styles; a model file without them (written before they existed) falls back to the prior. */
    @Test
    void generationDrawsWFromTheComponentsStylesOrThePriorWithoutThem() throws Exception {
        TrainedModel model = ToyModelFixture.trained().model();
        assertNotNull(model.styles(), "training fits the styles");
        float[] cells = ((DenseMatrix) CellGenerator.generate(model, 3, false, 5).x()).values();
        float[] prior = ((DenseMatrix) CellGenerator.generate(model, 3, false, 5, OutputUnits.EXPRESSION, CellGenerator.StyleSource.PRIOR).x()).values();
        assertFalse(java.util.Arrays.equals(cells, prior), "w from the styles differs from w from the prior");
        TrainedModel old = ModelFile.fromBytes(ModelFile.toBytes(model.withStyles(null)));
        assertNull(old.styles());
        assertArrayEquals(prior, ((DenseMatrix) CellGenerator.generate(old, 3, false, 5).x()).values(), 0f, "no styles: the prior");
    }

    /**
     * Shares of the draws (as Spark's tasks make them) give the cells of one generation, with z at each component's mean and
     * drawn ({@code --sample-z}): same names and numbers, the same values up to rounding (the BLAS sums in another order for
     * another number of rows).
     */
    @Test
    void sharesOfTheDrawsGiveTheCellsOfOneGeneration() {
        TrainedModel model = ToyModelFixture.trained().model();
        for (boolean sampleZ : new boolean[] {false, true}) {
            AnnData whole = CellGenerator.generate(model, 7, sampleZ, 11);
            float[] eps = CellGenerator.noise(model, 7, 11);
            java.util.Map<String, Integer> row = new java.util.HashMap<>();
            IntStream.range(0, whole.nCells()).forEach(i -> row.put(whole.cellNames()[i], i));
            int seen = 0;
            for (int[] share : new int[][] {{0, 3}, {3, 4}, {4, 7}}) {
                AnnData part = CellGenerator.generateDraws(model, eps, share[0], share[1],
                        sampleZ ? CellGenerator.zNoise(model, 7, 11, share[0], share[1]) : null, OutputUnits.EXPRESSION,
                        CellGenerator.StyleSource.CELLS, org.scgmvae.core.task.Progress.NONE);
                for (int i = 0; i < part.nCells(); i++, seen++) {
                    int w = row.get(part.cellNames()[i]);
                    for (String col : new String[] {"component", "label", "condition", "sample"}) {
                        assertEquals(whole.obs().column(col).stringValue(w), part.obs().column(col).stringValue(i), col);
                    }
                    for (int j = 0; j < whole.nGenes(); j++) {
                        assertEquals(whole.x().get(w, j), part.x().get(i, j), 1e-5 * Math.max(1, Math.abs(whole.x().get(w, j))),
                                (sampleZ ? "z drawn: " : "z at the mean: ") + part.cellNames()[i]);
                    }
                }
            }
            assertEquals(whole.nCells(), seen);
        }
        float[] mean = ((DenseMatrix) CellGenerator.generate(model, 7, false, 11).x()).values();
        float[] drawn = ((DenseMatrix) CellGenerator.generate(model, 7, true, 11).x()).values();
        assertFalse(java.util.Arrays.equals(mean, drawn), "drawing z changes the cells");
    }

    /** The DELTA flip needs the condition shifts fitted at training time; a model file written before them says what to do. */
    @Test
    void deltaFlipOnAModelFileWithoutShiftsSaysWhichModeStillWorks() throws Exception {
        TrainedModel model = ToyModelFixture.supervised().model();
        assertNotNull(model.shifts(), "training a cGMVAE fits the shifts");
        assertEquals(model.shifts(), ModelFile.fromBytes(ModelFile.toBytes(model)).shifts(), "shifts survive the file");
        TrainedModel old = ModelFile.fromBytes(ModelFile.toBytes(model.withShifts(null)));
        InferenceInput in = InferenceInput.prepare(old, ToyModelFixture.data(), null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConditionFlipper.flip(old, in.input(), "stim", ConditionFlipper.Mode.DELTA));
        assertTrue(e.getMessage().contains("no condition shifts") && e.getMessage().contains("ENCODED"), e.getMessage());
        ConditionFlipper.flip(old, in.input(), "stim", ConditionFlipper.Mode.ENCODED);
    }

    @Test
    void damagedOrNewerModelFilesAreRejectedClearly(@TempDir Path dir) throws Exception {
        ModelTrainer.Outcome o = ToyModelFixture.trained();
        byte[] bytes = ModelFile.toBytes(o.model());
        Path truncated = dir.resolve("truncated.scgmvae");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        DataFileException e1 = assertThrows(DataFileException.class, () -> ModelFile.load(truncated));
        assertTrue(e1.getMessage().contains("truncated.scgmvae"), e1.getMessage());

        Path newer = dir.resolve("newer.scgmvae");
        rewriteEntry(bytes, newer, "format.json", s -> s.replace("\"version\" : 1", "\"version\" : 7"));
        DataFileException e2 = assertThrows(DataFileException.class, () -> ModelFile.load(newer));
        assertTrue(e2.getMessage().contains("version 7 is newer"), e2.getMessage());

        Path flipped = dir.resolve("flipped.scgmvae");
        rewriteEntry(bytes, flipped, "parameters.f32", null);
        DataFileException e3 = assertThrows(DataFileException.class, () -> ModelFile.load(flipped));
        assertTrue(e3.getMessage().contains("corrupted"), e3.getMessage());

        Path notAModel = dir.resolve("cells.csv");
        Files.writeString(notAModel, "cell,g1\nc1,1\n");
        DataFileException e4 = assertThrows(DataFileException.class, () -> ModelFile.load(notAModel));
        assertTrue(e4.getMessage().contains("cells.csv"), e4.getMessage());
    }

    /** Copies a model zip, editing one text entry (or flipping a byte of a binary entry when edit is null). */
    private static void rewriteEntry(byte[] model, Path out, String entry, java.util.function.UnaryOperator<String> edit) throws Exception {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(model));
             var zos = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    if (edit == null) {
                        data[data.length / 2] ^= 0x40;
                    } else {
                        data = edit.apply(new String(data, java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
                zos.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zos.write(data);
                zos.closeEntry();
            }
        }
    }
}
