package org.scgmvae.knime.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;
import org.scgmvae.knime.node.normalizer.NormalizerNodeFactory;
import org.scgmvae.knime.port.PreprocessingPortObject;
import org.scgmvae.knime.table.ColumnRoles;
import org.scgmvae.knime.table.TableBuilder;

class NormalizerNodeTest {
    @Test
    void normalizesTotalThenLog1pLikeScanpy() throws Exception {
        NodeModel m = new NormalizerNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addInt("n_top_genes", 0);
        s.addDouble("target_sum", 10000);
        NodeHarness.loadSettings(m, s);
        BufferedDataTable counts = NodeTestData.counts();
        NodeHarness.Run run = NodeHarness.execute(m, counts, null);
        BufferedDataTable out = run.table(0);
        assertEquals(counts.size(), out.size());
        DataTableSpec in = counts.getDataTableSpec();
        DataRow raw = Tables.rows(counts).get(11);
        DataRow norm = Tables.rows(out).get(11);
        double total = 0;
        for (int c = 0; c < in.getNumColumns(); c++) {
            if (ColumnRoles.isGene(in.getColumnSpec(c))) {
                total += ((DoubleValue)raw.getCell(c)).getDoubleValue();
            }
        }
        for (int c = 0; c < in.getNumColumns(); c += 37) {
            if (!ColumnRoles.isGene(in.getColumnSpec(c))) {
                continue;
            }
            double x = ((DoubleValue)raw.getCell(c)).getDoubleValue();
            int oc = out.getDataTableSpec().findColumnIndex(in.getColumnSpec(c).getName());
            assertEquals(Math.log1p(x / total * 10000), ((DoubleValue)norm.getCell(oc)).getDoubleValue(), 1e-4);
        }
        // non-gene columns pass through unchanged
        assertEquals(raw.getCell(in.findColumnIndex(NodeTestData.CELL_TYPE)),
            norm.getCell(out.getDataTableSpec().findColumnIndex(NodeTestData.CELL_TYPE)));
    }

    @Test
    void applyingTheFittedPortReproducesTheFitOnOtherRows() throws Exception {
        BufferedDataTable fitted = NodeTestData.normalized();
        BufferedDataTable counts = NodeTestData.counts();
        // "other data": the first 40 cells only, with the gene columns in reverse order
        DataTableSpec in = counts.getDataTableSpec();
        List<DataColumnSpec> cols = new ArrayList<>();
        for (int c = in.getNumColumns() - 1; c >= 0; c--) {
            cols.add(in.getColumnSpec(c));
        }
        List<DataRow> rows = new ArrayList<>();
        for (DataRow r : Tables.rows(counts).subList(0, 40)) {
            var cells = new org.knime.core.data.DataCell[in.getNumColumns()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = r.getCell(in.getNumColumns() - 1 - c);
            }
            rows.add(new org.knime.core.data.def.DefaultRow(r.getKey(), cells));
        }
        BufferedDataTable other = NodeHarness.table(new DataTableSpec(cols.toArray(DataColumnSpec[]::new)), rows);
        NodeModel m = new NormalizerNodeFactory().createNodeModel();
        PortObjectSpec[] specs = NodeHarness.configure(m, other.getSpec(), NodeTestData.preprocessing().getSpec());
        assertTrue(specs[0] != null, "applying a fitted transform knows its output columns at configure time");
        BufferedDataTable applied = NodeHarness.execute(m, other, NodeTestData.preprocessing()).table(0);
        String gene = fitted.getDataTableSpec().stream().filter(ColumnRoles::isGene).skip(5).findFirst().get().getName();
        double[] a = Tables.doubles(applied, gene);
        double[] f = java.util.Arrays.copyOf(Tables.doubles(fitted, gene), 40);
        assertArrayEquals(f, a, 1e-5);
        assertEquals(200, applied.getDataTableSpec().stream().filter(ColumnRoles::isGene).count());
    }

    @Test
    void normalisingTwiceIsWarnedAbout() throws Exception {
        NodeHarness.Run once = NodeHarness.execute(new NormalizerNodeFactory().createNodeModel(), NodeTestData.counts(), null);
        assertEquals(null, once.warning(), "raw counts: no warning");
        // a second Normalizer behind the first (or log-normalised values read from a published file)
        NodeHarness.Run twice = NodeHarness.execute(new NormalizerNodeFactory().createNodeModel(), once.table(0), null);
        assertTrue(twice.warning() != null && twice.warning().contains("look log-transformed already"), String.valueOf(twice.warning()));
    }

    @Test
    void missingGenesAreReportedNotSilentlyDropped() throws Exception {
        BufferedDataTable counts = NodeTestData.counts();
        DataTableSpec in = counts.getDataTableSpec();
        String dropped = ((PreprocessingPortObject)NodeTestData.preprocessing()).getPreprocessing().selectedGenes()[0];
        int[] keep = java.util.stream.IntStream.range(0, in.getNumColumns())
            .filter(c -> !in.getColumnSpec(c).getName().equals(dropped)).toArray();
        DataTableSpec spec = TableBuilder.keep(in, keep);
        List<DataRow> rows = new ArrayList<>();
        for (DataRow r : Tables.rows(counts).subList(0, 10)) {
            var cells = new org.knime.core.data.DataCell[keep.length];
            for (int c = 0; c < keep.length; c++) {
                cells[c] = r.getCell(keep[c]);
            }
            rows.add(new org.knime.core.data.def.DefaultRow(r.getKey(), cells));
        }
        NodeHarness.Run run = NodeHarness.execute(new NormalizerNodeFactory().createNodeModel(), NodeHarness.table(spec, rows),
            NodeTestData.preprocessing());
        assertTrue(run.warning() != null && run.warning().contains(dropped), String.valueOf(run.warning()));
    }

    @Test
    void tableWithoutNumericColumnsFailsInConfigure() {
        DataTableSpec spec = new DataTableSpec(TableBuilder.column("name", StringCell.TYPE));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new NormalizerNodeFactory().createNodeModel(), spec, null));
        assertTrue(e.getMessage().contains("no numeric gene-expression columns"), e.getMessage());
    }

    @Test
    void unknownExcludedColumnIsNamed() {
        NodeModel m = new NormalizerNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("excluded_columns", "n_counts");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> {
            NodeHarness.loadSettings(m, s);
            NodeHarness.configure(m, NodeTestData.counts().getSpec(), null);
        });
        assertTrue(e.getMessage().contains("'n_counts' is not in the input table"), e.getMessage());
    }

    @Test
    void excludedColumnsPassThroughEvenWhenMarkedAsGenes() throws Exception {
        NodeModel m = new NormalizerNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        String gene = NodeTestData.counts().getDataTableSpec().stream().filter(ColumnRoles::isGene).findFirst().get().getName();
        s.addString("excluded_columns", gene);
        s.addInt("n_top_genes", 0);
        NodeHarness.loadSettings(m, s);
        BufferedDataTable out = NodeHarness.execute(m, NodeTestData.counts(), null).table(0);
        assertArrayEquals(Tables.doubles(NodeTestData.counts(), gene), Tables.doubles(out, gene), 0.0, "excluded column unchanged");
        assertEquals(299, out.getDataTableSpec().stream().filter(ColumnRoles::isGene).count());
    }
}
