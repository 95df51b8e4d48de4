package org.scgmvae.knime.testflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.config.Config;

/**
 * The testflow check CI runs: every workflow parses, references only node factories of ours that
 * exist, uses exactly our nodes' setting keys (with the settings-model types KNIME stores), passes
 * the nodes' own validation, wires ports that exist, and checks its results.
 */
class TestflowCheckTest {
    static final Path ROOT = Path.of(".").toAbsolutePath().normalize();
    static final String BUNDLE = "org.scgmvae.knime.nodes";
    static final String FEATURE = "org.scgmvae.knime.feature.feature.group";

    static List<Testflow> flows() throws Exception {
        List<Testflow> out = new ArrayList<>();
        for (Path d : Testflow.all(ROOT)) {
            out.add(Testflow.load(d));
        }
        return out;
    }

    @Test
    void thereAreTestflowsForEveryNode() throws Exception {
        List<String> factories = new ArrayList<>();
        for (Testflow f : flows()) {
            f.nodes().values().stream().filter(Testflow.NodeEntry::isOurs).forEach(n -> factories.add(n.factory()));
        }
        for (String node : List.of("reader.ReaderNodeFactory", "normalizer.NormalizerNodeFactory", "learner.GmvaeLearnerNodeFactory",
            "learner.CgmvaeLearnerNodeFactory", "predictor.PredictorNodeFactory", "encoder.EncoderNodeFactory",
            "flipper.FlipperNodeFactory", "generator.GeneratorNodeFactory")) {
            assertTrue(factories.contains("org.scgmvae.knime.node." + node), "a testflow uses " + node);
        }
    }

    /** Key -> settings-model type (or entry type) of a settings tree, "_Internals" configs folded in. */
    static Map<String, String> layout(final Config s) {
        Map<String, String> out = new TreeMap<>();
        for (var e : s.entries().entrySet()) {
            if (e.getKey().endsWith("_Internals")) {
                continue;
            }
            String id = "?";
            Config internals = (Config)(s.entries().containsKey(e.getKey() + "_Internals") ? s.entries().get(e.getKey() + "_Internals").value()
                : null);
            if (internals != null) {
                id = internals.getString("SettingsModelID", "?");
            }
            out.put(e.getKey(), id + "/" + e.getValue().type());
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> everyNodeOfOursMatchesItsSettings() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Testflow f : flows()) {
            for (Testflow.NodeEntry n : f.nodes().values()) {
                if (!n.isOurs()) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(f.name() + " #" + n.id() + " " + n.name(), () -> {
                    Class<?> c = Class.forName(n.factory());
                    assertTrue(NodeFactory.class.isAssignableFrom(c), n.factory() + " is a NodeFactory");
                    NodeModel model = ((NodeFactory<?>)c.getConstructor().newInstance()).createNodeModel();
                    NodeSettings fromFile = n.settings().child("model").toNodeSettings();
                    assertEquals(layout(NodeHarness.saveSettings(model)), layout(fromFile), "settings keys and types of " + n.settingsFile());
                    NodeHarness.loadSettings(model, fromFile);
                    assertEquals(BUNDLE, n.settings().string("node-bundle-symbolic-name"));
                    assertEquals(FEATURE, n.settings().string("node-feature-symbolic-name"));
                    assertEquals(folderName(n), n.settingsFile().getParent().getFileName().toString(), "node folder name as KNIME writes it");
                    for (Testflow.Connection con : f.connections()) {
                        if (con.destId() == n.id()) {
                            assertTrue(con.destPort() >= 1 && con.destPort() <= model.getNrInPorts(), "input port " + con.destPort());
                        }
                        if (con.sourceId() == n.id()) {
                            assertTrue(con.sourcePort() >= 1 && con.sourcePort() <= model.getNrOutPorts(), "output port " + con.sourcePort());
                        }
                    }
                }));
            }
        }
        assertFalse(tests.isEmpty());
        return tests;
    }

    /**
     * KNIME's own nodes: each has an entry in {@link KnimeNodeSettings} (a layout checked against its public source), its
     * model settings have exactly those keys and types, their values pass the checks its source makes, and bundle and
     * feature are named as a KNIME 5.5 save names them.
     */
    @TestFactory
    List<DynamicTest> everyKnimeNodeHasTheSettingsItsSourceSaves() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Testflow f : flows()) {
            for (Testflow.NodeEntry n : f.nodes().values()) {
                if (n.isOurs()) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(f.name() + " #" + n.id() + " " + n.name(), () -> {
                    KnimeNodeSettings.Node known = KnimeNodeSettings.of(n.factory()).orElseThrow(() -> new AssertionError(n.factory()
                        + " has no settings layout checked against a public KNIME source (KnimeNodeSettings); a node whose keys cannot "
                        + "be checked may not load in a real KNIME"));
                    NodeSettings fromFile = n.settings().child("model").toNodeSettings();
                    assertEquals(layout(known.expected()), layout(fromFile), "settings keys and types of " + n.settingsFile()
                        + " as " + known.source() + " saves them");
                    known.values().accept(fromFile);
                    assertEquals(known.bundle(), n.settings().string("node-bundle-symbolic-name"), "bundle");
                    assertEquals(known.feature(), n.settings().string("node-feature-symbolic-name"), "feature");
                    assertEquals(folderName(n), n.settingsFile().getParent().getFileName().toString(), "node folder name as KNIME writes it");
                }));
            }
        }
        assertTrue(tests.size() >= 12, "KNIME nodes in the flows: " + tests.size());
        return tests;
    }

    static final String TEST_CONFIG = "org.knime.testing.node.config.TestConfigNodeFactory";
    static final String BREAKPOINT = "org.knime.base.node.flowcontrol.breakpoint.BreakpointNodeFactory";

    static java.util.Set<Integer> upstream(final Testflow f, final int id) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        java.util.Deque<Integer> todo = new java.util.ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            int n = todo.pop();
            for (Testflow.Connection c : f.connections()) {
                if (c.destId() == n && seen.add(c.sourceId())) {
                    todo.push(c.sourceId());
                }
            }
        }
        return seen;
    }

    /** KNIME names a node's folder "<name> (#<id>)", with characters illegal in file names replaced by '_'. */
    static String folderName(final Testflow.NodeEntry n) {
        StringBuilder s = new StringBuilder();
        for (char c : n.name().toCharArray()) {
            s.append("*?#:\"<>%~|/\\".indexOf(c) >= 0 ? '_' : c);
        }
        return s + " (#" + n.id() + ")";
    }

    @TestFactory
    List<DynamicTest> everyWorkflowIsWiredAndChecksItsResults() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Testflow f : flows()) {
            tests.add(DynamicTest.dynamicTest(f.name(), () -> {
                for (Testflow.Connection c : f.connections()) {
                    assertTrue(f.nodes().containsKey(c.sourceId()) && f.nodes().containsKey(c.destId()), "connection " + c);
                }
                long inputsTaken = f.connections().stream().map(c -> c.destId() + ":" + c.destPort()).distinct().count();
                assertEquals(f.connections().size(), inputsTaken, "each input port has at most one connection");
                boolean checks = f.nodes().values().stream().anyMatch(n -> n.isOurs() && n.description().contains("expect"));
                if (!checks) {
                    fail(f.name() + " states no expected output");
                }
                // in KNIME's Testing Framework the flow fails through a Breakpoint fed (indirectly) by our nodes
                assertTrue(f.nodes().values().stream().anyMatch(n -> n.factory().equals(TEST_CONFIG)), "Testflow Configuration node");
                assertTrue(f.nodes().values().stream().filter(n -> n.factory().equals(BREAKPOINT))
                    .anyMatch(b -> upstream(f, b.id()).stream().anyMatch(id -> f.nodes().get(id).isOurs())), "a Breakpoint checks our output");
                assertTrue(Files.isRegularFile(f.dir().resolve("workflow.knime")));
            }));
        }
        return tests;
    }

    /**
     * KNIME's own rule filters compare with literal values that must exist in the flows' data or results (a flip target
     * renamed in one place and not in the rule would pass our nodes' checks and fail only in KNIME).
     */
    @Test
    void ruleFiltersCompareWithValuesThatExist() throws Exception {
        var obs = new org.scgmvae.core.io.h5ad.H5adReader().readAnnotations(ROOT.resolve("data/kang_subset.h5ad")).obs();
        java.util.Set<String> known = new java.util.HashSet<>(List.of("Overall")); // the Scorer's summary row
        for (String col : List.of("cell_type", "condition")) {
            known.addAll(obs.categorical(col).categories());
        }
        java.util.regex.Pattern rule = java.util.regex.Pattern.compile("<entry key=\"\\d+\" type=\"xstring\" value=\"([^\"]*)\"/>");
        java.util.regex.Pattern literal = java.util.regex.Pattern.compile("%%00034(.*?)%%00034");
        int literals = 0;
        for (Testflow f : flows()) {
            for (Testflow.NodeEntry n : f.nodes().values()) {
                if (!n.factory().endsWith("RuleEngineFilterNodeFactory")) {
                    continue;
                }
                java.util.regex.Matcher r = rule.matcher(Files.readString(n.settingsFile()));
                while (r.find()) {
                    java.util.regex.Matcher l = literal.matcher(r.group(1));
                    while (l.find()) {
                        literals++;
                        assertTrue(known.contains(l.group(1)), f.name() + ", " + n.name() + ": '" + l.group(1) + "' is not a value of the data "
                            + known);
                    }
                }
            }
        }
        assertTrue(literals >= 3, "the rules of flows 01, 03 and 04 were read: " + literals);
    }
}
