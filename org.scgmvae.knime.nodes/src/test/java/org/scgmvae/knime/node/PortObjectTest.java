package org.scgmvae.knime.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeHarness;
import org.scgmvae.knime.node.predictor.PredictorNodeFactory;
import org.scgmvae.knime.port.ModelPortObject;
import org.scgmvae.knime.port.PreprocessingPortObject;

/** Saving and reopening a workflow must give the same model and preprocessing. */
class PortObjectTest {
    @Test
    void modelSurvivesSerialisationWithIdenticalPredictions() throws Exception {
        ModelPortObject model = NodeTestData.cgmvae();
        ModelPortObject loaded = NodeHarness.roundTrip(model);
        assertEquals(model.getSpec(), loaded.getSpec());
        assertEquals(model.getSummary(), loaded.getSummary());
        double[] a = Tables.doubles(NodeHarness.execute(new PredictorNodeFactory().createNodeModel(), model,
            NodeTestData.normalized()).table(0), "Confidence");
        double[] b = Tables.doubles(NodeHarness.execute(new PredictorNodeFactory().createNodeModel(), loaded,
            NodeTestData.normalized()).table(0), "Confidence");
        assertArrayEquals(a, b);
        assertTrue(model.getSummary().startsWith("cGMVAE: 200 genes, K=6 components"), model.getSummary());
        assertEquals(1, model.getViews().length);
    }

    @Test
    void preprocessingSurvivesSerialisation() throws Exception {
        PreprocessingPortObject p = (PreprocessingPortObject)NodeTestData.preprocessing();
        PreprocessingPortObject loaded = NodeHarness.roundTrip(p);
        assertEquals(p.getPreprocessing(), loaded.getPreprocessing());
        assertEquals(p.getSpec(), loaded.getSpec());
        assertEquals(200, loaded.getSpec().getOutputGenes().length);
    }
}
