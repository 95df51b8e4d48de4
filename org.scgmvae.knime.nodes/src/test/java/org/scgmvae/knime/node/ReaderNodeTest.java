package org.scgmvae.knime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.io.DataReaders;
import org.scgmvae.knime.node.reader.ReaderNodeFactory;
import org.scgmvae.knime.table.ColumnRoles;

class ReaderNodeTest {
    private static NodeModel reader(final String file, final String selection, final int nTop, final String genes) throws Exception {
        NodeModel m = new ReaderNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("file", file);
        s.addString("gene_selection", selection);
        s.addInt("n_top_genes", nTop);
        s.addString("genes", genes);
        NodeHarness.loadSettings(m, s);
        return m;
    }

    @Test
    void readsEveryCellAndGeneWithObsColumnsFirst() throws Exception {
        AnnData expected = DataReaders.read(NodeTestData.h5ad());
        BufferedDataTable t = NodeTestData.counts();
        DataTableSpec spec = t.getDataTableSpec();
        assertEquals(expected.nCells(), t.size());
        long genes = spec.stream().filter(ColumnRoles::isGene).count();
        assertEquals(expected.nGenes(), genes);
        assertTrue(spec.getColumnSpec(NodeTestData.CELL_TYPE).getType().isCompatible(StringValue.class));
        // values are the file's: compare one gene column with the matrix
        String g = expected.geneNames()[3];
        double[] col = Tables.doubles(t, g);
        for (int i = 0; i < 20; i++) {
            assertEquals(expected.x().get(i, 3), col[i], 1e-6);
        }
        assertEquals(expected.cellNames()[5], Tables.rows(t).get(5).getKey().getString());
    }

    @Test
    void h5adColumnsAreAnnouncedAtConfigureUnlessGenesDependOnTheData() throws Exception {
        AnnData expected = DataReaders.read(NodeTestData.h5ad());
        PortObjectSpec all = NodeHarness.configure(reader(NodeTestData.h5ad().toString(), "ALL", 10, ""))[0];
        assertNotNull(all, "all genes: columns known from obs and var");
        assertEquals(expected.obs().columnNames().size() + expected.nGenes(), ((DataTableSpec)all).getNumColumns());
        String listed = expected.geneNames()[2] + ", NOPE, " + expected.geneNames()[0];
        DataTableSpec some = (DataTableSpec)NodeHarness.configure(reader(NodeTestData.h5ad().toString(), "LISTED", 10, listed))[0];
        assertEquals(java.util.List.of(expected.geneNames()[2], expected.geneNames()[0]),
            some.stream().filter(ColumnRoles::isGene).map(DataColumnSpec::getName).toList());
        assertNull(NodeHarness.configure(reader(NodeTestData.h5ad().toString(), "HVG", 10, ""))[0],
            "highly variable genes are known only after reading the data");
        // NodeHarness.execute checks that execute() produces exactly the announced spec
        NodeHarness.execute(reader(NodeTestData.h5ad().toString(), "LISTED", 10, listed));
    }

    @Test
    void highlyVariableSelectionKeepsRequestedNumberOfGenes() throws Exception {
        BufferedDataTable t = NodeHarness.execute(reader(NodeTestData.h5ad().toString(), "HVG", 50, "")).table(0);
        assertEquals(50, t.getDataTableSpec().stream().filter(ColumnRoles::isGene).count());
    }

    @Test
    void listedGenesWarnAboutUnknownNames() throws Exception {
        AnnData d = DataReaders.read(NodeTestData.h5ad());
        String genes = d.geneNames()[0] + ", " + d.geneNames()[7] + ", NOT_A_GENE";
        NodeHarness.Run run = NodeHarness.execute(reader(NodeTestData.h5ad().toString(), "LISTED", 10, genes));
        String[] cols = run.table(0).getDataTableSpec().stream().filter(ColumnRoles::isGene).map(DataColumnSpec::getName)
            .toArray(String[]::new);
        assertEquals(Arrays.asList(d.geneNames()[0], d.geneNames()[7]), Arrays.asList(cols));
        assertNotNull(run.warning());
        assertTrue(run.warning().contains("NOT_A_GENE"), run.warning());
    }

    @Test
    void configureExplainsMissingOrBadFile() throws Exception {
        NodeModel m = new ReaderNodeFactory().createNodeModel();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(m));
        assertTrue(e.getMessage().contains("No input file"), e.getMessage());
        NodeModel m2 = reader("/no/such/file.h5ad", "ALL", 10, "");
        e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(m2));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        // a file in a Hub space (KNIME resolves such URLs to no local path): the message says what to do instead
        NodeModel m3 = reader("knime://My-KNIME-Hub/Users/me/cells.h5ad", "ALL", 10, "");
        e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(m3));
        assertTrue(e.getMessage().contains("is not a local file or folder") && e.getMessage().contains("Transfer Files"), e.getMessage());
    }

    @Test
    void geneSelectionStoresIdsAndStillReadsTheLabelsOfOlderWorkflows() throws Exception {
        // a new node stores the id, not the label shown in the dialog
        NodeSettings fresh = NodeHarness.saveSettings(new ReaderNodeFactory().createNodeModel());
        assertEquals("HVG", fresh.getString("gene_selection"));
        // workflows saved before the ids stored the labels: they load and read the same genes
        AnnData expected = DataReaders.read(NodeTestData.h5ad());
        String listed = expected.geneNames()[1] + ", " + expected.geneNames()[4];
        DataTableSpec byLabel = (DataTableSpec)NodeHarness.configure(reader(NodeTestData.h5ad().toString(), "Listed genes", 10, listed))[0];
        DataTableSpec byId = (DataTableSpec)NodeHarness.configure(reader(NodeTestData.h5ad().toString(), "LISTED", 10, listed))[0];
        assertEquals(byId, byLabel);
        assertNull(NodeHarness.configure(reader(NodeTestData.h5ad().toString(), "Highly variable genes", 10, ""))[0]);
        // the node saves the id from then on
        NodeModel old = reader(NodeTestData.h5ad().toString(), "Listed genes", 10, listed);
        assertEquals("LISTED", NodeHarness.saveSettings(old).getString("gene_selection"));
        // and the dialog, whose buttons know only ids, opens an old workflow on the right button and saves its id
        org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane dialog =
            (org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane)new ReaderNodeFactory().createNodeDialogPane();
        NodeSettings saved = NodeHarness.saveSettings(new ReaderNodeFactory().createNodeModel());
        saved.addString("gene_selection", "All genes");
        dialog.loadSettingsFrom(saved, new org.knime.core.node.port.PortObjectSpec[1]);
        NodeSettings again = new NodeSettings("dialog");
        dialog.saveSettingsTo(again);
        assertEquals("ALL", again.getString("gene_selection"));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> reader(NodeTestData.h5ad().toString(), "Some genes", 10, ""));
        assertTrue(e.getMessage().contains("Unknown gene selection 'Some genes'") && e.getMessage().contains("ALL (All genes)"),
            e.getMessage());
    }

    @Test
    void listedSelectionWithoutGenesIsRejectedWhenSettingsAreValidated() {
        NodeModel m = new ReaderNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("gene_selection", "LISTED");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.loadSettings(m, s));
        assertTrue(e.getMessage().contains("at least one gene"), e.getMessage());
    }

    @Test
    void readsTheRequestedLayerInsteadOfX() throws Exception {
        AnnData d = NodeTestData.simulated().selectCells(java.util.stream.IntStream.range(0, 50).toArray());
        AnnData withLayer = new AnnData(d.x(), d.obs(), d.var()).withLayer("spliced", d.x().map((cell, gene, v) -> 2 * v));
        java.nio.file.Path f = java.nio.file.Files.createTempDirectory("layer").resolve("layer.h5ad");
        org.scgmvae.core.io.h5ad.H5adWriter.write(withLayer, f, true);
        NodeModel m = reader(f.toString(), "ALL", 10, "");
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("layer", "spliced");
        NodeHarness.loadSettings(m, s);
        BufferedDataTable t = NodeHarness.execute(m).table(0);
        String gene = d.geneNames()[4];
        double[] values = Tables.doubles(t, gene);
        for (int i = 0; i < 10; i++) {
            assertEquals(2 * d.x().get(i, 4), values[i], 1e-5);
        }
    }

    @Test
    void csvAnnotationColumnsAreNotGenes() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempDirectory("csv").resolve("cells.csv");
        java.nio.file.Files.writeString(f, "cell,n_counts,type,G1,G2\nc1,10,a,1,2\nc2,12,b,3,0\nc3,9,a,0,5\n");
        NodeModel m = reader(f.toString(), "ALL", 10, "");
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("csv_annotation_columns", "n_counts");
        NodeHarness.loadSettings(m, s);
        BufferedDataTable t = NodeHarness.execute(m).table(0);
        assertEquals(java.util.List.of("G1", "G2"),
            t.getDataTableSpec().stream().filter(ColumnRoles::isGene).map(DataColumnSpec::getName).toList());
        assertTrue(t.getDataTableSpec().containsName("n_counts"));
        assertEquals(3, t.size());
    }

    @Test
    void unknownLayerNamesTheAvailableOnes() throws Exception {
        NodeModel m = reader(NodeTestData.h5ad().toString(), "ALL", 10, "");
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("layer", "spliced");
        NodeHarness.loadSettings(m, s);
        Exception e = assertThrows(Exception.class, () -> NodeHarness.execute(m));
        assertTrue(e.getMessage().contains("spliced"), e.getMessage());
    }

    /** Issue 19 through the node: a gene column with text in it fails with the CLI's sentence, not an exception name. */
    @Test
    void textAmongAGenesNumbersFailsWithTheColumnAndValue() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempDirectory("csv").resolve("cells.csv");
        java.nio.file.Files.writeString(f, "cell,G1,G2\nc1,1,2\nc2,3,NA\nc3,0,5\n");
        NodeModel m = reader(f.toString(), "ALL", 10, "");
        org.knime.core.node.InvalidSettingsException e = assertThrows(org.knime.core.node.InvalidSettingsException.class,
            () -> NodeHarness.execute(m));
        assertTrue(e.getMessage().contains("column 'G2'") && e.getMessage().contains("'NA' in line 3"), e.getMessage());
    }
}
