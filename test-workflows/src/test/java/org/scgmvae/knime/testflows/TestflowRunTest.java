package org.scgmvae.knime.testflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.scgmvae.knime.table.ColumnRoles;

/**
 * Executes the sc*GMVAE part of every testflow in the KNIME API mirror's harness, in workflow
 * order, with the settings stored in the files, and checks the "expect:" lines of the nodes'
 * descriptions. (KNIME's own nodes in the flows run only in KNIME's Testing Framework.)
 *
 * Expectation lines: {@code expect: rows = 600}, {@code expect[2]: rows >= 1} (output port 2),
 * {@code expect: genes = 150}, {@code expect: columns include A, B},
 * {@code expect: accuracy(cell_type, Predicted label) >= 0.9}.
 */
class TestflowRunTest {
    private static final Pattern EXPECT = Pattern.compile("^expect(?:\\[(\\d+)\\])?:\\s*(.+)$", Pattern.MULTILINE);
    private static final Pattern COMPARE = Pattern.compile("^(rows|genes|accuracy\\(([^,]+),\\s*([^)]+)\\))\\s*(=|>=|<=)\\s*([0-9.]+)$");
    private static final Pattern COLUMNS = Pattern.compile("^columns include (.+)$");

    @TestFactory
    List<DynamicTest> sgmvaeNodesOfEveryTestflowExecuteAndMeetTheirExpectations() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Testflow f : TestflowCheckTest.flows()) {
            tests.add(DynamicTest.dynamicTest(f.name(), () -> run(f)));
        }
        return tests;
    }

    private static void run(final Testflow f) throws Exception {
        System.setProperty("scgmvae.standin.workflowDir", f.dir().toString());
        Map<Integer, PortObject[]> outputs = new HashMap<>();
        int executed = 0;
        List<Integer> pending = new ArrayList<>(f.nodes().keySet());
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Integer id : List.copyOf(pending)) {
                Testflow.NodeEntry n = f.nodes().get(id);
                if (!n.isOurs()) {
                    pending.remove(id);
                    progress = true;
                    continue;
                }
                NodeModel m = ((NodeFactory<?>)Class.forName(n.factory()).getConstructor().newInstance()).createNodeModel();
                PortObject[] in = new PortObject[m.getNrInPorts()];
                boolean ready = true;
                for (Testflow.Connection c : f.connections()) {
                    if (c.destId() == id) {
                        PortObject[] src = outputs.get(c.sourceId());
                        if (src == null) {
                            ready = false;
                        } else {
                            in[c.destPort() - 1] = src[c.sourcePort() - 1];
                        }
                    }
                }
                if (!ready) {
                    continue;
                }
                NodeHarness.loadSettings(m, n.settings().child("model").toNodeSettings());
                NodeHarness.Run r = NodeHarness.execute(m, in);
                outputs.put(id, r.outputs());
                check(f, n, r);
                executed++;
                pending.remove(id);
                progress = true;
            }
        }
        long ours = f.nodes().values().stream().filter(Testflow.NodeEntry::isOurs).count();
        assertEquals(ours, executed, f.name() + ": every sc*GMVAE node executed");
        checkPlotterInputs(f, outputs);
    }

    /**
     * KNIME's legacy plotters (DefaultVisualizationNodeModel.configure) fail with "No columns to visualize" when no
     * column is numeric or nominal with few values; ours must feed them numbers (the UMAP coordinates, the loss terms).
     * The plotters also need numeric columns' domain bounds, which KNIME's data container computes while a node writes
     * its table (the API mirror has no domains, so that half is KNIME's to check).
     */
    private static void checkPlotterInputs(final Testflow f, final Map<Integer, PortObject[]> outputs) {
        for (Testflow.NodeEntry n : f.nodes().values()) {
            if (!n.factory().startsWith("org.knime.base.node.viz.plotter.")) {
                continue;
            }
            for (Testflow.Connection c : f.connections()) {
                if (c.destId() != n.id() || !f.nodes().get(c.sourceId()).isOurs()) {
                    continue;
                }
                var spec = ((BufferedDataTable)outputs.get(c.sourceId())[c.sourcePort() - 1]).getDataTableSpec();
                long numeric = spec.stream().filter(col -> col.getType().isCompatible(DoubleValue.class)).count();
                System.out.println(f.name() + " #" + n.id() + " " + n.name() + ": " + numeric + " numeric columns of " + spec.getNumColumns());
                assertTrue(numeric >= 2, f.name() + " #" + n.id() + " " + n.name() + " gets numeric columns to draw");
                if (n.factory().endsWith("ScatterPlotterNodeFactory")) {
                    for (String axis : List.of("umap_1", "umap_2")) {
                        assertTrue(spec.containsName(axis) && spec.getColumnSpec(axis).getType().isCompatible(DoubleValue.class),
                            "the scatter plot's axis " + axis);
                    }
                }
            }
        }
    }

    private static void check(final Testflow f, final Testflow.NodeEntry n, final NodeHarness.Run r) {
        Matcher m = EXPECT.matcher(n.description());
        while (m.find()) {
            int port = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
            String what = m.group(2).trim();
            String where = f.name() + " #" + n.id() + " " + n.name() + " port " + port + ": " + what;
            BufferedDataTable t = r.table(port - 1);
            Matcher cols = COLUMNS.matcher(what);
            if (cols.matches()) {
                for (String c : cols.group(1).split(",")) {
                    assertTrue(t.getDataTableSpec().containsName(c.trim()), where);
                }
                continue;
            }
            Matcher cmp = COMPARE.matcher(what);
            assertTrue(cmp.matches(), "unknown expectation: " + where);
            double actual = switch (cmp.group(1).replaceAll("\\(.*", "")) {
                case "rows" -> t.size();
                case "genes" -> t.getDataTableSpec().stream().filter(ColumnRoles::isGene).count();
                default -> accuracy(t, cmp.group(2).trim(), cmp.group(3).trim());
            };
            double want = Double.parseDouble(cmp.group(5));
            boolean ok = switch (cmp.group(4)) {
                case "=" -> actual == want;
                case ">=" -> actual >= want;
                default -> actual <= want;
            };
            System.out.println(where + ": actual " + actual);
            assertTrue(ok, where + " (actual " + actual + ")");
        }
    }

    private static double accuracy(final BufferedDataTable t, final String truth, final String predicted) {
        int a = t.getDataTableSpec().findColumnIndex(truth);
        int b = t.getDataTableSpec().findColumnIndex(predicted);
        int n = 0;
        int ok = 0;
        try (CloseableRowIterator it = t.iterator()) {
            while (it.hasNext()) {
                DataRow row = it.next();
                n++;
                if (!row.getCell(b).isMissing()
                    && ((StringValue)row.getCell(a)).getStringValue().equals(((StringValue)row.getCell(b)).getStringValue())) {
                    ok++;
                }
            }
        }
        return ok / (double)n;
    }
}
