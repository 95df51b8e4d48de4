package org.scgmvae.knime.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.knime.node.learner.CgmvaeLearnerNodeFactory;
import org.scgmvae.knime.node.normalizer.NormalizerNodeFactory;
import org.scgmvae.knime.node.reader.ReaderNodeFactory;
import org.scgmvae.knime.port.ModelPortObject;

/**
 * Data for the node tests, produced the way a user would: an .h5ad file read by the Reader node,
 * normalised by the Normalizer node, a cGMVAE trained by the Learner node. The .h5ad holds simulated counts
 * (6 cell types, control/stimulated, 900 cells x 300 genes) written with the core library's AnnData writer:
 * these tests check the nodes' contracts against a known truth (shapes, gene counts, every type recovered), which
 * needs raw counts in both conditions, and no real file here has both (Kang's counts are control cells only).
 * The nodes on real cells are tested in {@code RealCellsNodeTest}. {@code -Dscgmvae.nodeTestData=FILE} runs these
 * tests on another file with obs cell_type and condition.
 */
public final class NodeTestData {
    public static final String CELL_TYPE = "cell_type";
    public static final String CONDITION = "condition";

    private static Path file;
    private static BufferedDataTable counts;
    private static BufferedDataTable normalized;
    private static PortObject preprocessing;
    private static ModelPortObject cgmvae;

    private NodeTestData() {
    }

    /** Simulated data: 900 cells x 300 genes. */
    public static AnnData simulated() {
        return SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(900, 300));
    }

    public static synchronized Path h5ad() {
        if (file == null) {
            try {
                String chosen = System.getProperty("scgmvae.nodeTestData");
                file = chosen == null ? null : Path.of(chosen);
                if (file == null || !hasTestColumns(file)) {
                    file = Files.createTempDirectory("scgmvae-nodes").resolve("simulated.h5ad");
                    H5adWriter.write(simulated(), file, true);
                    file.toFile().deleteOnExit();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /** A shared file is only usable here if it has the obs columns the tests train on. */
    private static boolean hasTestColumns(final Path p) {
        try {
            AnnData d = org.scgmvae.core.io.DataReaders.read(p);
            return d.obs().has(CELL_TYPE) && d.obs().has(CONDITION) && d.nCells() <= 20000;
        } catch (IOException e) {
            return false;
        }
    }

    public static NodeSettings settings(final NodeModel m) {
        return NodeHarness.saveSettings(m);
    }

    public static synchronized BufferedDataTable counts() throws Exception {
        if (counts == null) {
            counts = NodeHarness.execute(reader(h5ad())).table(0);
        }
        return counts;
    }

    /** A Reader node set to read every cell and gene of {@code file}. */
    public static NodeModel reader(final Path file) throws InvalidSettingsException {
        NodeModel reader = new ReaderNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(reader);
        s.addString("file", file.toString());
        s.addString("gene_selection", "ALL");
        NodeHarness.loadSettings(reader, s);
        return reader;
    }

    public static synchronized BufferedDataTable normalized() throws Exception {
        if (normalized == null) {
            NodeModel norm = new NormalizerNodeFactory().createNodeModel();
            NodeSettings s = NodeHarness.saveSettings(norm);
            s.addInt("n_top_genes", 200);
            NodeHarness.loadSettings(norm, s);
            NodeHarness.Run run = NodeHarness.execute(norm, counts(), null);
            normalized = run.table(0);
            preprocessing = run.outputs()[1];
        }
        return normalized;
    }

    public static synchronized PortObject preprocessing() throws Exception {
        normalized();
        return preprocessing;
    }

    /** Learner settings for quick, deterministic training in tests. */
    public static NodeSettings quickTraining(final NodeModel learner, final int epochs) {
        NodeSettings s = NodeHarness.saveSettings(learner);
        s.addInt("epochs", epochs);
        s.addInt("z_dim", 8);
        s.addString("encoder_hidden", "64");
        s.addString("decoder_hidden", "64");
        s.addInt("warmup_epochs", 2);
        s.addDouble("learning_rate", 0.003);
        s.addInt("seed", 7);
        return s;
    }

    /** A supervised cGMVAE on the normalised table (cell type labels, control/stimulated). */
    public static synchronized ModelPortObject cgmvae() throws Exception {
        if (cgmvae == null) {
            NodeModel learner = new CgmvaeLearnerNodeFactory().createNodeModel();
            NodeSettings s = quickTraining(learner, 30);
            s.addString("label_column", CELL_TYPE);
            s.addString("condition_column", CONDITION);
            NodeHarness.loadSettings(learner, s);
            cgmvae = (ModelPortObject)NodeHarness.execute(learner, normalized()).outputs()[0];
        }
        return cgmvae;
    }
}
