package org.scgmvae.knime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.io.BadInputFiles;
import org.scgmvae.knime.node.learner.CgmvaeLearnerNodeFactory;
import org.scgmvae.knime.node.learner.GmvaeLearnerNodeFactory;

/**
 * Issue 19's corpus through the KNIME nodes (the command line's is {@code BadInputCorpusTest}): the same files and the
 * same sentences. A file the Reader cannot use fails as a user error (InvalidSettingsException, shown in the node's
 * message) naming the file and what is wrong; settings that would train nonsense fail at configure where the table's
 * columns tell, at execute where only the values do; warnings reach the node's warning message.
 */
class BadInputNodesTest {

    @TempDir
    static Path dir;
    static AnnData counts;

    @BeforeAll
    static void cells() {
        counts = SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(60, 40));
    }

    private static Path caseDir(final String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    /** The Reader refuses {@code file} as a user error whose message says each of {@code says}, without a class name. */
    private static void readerRefuses(final Path file, final String... says) throws Exception {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.execute(NodeTestData.reader(file)));
        for (String s : says) {
            assertTrue(e.getMessage().contains(s), "expected '" + s + "' in: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("Exception"), "no exception class in the message: " + e.getMessage());
    }

    @Test
    void unreadableFilesOfEachFormatAreUserErrorsThatSayWhatIsWrong() throws Exception {
        readerRefuses(BadInputFiles.text(caseDir("text").resolve("cells.h5ad"), "cell,G1\nc1,3\n"), "cells.h5ad", "not an HDF5 file");
        readerRefuses(BadInputFiles.decreasingIndptr(caseDir("indptr"), counts), "cells.h5ad", "indptr decreases from row 5 to row 6");
        readerRefuses(BadInputFiles.tenX(caseDir("short"), counts, 3, false), "matrix.mtx", "shape mismatch", "57 barcodes");
        readerRefuses(BadInputFiles.tenX(caseDir("halves"), counts, 0, true), "matrix.mtx", "the header declares integer values");
        readerRefuses(BadInputFiles.csvWith(caseDir("empty"), counts, "cells.csv", ',', 3, 2, ""), "cells.csv", "line 5",
            "empty expression value for gene 'G0002'");
        readerRefuses(BadInputFiles.csvWith(caseDir("semicolons"), counts, "cells.csv", ';', -1, -1, null), "cells.csv",
            "holding ';'", "read with commas");
        readerRefuses(BadInputFiles.raggedTsv(caseDir("ragged")), "cells.tsv", "line 3", "fields but the header has");
    }

    private static BufferedDataTable table(final String name, final AnnData cells) throws Exception {
        return NodeHarness.execute(NodeTestData.reader(BadInputFiles.h5ad(caseDir(name), cells))).table(0);
    }

    /** A learner on counts (normalised inside), trained briefly. */
    private static NodeModel learner(final boolean conditional, final String label, final String condition) throws Exception {
        NodeModel m = (conditional ? new CgmvaeLearnerNodeFactory() : new GmvaeLearnerNodeFactory()).createNodeModel();
        NodeSettings s = NodeTestData.quickTraining(m, 1);
        s.addBoolean("input_normalized", false);
        s.addBoolean("guided_leiden", false);
        s.addInt("components", 3);
        s.addString("label_column", label);
        if (conditional) {
            s.addString("condition_column", condition);
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    @Test
    void aLabelColumnWithOneCategoryFailsAtExecute() throws Exception {
        BufferedDataTable t = table("one", counts.withObs(counts.obs().withColumn("batch", BadInputFiles.one(counts.nCells(), "b1"))));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.execute(learner(false, "batch", null), t));
        assertTrue(e.getMessage().contains("label column 'batch' holds one category ('b1')"), e.getMessage());
    }

    @Test
    void theLabelColumnAsTheConditionFailsAtConfigure() throws Exception {
        DataTableSpec spec = table("same", counts).getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(learner(true, "cell_type", "cell_type"), spec));
        assertTrue(e.getMessage().contains("column 'cell_type' is both the condition and the label column"), e.getMessage());
        assertNotNull(NodeHarness.configure(learner(true, "cell_type", "condition"), spec)[1], "a different condition is fine");
    }

    @Test
    void cellsWithoutCountsAreAWarningWithTheirNumber() throws Exception {
        NodeHarness.Run run = NodeHarness.execute(learner(false, "", null), table("empty", BadInputFiles.emptyCells(counts, 4)));
        assertNotNull(run.warning());
        assertTrue(run.warning().contains("4 of 60 cells have no counts (e.g. 'sim00000')"), run.warning());
        assertEquals(2, run.outputs().length);
    }

    /** The Predictor says when cells come in other units than the model was trained on, as the command line does. */
    @Test
    void aModelOfCountsOnLogNormalisedCellsWarnsInThePredictor() throws Exception {
        org.knime.core.node.port.PortObject model = NodeHarness.execute(learner(false, "", null), table("counts", counts)).outputs()[0];
        NodeHarness.Run run = NodeHarness.execute(new org.scgmvae.knime.node.predictor.PredictorNodeFactory().createNodeModel(), model,
            table("logged", BadInputFiles.logNormalised(counts)));
        assertNotNull(run.warning());
        assertTrue(run.warning().contains("the model was trained on counts and normalises and logs its input, but these values look"
            + " log-transformed already"), run.warning());
    }

    /** Pathological sizes are refused before any work, as on the command line (the `-k 100000` hang of issue 19). */
    @Test
    void moreComponentsThanCellsIsRefusedAtOnce() throws Exception {
        NodeModel m = new GmvaeLearnerNodeFactory().createNodeModel();
        NodeSettings s = NodeTestData.quickTraining(m, 1);
        s.addBoolean("input_normalized", false);
        s.addBoolean("guided_leiden", false);
        s.addInt("components", 1000);
        NodeHarness.loadSettings(m, s);
        BufferedDataTable t = table("sizes", counts);
        long t0 = System.nanoTime();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.execute(m, t));
        assertTrue(e.getMessage().contains("1000 components for 60 cells"), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "refused before training");
    }
}
