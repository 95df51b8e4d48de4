package org.scgmvae.knime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.eval.PerturbationMetrics;
import org.scgmvae.core.io.DemoData;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.knime.node.flipper.FlipperNodeFactory;
import org.scgmvae.knime.node.learner.CgmvaeLearnerNodeFactory;
import org.scgmvae.knime.node.predictor.PredictorNodeFactory;
import org.scgmvae.knime.port.ModelPortObject;

/**
 * The nodes on real cells, as a user would chain them: the Reader reads the embedded Kang 2018 PBMCs (scGen's
 * log-normalised validation split, 7 types, control/stimulated), the cGMVAE Learner preprocesses them itself (it
 * recognises log-normalised values: HVGs and scaling, no second log), the Predictor annotates and the Condition
 * Flipper predicts the stimulated state of B cells whose stimulated cells the learner never saw.
 */
class RealCellsNodeTest {
    @TempDir
    static Path dir;

    static BufferedDataTable cells;
    static ModelPortObject model;
    static NodeHarness.Run learned;

    @BeforeAll
    static void readAndTrain() throws Exception {
        AnnData kang = DemoData.kang();
        // the B cells' stimulated cells are never trained on
        String[] type = IntStream.range(0, kang.nCells()).mapToObj(i -> kang.obs().categorical("cell_type").stringValue(i))
            .toArray(String[]::new);
        String[] cond = IntStream.range(0, kang.nCells()).mapToObj(i -> kang.obs().categorical("condition").stringValue(i))
            .toArray(String[]::new);
        int[] train = IntStream.range(0, kang.nCells()).filter(i -> !("B".equals(type[i]) && "stimulated".equals(cond[i]))).toArray();
        Path all = dir.resolve("kang.h5ad");
        Path trainFile = dir.resolve("kang_train.h5ad");
        H5adWriter.write(kang, all, true);
        H5adWriter.write(kang.selectCells(train), trainFile, true);
        cells = read(all);
        NodeModel learner = new CgmvaeLearnerNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(learner);
        s.addString("label_column", "cell_type");
        s.addString("condition_column", "condition");
        s.addBoolean("input_normalized", false);
        s.addInt("n_top_genes", 1000);
        s.addInt("epochs", 30);
        NodeHarness.loadSettings(learner, s);
        learned = NodeHarness.execute(learner, read(trainFile));
        model = (ModelPortObject)learned.outputs()[0];
    }

    private static BufferedDataTable read(final Path file) throws Exception {
        return NodeHarness.execute(NodeTestData.reader(file)).table(0);
    }

    @Test
    void theLearnerTakesTheLogNormalisedRouteAndSaysSo() {
        assertEquals(1000, model.getSpec().getFeatures().length);
        String warning = learned.warning();
        assertTrue(warning != null && warning.contains("log-normalised values (detected)"), String.valueOf(warning));
    }

    @Test
    void theReaderGivesCategoryColumnsTheirCategoriesAsDomain() {
        // the file's order of the types, so that a Color Manager colours them as scanpy's plots do
        List<String> categories = DemoData.kang().obs().categorical("cell_type").categories();
        assertEquals(categories, cells.getDataTableSpec().getColumnSpec("cell_type").getDomain().getValues().stream()
            .map(Object::toString).toList());
        assertEquals(List.of("control", "stimulated").stream().sorted().toList(), cells.getDataTableSpec().getColumnSpec("condition")
            .getDomain().getValues().stream().map(Object::toString).sorted().toList());
    }

    @Test
    void thePredictorAnnotatesRealCells() throws Exception {
        NodeModel predictor = new PredictorNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(predictor);
        NodeHarness.loadSettings(predictor, s);
        BufferedDataTable out = NodeHarness.execute(predictor, model, cells).table(0);
        String[] truth = Tables.strings(out, "cell_type");
        String[] predicted = Tables.strings(out, "Predicted label");
        double acc = IntStream.range(0, truth.length).filter(i -> truth[i].equals(predicted[i])).count() / (double)truth.length;
        // training cells included; LR on 50 PCs reaches 0.81 on held-out cells of this file
        assertTrue(acc > 0.8, "accuracy " + acc);
    }

    @Test
    void theFlipperPredictsStimulatedBCellsInLogNormalisedUnits() throws Exception {
        String[] type = Tables.strings(cells, "cell_type");
        String[] cond = Tables.strings(cells, "condition");
        NodeModel flipper = new FlipperNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(flipper);
        s.addString("target_condition", "stimulated");
        NodeHarness.loadSettings(flipper, s);
        BufferedDataTable out = NodeHarness.execute(flipper, model, cells).table(0);
        String[] genes = model.getSpec().getFeatures();
        double[] realStim = new double[genes.length];
        double[] realCtrl = new double[genes.length];
        double[] predicted = new double[genes.length];
        for (int j = 0; j < genes.length; j++) {
            double[] real = Tables.doubles(cells, genes[j]);
            double[] flipped = Tables.doubles(out, genes[j]);
            realStim[j] = mean(real, type, cond, "stimulated");
            realCtrl[j] = mean(real, type, cond, "control");
            predicted[j] = mean(flipped, type, cond, "control");
        }
        double r2 = PerturbationMetrics.rSquared(realStim, predicted);
        double noChange = PerturbationMetrics.rSquared(realStim, realCtrl);
        // same units as the real cells (log-normalised, not scaled): means of the prediction on the real cells' scale
        double scale = java.util.Arrays.stream(predicted).average().orElse(0) / java.util.Arrays.stream(realStim).average().orElse(1);
        assertTrue(scale > 0.8 && scale < 1.25, "flipped values in log-normalised units: mean ratio " + scale);
        assertTrue(r2 > noChange + 0.05 && r2 > 0.85, "R^2 flipped " + r2 + " vs no change " + noChange);

        // with the types given, the node says which of them the model never saw stimulated (B), and whose shift DELTA borrows
        s.addString("label_column", "cell_type");
        NodeHarness.loadSettings(flipper, s);
        String warning = NodeHarness.execute(flipper, model, cells).warning();
        assertTrue(warning != null && warning.contains("B: the model saw no 'stimulated' B cells in training, so their flip is a held-out"
            + " prediction; DELTA moves them by the shift in z of "), String.valueOf(warning));
        assertFalse(warning.contains("CD4T:"), "types seen stimulated are not named: " + warning);
    }

    private static double mean(final double[] v, final String[] type, final String[] cond, final String c) {
        return IntStream.range(0, v.length).filter(i -> "B".equals(type[i]) && c.equals(cond[i])).mapToDouble(i -> v[i]).average()
            .orElse(Double.NaN);
    }
}
