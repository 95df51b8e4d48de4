package org.scgmvae.knime.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.train.TrainingRequest;
import org.scgmvae.knime.node.learner.CgmvaeLearnerNodeFactory;
import org.scgmvae.knime.node.learner.GmvaeLearnerNodeFactory;
import org.scgmvae.knime.port.ModelPortObject;
import org.scgmvae.knime.table.TableBuilder;

class LearnerNodeTest {
    private static NodeModel gmvae(final int epochs, final String label) throws InvalidSettingsException {
        NodeModel m = new GmvaeLearnerNodeFactory().createNodeModel();
        NodeSettings s = NodeTestData.quickTraining(m, epochs);
        s.addString("label_column", label);
        NodeHarness.loadSettings(m, s);
        return m;
    }

    @Test
    void supervisedTrainingGivesOneComponentPerLabelAndAHistoryRowPerEpoch() throws Exception {
        NodeHarness.Run run = NodeHarness.execute(gmvae(6, NodeTestData.CELL_TYPE), NodeTestData.normalized());
        ModelPortObject model = (ModelPortObject)run.outputs()[0];
        assertEquals(6, model.getSpec().getComponents());
        assertEquals(6, model.getSpec().getLabelNames().size());
        assertEquals(200, model.getSpec().getGenes().length);
        BufferedDataTable history = run.table(1);
        assertEquals(6, history.size());
        double[] loss = Tables.doubles(history, "train loss");
        assertTrue(loss[5] < loss[0], "loss decreases: " + java.util.Arrays.toString(loss));
        // every term on validation cells too, beside the training one (Line Plot: x epoch, y the columns)
        double[] valRecon = Tables.doubles(history, "validation recon");
        double[] trainRecon = Tables.doubles(history, "train recon");
        for (int i = 0; i < 6; i++) {
            assertTrue(Double.isFinite(valRecon[i]) && valRecon[i] != trainRecon[i], "validation recon of epoch " + i + ": " + valRecon[i]);
        }
        assertEquals(1.0, run.finalProgress(), 1e-9);
        assertTrue(run.progress().stream().anyMatch(u -> u.message() != null && u.message().contains("epoch")),
            "progress messages name the epoch");
        double last = 0;
        for (NodeHarness.StandInUpdate u : run.progress()) {
            assertTrue(u.progress() >= last, "progress never goes backwards: " + u);
            last = u.progress();
        }
        assertNull(run.warning());
    }

    @Test
    void withoutLabelsANewLearnerIsLeidenGuidedLikeTheCommandLine() throws Exception {
        NodeModel m = new GmvaeLearnerNodeFactory().createNodeModel();
        assertTrue(NodeHarness.saveSettings(m).getBoolean("guided_leiden"), "new nodes take the default route");
        NodeSettings s = NodeTestData.quickTraining(m, 3);
        s.addString("label_column", "");
        s.addInt("patience", 0);
        NodeHarness.loadSettings(m, s);
        NodeHarness.Run run = NodeHarness.execute(m, NodeTestData.normalized());
        String summary = ((ModelPortObject)run.outputs()[0]).getSummary();
        assertTrue(summary.contains("GUIDED"), summary);
        assertEquals(TrainingRequest.DEFAULT_GUIDED_EPOCHS + 3, run.table(1).size(), "both phases in the history");
        assertEquals(50_000, ((ModelPortObject)run.outputs()[0]).getModel().summary().provenance().settings().get("guideCells"));

        // 'Rows Leiden clusters for guidance' below the rows: Leiden's guide is a sample of that many
        assertTrue(NodeTestData.normalized().size() > 100, "more rows than the guide takes");
        NodeModel sampled = new GmvaeLearnerNodeFactory().createNodeModel();
        NodeSettings g = NodeTestData.quickTraining(sampled, 1);
        g.addString("label_column", "");
        g.addInt("guide_cells", 100);
        NodeHarness.loadSettings(sampled, g);
        ModelPortObject fromSample = (ModelPortObject)NodeHarness.execute(sampled, NodeTestData.normalized()).outputs()[0];
        assertTrue(fromSample.getSummary().contains("GUIDED"), fromSample.getSummary());
        assertEquals(100, fromSample.getModel().summary().provenance().settings().get("guideCells"));
        // a label column wins over the guidance setting: supervised, no error
        NodeModel labelled = new GmvaeLearnerNodeFactory().createNodeModel();
        NodeSettings l = NodeTestData.quickTraining(labelled, 2);
        l.addString("label_column", NodeTestData.CELL_TYPE);
        NodeHarness.loadSettings(labelled, l);
        String sup = ((ModelPortObject)NodeHarness.execute(labelled, NodeTestData.normalized()).outputs()[0]).getSummary();
        assertTrue(sup.contains("SUPERVISED"), sup);
    }

    @Test
    void restartsKeepOneRunAndItsHistory() throws Exception {
        NodeModel m = new GmvaeLearnerNodeFactory().createNodeModel();
        NodeSettings s = NodeTestData.quickTraining(m, 3);
        s.addString("label_column", "");
        s.addBoolean("guided_leiden", false); // the plain unsupervised model: one phase, its epochs alone in the history
        s.addInt("restarts", 2);
        s.addInt("patience", 0);
        NodeHarness.loadSettings(m, s);
        NodeHarness.Run run = NodeHarness.execute(m, NodeTestData.normalized());
        assertEquals(3, run.table(1).size(), "the history shows the kept run's 3 epochs, not both runs'");
        assertTrue(run.progress().stream().anyMatch(u -> u.message() != null && u.message().startsWith("restart 2/2 (seed ")),
            "each restart's loss is reported");
        assertTrue(((ModelPortObject)run.outputs()[0]).getSummary().contains("seed "), ((ModelPortObject)run.outputs()[0]).getSummary());
    }

    @Test
    void rawCountsIntoANormalizedLearnerGiveAWarning() throws Exception {
        NodeHarness.Run run = NodeHarness.execute(gmvae(1, ""), NodeTestData.counts());
        assertTrue(run.warning() != null && run.warning().contains("look like raw counts"), String.valueOf(run.warning()));
    }

    @Test
    void plainGmvaeModelsPredictAndIgnoreAConditionColumnWithAWarning() throws Exception {
        ModelPortObject model = (ModelPortObject)NodeHarness.execute(gmvae(8, NodeTestData.CELL_TYPE), NodeTestData.normalized())
            .outputs()[0];
        NodeModel predictor = new org.scgmvae.knime.node.predictor.PredictorNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(predictor);
        s.addString("condition_column", NodeTestData.CONDITION);
        NodeHarness.loadSettings(predictor, s);
        NodeHarness.Run run = NodeHarness.execute(predictor, model, NodeTestData.normalized());
        assertTrue(run.warning() != null && run.warning().contains("is ignored"), String.valueOf(run.warning()));
        String[] truth = Tables.strings(run.table(0), NodeTestData.CELL_TYPE);
        String[] pred = Tables.strings(run.table(0), "Predicted label");
        long ok = java.util.stream.IntStream.range(0, truth.length).filter(i -> truth[i].equals(pred[i])).count();
        assertTrue(ok > 0.8 * truth.length, "supervised GMVAE predicts the types: " + ok + "/" + truth.length);
    }

    @Test
    void workflowsSavedBeforeComponentBalanceRestartsAndGuideCellsExistedStillLoad() throws Exception {
        NodeModel m = new GmvaeLearnerNodeFactory().createNodeModel();
        NodeSettings saved = NodeHarness.saveSettings(m);
        NodeSettings old = new NodeSettings("model");
        for (var e : saved.entries().entrySet()) {
            String k = e.getKey();
            if (k.startsWith("component_balance") || k.startsWith("restarts") || k.startsWith("guide_cells")) {
                continue;
            }
            switch (e.getValue().type()) {
                case xint -> old.addInt(k, (Integer)e.getValue().value());
                case xdouble -> old.addDouble(k, (Double)e.getValue().value());
                case xboolean -> old.addBoolean(k, (Boolean)e.getValue().value());
                case xstring -> old.addString(k, (String)e.getValue().value());
                case config -> ((org.knime.core.node.config.Config)e.getValue().value()).copyTo(old.addNodeSettings(k));
                default -> throw new AssertionError(k);
            }
        }
        NodeHarness.loadSettings(m, old);
        assertEquals(0.0, NodeHarness.saveSettings(m).getDouble("component_balance"), 0.0, "missing optional setting keeps its default");
        assertEquals(1, NodeHarness.saveSettings(m).getInt("restarts"), "missing optional setting keeps its default: one run");
        assertEquals(50_000, NodeHarness.saveSettings(m).getInt("guide_cells"), "missing optional setting keeps its default");
    }

    @Test
    void sameSeedGivesTheSameModel() throws Exception {
        ModelPortObject a = (ModelPortObject)NodeHarness.execute(gmvae(2, ""), NodeTestData.normalized()).outputs()[0];
        ModelPortObject b = (ModelPortObject)NodeHarness.execute(gmvae(2, ""), NodeTestData.normalized()).outputs()[0];
        float[] pa = a.getModel().module().parameters().flat().toFloatVector();
        float[] pb = b.getModel().module().parameters().flat().toFloatVector();
        assertArrayEquals(pa, pb);
    }

    @Test
    void cancelStopsTrainingMidway() throws Exception {
        NodeModel m = gmvae(200, "");
        long t0 = System.nanoTime();
        assertThrows(CanceledExecutionException.class, () -> NodeHarness.execute(m, p -> p > 0.1, NodeTestData.normalized()));
        assertTrue((System.nanoTime() - t0) / 1e9 < 60, "cancel is honoured within an epoch");
    }

    @Test
    void conditionalLearnerNeedsAStringConditionColumn() throws Exception {
        NodeModel m = new CgmvaeLearnerNodeFactory().createNodeModel();
        DataTableSpec spec = NodeTestData.normalized().getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(m, spec));
        assertTrue(e.getMessage().contains("No condition column"), e.getMessage());

        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("condition_column", "batch");
        NodeHarness.loadSettings(m, s);
        e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(m, spec));
        assertTrue(e.getMessage().contains("'batch' is not in the input table"), e.getMessage());

        DataTableSpec numericCondition = TableBuilder.append(spec, List.of(TableBuilder.column("batch", DoubleCell.TYPE)));
        e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(m, numericCondition));
        assertTrue(e.getMessage().contains("must hold strings"), e.getMessage());

        s.addString("condition_column", NodeTestData.CONDITION);
        NodeHarness.loadSettings(m, s);
        PortObjectSpec[] out = NodeHarness.configure(m, spec);
        assertEquals("Training history", ((DataTableSpec)out[1]).getName());
    }

    @Test
    void inconsistentSettingsAreRejectedWithAReason() {
        NodeModel m = new GmvaeLearnerNodeFactory().createNodeModel();
        NodeSettings nb = NodeHarness.saveSettings(m);
        nb.addString("likelihood", "NEGATIVE_BINOMIAL");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.loadSettings(m, nb));
        assertTrue(e.getMessage().contains("raw counts"), e.getMessage());
        NodeSettings poisson = NodeHarness.saveSettings(m);
        poisson.addString("likelihood", "POISSON");
        e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.loadSettings(m, poisson));
        assertTrue(e.getMessage().contains("POISSON likelihood models raw counts"), e.getMessage());

        NodeSettings layers = NodeHarness.saveSettings(m);
        layers.addString("encoder_hidden", "256,abc");
        e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.loadSettings(m, layers));
        assertTrue(e.getMessage().contains("256,abc"), e.getMessage());

        NodeSettings lr = NodeHarness.saveSettings(m);
        lr.addDouble("learning_rate", -1);
        assertThrows(InvalidSettingsException.class, () -> NodeHarness.loadSettings(m, lr));
    }

    @Test
    void rawCountsCanBeNormalisedInsideTheLearner() throws Exception {
        NodeModel m = new GmvaeLearnerNodeFactory().createNodeModel();
        NodeSettings s = NodeTestData.quickTraining(m, 1);
        s.addBoolean("input_normalized", false);
        s.addInt("n_top_genes", 100);
        s.addString("likelihood", "NEGATIVE_BINOMIAL");
        s.addString("excluded_columns", "");
        NodeHarness.loadSettings(m, s);
        ModelPortObject model = (ModelPortObject)NodeHarness.execute(m, NodeTestData.counts()).outputs()[0];
        assertEquals(100, model.getSpec().getFeatures().length);
        assertEquals(300, model.getSpec().getGenes().length);

        s.addInt("n_top_genes", 0);
        NodeHarness.loadSettings(m, s);
        ModelPortObject all = (ModelPortObject)NodeHarness.execute(m, NodeTestData.counts()).outputs()[0];
        assertEquals(300, all.getSpec().getFeatures().length, "0 highly variable genes = keep all, as documented");
        // the stored model round-trips through the core file format
        assertEquals(model.getSpec(), new ModelPortObject(ModelFile.fromBytes(ModelFile.toBytes(model.getModel()))).getSpec());
    }
}
