package org.scgmvae.knime.testflows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The settings of KNIME's own nodes in our testflows, as their public sources (KNIME AP 5.5, branch releases/2025-07)
 * save them: the same keys, built with the same settings models, so that a flow written without a KNIME installation
 * loads in a real one. A KNIME node whose settings cannot be checked against a public source (a WebUI node, say) has
 * no entry here, and {@code TestflowCheckTest} refuses it in a flow.
 */
final class KnimeNodeSettings {

    /**
     * One KNIME node: its factory, bundle and feature as a 5.5 save names them, the source its layout follows, the model
     * settings that source saves (values are defaults; only keys and types are compared) and a check of the values.
     */
    record Node(String factory, String bundle, String feature, String source, NodeSettings expected, Consumer<NodeSettings> values) {
    }

    private static final String BASE = "org.knime.base";
    private static final String BASE_FEATURE = "org.knime.features.base.feature.group";

    private KnimeNodeSettings() {
    }

    static final List<Node> ALL = List.of(
        new Node("org.knime.base.node.mine.scorer.accuracy.AccuracyScorer2NodeFactory", BASE, BASE_FEATURE,
            "knime-base org.knime.base/src/org/knime/base/node/mine/scorer/accuracy/AbstractAccuracyScorerNodeModel.java, saveSettingsTo",
            settings(s -> {
                s.addString("first", "");
                s.addString("second", "");
                s.addString("flowVarPrefix", null);
                s.addBoolean("sortingReversed", false);
                s.addInt("sortingStrategy", 0);
                s.addBoolean("ignore.missing.values", true);
            }),
            s -> assertTrue(get(() -> s.getInt("sortingStrategy")) >= 0, "a sorting strategy index")),
        new Node("org.knime.base.node.flowcontrol.breakpoint.BreakpointNodeFactory", BASE, BASE_FEATURE,
            "knime-base org.knime.base/src/org/knime/base/node/flowcontrol/breakpoint/BreakpointNodeModel.java, saveSettingsTo "
                + "(models created in BreakpointNodeDialog)",
            models(new SettingsModelBoolean("Enabled", false), new SettingsModelString("BreakPoint", "empty table"),
                new SettingsModelString("Variable Name", ""), new SettingsModelString("Variable Value", "0"),
                new SettingsModelBoolean("Use custom error message", false),
                new SettingsModelString("Custom error message", "Breakpoint halted execution")),
            s -> assertTrue(List.of("empty table", "non-empty table", "active branch", "inactive branch", "variable matches value")
                .contains(get(() -> s.getString("BreakPoint"))), "one of the Breakpoint's choices (BreakpointNodeDialog; "
                    + "'non-empty table' since KNIME 5.5, so the flows need 5.5)")),
        new Node("org.knime.base.node.rules.engine.RuleEngineFilterNodeFactory", "org.knime.jsnippets",
            "org.knime.features.javasnippet.feature.group",
            "knime-javasnippet org.knime.jsnippets/src/org/knime/base/node/rules/engine/RuleEngineSettings.java saveSettings "
                + "and RuleEngineFilterNodeModel.java saveSettingsTo",
            settings(s -> {
                s.addStringArray("rules");
                s.addString("new-column-name", "");
                s.addString("replace-column-name", "");
                s.addBoolean("append-column", true);
                s.addBoolean("disallowLongOutputForCompatibility", true);
                new SettingsModelBoolean("include", true).saveSettingsTo(s);
            }),
            s -> assertTrue(get(() -> s.getStringArray("rules")).length > 0, "at least one rule")),
        // the legacy plotters' settings (DefaultVisualizationNodeModel) are public, unlike the WebUI views' keys
        plotter("org.knime.base.node.viz.plotter.scatter.ScatterPlotterNodeFactory"),
        plotter("org.knime.base.node.viz.plotter.line.LinePlotterNodeFactory"),
        new Node("org.knime.testing.node.config.TestConfigNodeFactory", "org.knime.testing",
            "org.knime.features.testing.application.feature.group",
            "knime-core org.knime.core.workflow.tests/src/org/knime/core/node/workflow/"
                + "bugAP23528_WorkflowLoad_FolderNames_CaseIgnorant/Testflow Configuration (#2)/settings.xml (a KNIME 5.4 save; "
                + "the node's source is not public)",
            settings(s -> {
                s.addString("owner", "");
                s.addStringArray("requiredLogErrors");
                s.addStringArray("requiredLogWarnings");
                s.addStringArray("requiredLogInfos");
                s.addStringArray("optionalLogMessages");
                s.addStringArray("failingNodes");
                s.addNodeSettings("requiredNodeWarnings").addInt("count", 0);
                s.addNodeSettings("requiredNodeErrors").addInt("count", 0);
                s.addInt("timeout", 0);
                s.addInt("maxHilitedRows", 0);
                s.addStringArray("usedJanitors");
                s.addBoolean("streamingTest", false);
                s.addBoolean("testNodesInComponents", true);
                s.addString("requiredLoadVersion", "");
                s.addStringArray("supportedTableBackends", "");
            }),
            s -> assertTrue(get(() -> s.getInt("timeout")) > 0, "a timeout in seconds")));

    static Optional<Node> of(final String factory) {
        return ALL.stream().filter(n -> n.factory().equals(factory)).findFirst();
    }

    /** DefaultVisualizationNodeModel: the rows shown ("end") and the most nominal values of a column, both bounded. */
    private static Node plotter(final String factory) {
        return new Node(factory, BASE, BASE_FEATURE,
            "knime-base org.knime.base/src/org/knime/base/node/viz/plotter/node/DefaultVisualizationNodeModel.java, saveSettingsTo",
            models(end(), maxNominal()), s -> {
                try {
                    end().loadSettingsFrom(s);
                    maxNominal().loadSettingsFrom(s);
                } catch (InvalidSettingsException e) {
                    throw new AssertionError("the plotter's settings are in their bounds: " + e.getMessage(), e);
                }
            });
    }

    private static SettingsModelIntegerBounded end() {
        return new SettingsModelIntegerBounded("end", 2500, 1, Integer.MAX_VALUE);
    }

    private static SettingsModelIntegerBounded maxNominal() {
        return new SettingsModelIntegerBounded("max_nominal_values", 60, 1, Integer.MAX_VALUE);
    }

    private static NodeSettings models(final SettingsModel... models) {
        return settings(s -> {
            for (SettingsModel m : models) {
                m.saveSettingsTo(s);
            }
        });
    }

    private static NodeSettings settings(final Consumer<NodeSettings> fill) {
        NodeSettings s = new NodeSettings("model");
        fill.accept(s);
        return s;
    }

    interface Read<T> {
        T get() throws InvalidSettingsException;
    }

    private static <T> T get(final Read<T> read) {
        try {
            return read.get();
        } catch (InvalidSettingsException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
