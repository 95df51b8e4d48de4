package org.scgmvae.knime.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;
import org.scgmvae.knime.node.encoder.EncoderNodeFactory;
import org.scgmvae.knime.node.flipper.FlipperNodeFactory;
import org.scgmvae.knime.node.generator.GeneratorNodeFactory;
import org.scgmvae.knime.node.predictor.PredictorNodeFactory;
import org.scgmvae.knime.port.ModelPortObject;
import org.scgmvae.knime.table.ColumnRoles;
import org.scgmvae.knime.table.TableBuilder;

/** Predictor, Latent Encoder, Condition Flipper and Generator on a cGMVAE trained by the Learner node. */
class InferenceNodesTest {
    private static NodeModel with(final NodeModel m, final String... keyValues) throws InvalidSettingsException {
        NodeSettings s = NodeHarness.saveSettings(m);
        for (int i = 0; i < keyValues.length; i += 2) {
            s.addString(keyValues[i], keyValues[i + 1]);
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    @Test
    void predictedLabelsAndComponentsCarryTheModelsDomainFromConfigureOn() throws Exception {
        ModelPortObject model = NodeTestData.cgmvae();
        BufferedDataTable in = NodeTestData.normalized();
        DataTableSpec configured = (DataTableSpec)NodeHarness.configure(new PredictorNodeFactory().createNodeModel(), model.getSpec(),
            in.getDataTableSpec())[0];
        int k = model.getSpec().getComponents();
        List<org.knime.core.data.DataCell> names = java.util.stream.IntStream.range(0, k).mapToObj(model.getSpec()::getComponentLabel)
            .filter(l -> l != null).distinct().map(l -> (org.knime.core.data.DataCell)new StringCell(l)).toList();
        assertEquals(List.copyOf(names), List.copyOf(configured.getColumnSpec("Predicted label").getDomain().getValues()),
            "a Color Manager can be set up before the Predictor runs, in the model's order");
        var bounds = configured.getColumnSpec("Predicted component").getDomain();
        assertEquals(new org.knime.core.data.def.IntCell(0), bounds.getLowerBound());
        assertEquals(new org.knime.core.data.def.IntCell(k - 1), bounds.getUpperBound());
        // KNIME's contract: no value outside the domain
        BufferedDataTable out = NodeHarness.execute(new PredictorNodeFactory().createNodeModel(), model, in).table(0);
        assertEquals(configured, out.getDataTableSpec(), "configure and execute give the same spec");
        for (String p : Tables.strings(out, "Predicted label")) {
            assertTrue(p == null || names.contains(new StringCell(p)), p);
        }
    }

    @Test
    void theGeneratorsLabelAndConditionColumnsCarryTheModelsNamesAsConfigured() throws Exception {
        ModelPortObject model = NodeTestData.cgmvae();
        NodeModel generator = new GeneratorNodeFactory().createNodeModel();
        NodeSettings settings = NodeHarness.saveSettings(generator);
        settings.addInt("cells_per_component", 3);
        NodeHarness.loadSettings(generator, settings);
        DataTableSpec configured = (DataTableSpec)NodeHarness.configure(generator, model.getSpec())[0];
        DataTableSpec executed = NodeHarness.execute(generator, model).table(0).getDataTableSpec();
        assertEquals(configured, executed, "configure and execute give the same spec, domains included");
        assertEquals(model.getSpec().getConditionNames(), configured.getColumnSpec("condition").getDomain().getValues().stream()
            .map(Object::toString).toList());
    }

    @Test
    void predictorRecoversCellTypes() throws Exception {
        ModelPortObject model = NodeTestData.cgmvae();
        BufferedDataTable in = NodeTestData.normalized();
        NodeHarness.Run run = NodeHarness.execute(new PredictorNodeFactory().createNodeModel(), model, in);
        BufferedDataTable out = run.table(0);
        assertEquals(in.size(), out.size());
        assertEquals(in.getDataTableSpec().getNumColumns() + 3 + 6, out.getDataTableSpec().getNumColumns());
        String[] truth = Tables.strings(out, NodeTestData.CELL_TYPE);
        String[] pred = Tables.strings(out, "Predicted label");
        long correct = java.util.stream.IntStream.range(0, truth.length).filter(i -> truth[i].equals(pred[i])).count();
        double acc = correct / (double)truth.length;
        assertTrue(acc > 0.9, "accuracy " + acc);
        // probabilities sum to one and the confidence is the largest
        var rows = Tables.rows(out);
        int first = in.getDataTableSpec().getNumColumns();
        for (int r = 0; r < 20; r++) {
            double sum = 0;
            double max = 0;
            for (int k = 0; k < 6; k++) {
                double p = ((org.knime.core.data.DoubleValue)rows.get(r).getCell(first + 3 + k)).getDoubleValue();
                sum += p;
                max = Math.max(max, p);
            }
            assertEquals(1.0, sum, 1e-4);
            assertEquals(max, ((org.knime.core.data.DoubleValue)rows.get(r).getCell(first + 2)).getDoubleValue(), 1e-6);
        }
    }

    @Test
    void predictorRejectsTablesWithoutTheModelsGenesOrCondition() throws Exception {
        PortObjectSpec model = NodeTestData.cgmvae().getSpec();
        DataTableSpec unrelated = new DataTableSpec(TableBuilder.column("x", org.knime.core.data.def.DoubleCell.TYPE),
            TableBuilder.column(NodeTestData.CONDITION, StringCell.TYPE));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new PredictorNodeFactory().createNodeModel(), model, unrelated));
        assertTrue(e.getMessage().contains("None of the 200 genes"), e.getMessage());

        DataTableSpec normalized = NodeTestData.normalized().getDataTableSpec();
        DataTableSpec noCondition = TableBuilder.keep(normalized, java.util.stream.IntStream.range(0, normalized.getNumColumns())
            .filter(i -> !normalized.getColumnSpec(i).getName().equals(NodeTestData.CONDITION)).toArray());
        e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new PredictorNodeFactory().createNodeModel(), model, noCondition));
        assertTrue(e.getMessage().contains("condition column 'condition' is not in the input table"), e.getMessage());

        e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new PredictorNodeFactory().createNodeModel(), null, noCondition));
        assertTrue(e.getMessage().contains("connect the output of a GMVAE or cGMVAE Learner"), e.getMessage());
    }

    @Test
    void encoderAppendsAUmapOfZThatKeepsTypesApart() throws Exception {
        ModelPortObject model = NodeTestData.cgmvae();
        BufferedDataTable in = NodeTestData.normalized();
        NodeModel plain = new EncoderNodeFactory().createNodeModel();
        assertFalse(NodeHarness.execute(plain, model, in).table(0).getDataTableSpec().containsName("umap_1"), "off by default");
        NodeModel node = new EncoderNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(node);
        s.addBoolean("umap", true);
        NodeHarness.loadSettings(node, s);
        BufferedDataTable a = NodeHarness.execute(node, model, in).table(0);
        double[] x = Tables.doubles(a, "umap_1");
        double[] y = Tables.doubles(a, "umap_2");
        assertArrayEquals(x, Tables.doubles(NodeHarness.execute(node, model, in).table(0), "umap_1"), "same seed, same picture");
        // in the picture, a cell's nearest other cell is mostly of its own type
        String[] type = Tables.strings(a, NodeTestData.CELL_TYPE);
        int same = 0;
        for (int i = 0; i < x.length; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < x.length; j++) {
                double d = (x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j]);
                if (j != i && d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            same += type[i].equals(type[best]) ? 1 : 0;
        }
        assertTrue(same > 0.8 * x.length, same + " of " + x.length + " cells next to their own type");
    }

    @Test
    void encoderAppendsLatentCoordinatesDeterministically() throws Exception {
        ModelPortObject model = NodeTestData.cgmvae();
        BufferedDataTable in = NodeTestData.normalized();
        BufferedDataTable a = NodeHarness.execute(new EncoderNodeFactory().createNodeModel(), model, in).table(0);
        assertTrue(a.getDataTableSpec().containsName("z_7"));
        assertTrue(a.getDataTableSpec().containsName("w_1"));
        assertFalse(a.getDataTableSpec().containsName("z_8"));
        NodeModel sampling = new EncoderNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(sampling);
        s.addBoolean("sample", true);
        NodeHarness.loadSettings(sampling, s);
        double[] s1 = Tables.doubles(NodeHarness.execute(sampling, model, in).table(0), "z_0");
        double[] s2 = Tables.doubles(NodeHarness.execute(sampling, model, in).table(0), "z_0");
        assertArrayEquals(s1, s2, "same seed, same draws");
        assertFalse(Arrays.equals(s1, Tables.doubles(a, "z_0")), "draws differ from the means");
        // cells sit next to their own type in z: nearest type centroid recovers the type
        String[] type = Tables.strings(a, NodeTestData.CELL_TYPE);
        double[][] z = new double[8][];
        for (int j = 0; j < 8; j++) {
            z[j] = Tables.doubles(a, "z_" + j);
        }
        java.util.Map<String, double[]> centroid = new java.util.HashMap<>();
        java.util.Map<String, Integer> count = new java.util.HashMap<>();
        for (int i = 0; i < type.length; i++) {
            double[] c = centroid.computeIfAbsent(type[i], t -> new double[8]);
            for (int j = 0; j < 8; j++) {
                c[j] += z[j][i];
            }
            count.merge(type[i], 1, Integer::sum);
        }
        centroid.forEach((t, c) -> java.util.Arrays.setAll(c, j -> c[j] / count.get(t)));
        int correct = 0;
        for (int i = 0; i < type.length; i++) {
            String best = null;
            double bestD = Double.MAX_VALUE;
            for (var e : centroid.entrySet()) {
                double d = 0;
                for (int j = 0; j < 8; j++) {
                    d += (z[j][i] - e.getValue()[j]) * (z[j][i] - e.getValue()[j]);
                }
                if (d < bestD) {
                    bestD = d;
                    best = e.getKey();
                }
            }
            correct += best.equals(type[i]) ? 1 : 0;
        }
        assertTrue(correct > 0.9 * type.length, "nearest-centroid accuracy in z: " + correct + "/" + type.length);
    }

    @Test
    void predictorRefusesTablesWithFewOfTheModelsGenes() throws Exception {
        DataTableSpec in = NodeTestData.normalized().getDataTableSpec();
        String[] genes = NodeTestData.cgmvae().getSpec().getGenes();
        java.util.Set<String> keep = new java.util.HashSet<>(java.util.Arrays.asList(genes).subList(0, 60));
        int[] idx = java.util.stream.IntStream.range(0, in.getNumColumns())
            .filter(i -> !java.util.Arrays.asList(genes).contains(in.getColumnSpec(i).getName()) || keep.contains(in.getColumnSpec(i).getName()))
            .toArray();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness
            .configure(new PredictorNodeFactory().createNodeModel(), NodeTestData.cgmvae().getSpec(), TableBuilder.keep(in, idx)));
        assertTrue(e.getMessage().contains("Only 60 of the 200 genes"), e.getMessage());
    }

    @Test
    void encoderRefusesToOverwriteExistingColumns() throws Exception {
        BufferedDataTable encoded = NodeHarness.execute(new EncoderNodeFactory().createNodeModel(), NodeTestData.cgmvae(),
            NodeTestData.normalized()).table(0);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness
            .configure(new EncoderNodeFactory().createNodeModel(), NodeTestData.cgmvae().getSpec(), encoded.getSpec()));
        assertTrue(e.getMessage().contains("already has a column named 'z_0'"), e.getMessage());
    }

    @Test
    void flippingControlToStimulatedMovesCellsTowardsRealStimulatedCells() throws Exception {
        ModelPortObject model = NodeTestData.cgmvae();
        BufferedDataTable in = NodeTestData.normalized();
        NodeModel flipper = with(new FlipperNodeFactory().createNodeModel(), "target_condition", "stim", "label_column",
            NodeTestData.CELL_TYPE);
        BufferedDataTable out = NodeHarness.execute(flipper, model, in).table(0);
        assertEquals(in.size(), out.size());
        assertEquals(200, out.getDataTableSpec().stream().filter(ColumnRoles::isGene).count());
        assertEquals("stim", Tables.strings(out, "Target condition")[0]);
        String[] cond = Tables.strings(in, NodeTestData.CONDITION);
        // predicted cells of the target: the condition column says so, Source condition keeps each cell's own
        assertEquals(List.of("stim"), Arrays.stream(Tables.strings(out, NodeTestData.CONDITION)).distinct().toList());
        assertArrayEquals(cond, Tables.strings(out, "Source condition"));
        assertEquals(1, Arrays.stream(out.getDataTableSpec().getColumnNames()).filter(NodeTestData.CONDITION::equals).count());
        DataTableSpec again = (DataTableSpec)NodeHarness.configure(flipper, model.getSpec(), out.getDataTableSpec())[0];
        assertEquals(out.getDataTableSpec().getNumColumns(), again.getNumColumns(), "flipping a flipped table writes its columns anew");
        String[] type = Tables.strings(in, NodeTestData.CELL_TYPE);
        String cellType = type[0];
        double before = 0;
        double after = 0;
        for (String gene : model.getSpec().getFeatures()) {
            double[] real = Tables.doubles(in, gene);
            double[] flipped = Tables.doubles(out, gene);
            double stim = meanWhere(real, cond, type, "stim", cellType);
            before += Math.abs(meanWhere(real, cond, type, "ctrl", cellType) - stim);
            after += Math.abs(meanWhere(flipped, cond, type, "ctrl", cellType) - stim);
        }
        assertTrue(after < 0.7 * before, "flipped control cells are closer to stimulated ones: " + after + " vs " + before);
    }

    private static double meanWhere(final double[] v, final String[] cond, final String[] type, final String c, final String t) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (cond[i].equals(c) && type[i].equals(t)) {
                s += v[i];
                n++;
            }
        }
        return s / n;
    }

    @Test
    void flipperChecksTheTargetCondition() throws Exception {
        PortObjectSpec model = NodeTestData.cgmvae().getSpec();
        NodeModel m = with(new FlipperNodeFactory().createNodeModel(), "target_condition", "heat shock");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(m, model, NodeTestData.normalized().getSpec()));
        assertTrue(e.getMessage().contains("[ctrl, stim]"), e.getMessage());
    }

    @Test
    void generatorSamplesEveryComponentUnderEveryCondition() throws Exception {
        NodeModel m = new GeneratorNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addInt("cells_per_component", 5);
        NodeHarness.loadSettings(m, s);
        BufferedDataTable out = NodeHarness.execute(m, NodeTestData.cgmvae()).table(0);
        assertEquals(5 * 6 * 2, out.size());
        assertEquals(List.of("component", "label", "condition", "sample"),
            Arrays.asList(out.getDataTableSpec().getColumnNames()).subList(0, 4));
        assertEquals(6, Arrays.stream(Tables.strings(out, "label")).distinct().count());
        BufferedDataTable again = NodeHarness.execute(m, NodeTestData.cgmvae()).table(0);
        String g = NodeTestData.cgmvae().getSpec().getFeatures()[0];
        assertArrayEquals(Tables.doubles(out, g), Tables.doubles(again, g));
        assertNotNull(out.getDataTableSpec().getColumnSpec(g));
    }

    /**
     * The core's long work reports on the node's bar and stops on its cancel button (issue 16 part 2): the Generator's
     * per-component steps, and the Predictor's chunks of cells.
     */
    @Test
    void coreWorkReportsOnTheNodesBarAndStopsOnItsCancelButton() throws Exception {
        NodeModel gen = new GeneratorNodeFactory().createNodeModel();
        NodeHarness.Run run = NodeHarness.execute(gen, NodeTestData.cgmvae());
        assertTrue(run.progress().stream().anyMatch(u -> u.message() != null && u.message().startsWith("generating")
            && u.progress() > 0 && u.progress() <= 0.5), "the core's steps on the first half of the bar: " + run.progress());
        assertThrows(CanceledExecutionException.class, () -> NodeHarness.execute(gen, p -> p > 0.05, NodeTestData.cgmvae()));

        NodeModel pred = new PredictorNodeFactory().createNodeModel();
        NodeHarness.Run p = NodeHarness.execute(pred, NodeTestData.cgmvae(), NodeTestData.normalized());
        assertTrue(p.progress().stream().anyMatch(u -> u.message() != null && u.message().startsWith("predicting")),
            "the core's message on the node: " + p.progress());
        // cancelled once the model is being applied (after the input was prepared): the node stops with KNIME's cancellation
        assertThrows(CanceledExecutionException.class,
            () -> NodeHarness.execute(pred, x -> x > 0.2, NodeTestData.cgmvae(), NodeTestData.normalized()));
    }
}
