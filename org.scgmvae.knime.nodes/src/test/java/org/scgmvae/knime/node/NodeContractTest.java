package org.scgmvae.knime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponent;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.port.PortObjectSpec;
import org.scgmvae.knime.node.encoder.EncoderNodeFactory;
import org.scgmvae.knime.node.flipper.FlipperNodeFactory;
import org.scgmvae.knime.node.generator.GeneratorNodeFactory;
import org.scgmvae.knime.node.learner.CgmvaeLearnerNodeFactory;
import org.scgmvae.knime.node.learner.GmvaeLearnerNodeFactory;
import org.scgmvae.knime.node.normalizer.NormalizerNodeFactory;
import org.scgmvae.knime.node.predictor.PredictorNodeFactory;
import org.scgmvae.knime.node.reader.ReaderNodeFactory;
import org.scgmvae.knime.port.ModelPortObject;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** KNIME conventions every node must meet: settings, dialog, description, registration. */
class NodeContractTest {
    static Stream<NodeFactory<?>> factories() {
        return Stream.of(new ReaderNodeFactory(), new NormalizerNodeFactory(), new GmvaeLearnerNodeFactory(),
            new CgmvaeLearnerNodeFactory(), new PredictorNodeFactory(), new EncoderNodeFactory(), new FlipperNodeFactory(),
            new GeneratorNodeFactory());
    }

    /** Input specs a user would have when opening the dialog. */
    private static PortObjectSpec[] specs(final NodeModel m) throws Exception {
        PortObjectSpec[] s = new PortObjectSpec[m.getNrInPorts()];
        for (int i = 0; i < s.length; i++) {
            var type = m.getInPortType(i).getPortObjectClass();
            s[i] = type == BufferedDataTable.class ? NodeTestData.normalized().getSpec()
                : type == ModelPortObject.class ? NodeTestData.cgmvae().getSpec() : null;
        }
        return s;
    }

    private static Set<String> keys(final NodeSettings s) {
        return new TreeSet<>(s.keySet());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void defaultSettingsSurviveSaveValidateLoad(final NodeFactory<?> f) throws Exception {
        NodeModel m = f.createNodeModel();
        NodeSettings saved = NodeHarness.saveSettings(m);
        NodeHarness.loadSettings(f.createNodeModel(), saved);
        for (String k : saved.keySet()) {
            if (!k.endsWith("_Internals")) {
                assertTrue(saved.containsKey(k + "_Internals"), "settings model bookkeeping for " + k);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("factories")
    void dialogWritesExactlyTheModelsSettings(final NodeFactory<?> f) throws Exception {
        NodeModel m = f.createNodeModel();
        NodeSettings model = NodeHarness.saveSettings(m);
        if (f instanceof CgmvaeLearnerNodeFactory) {
            model.addString("condition_column", NodeTestData.CONDITION);
        }
        if (f instanceof FlipperNodeFactory) {
            model.addString("target_condition", "stim");
        }
        NodeDialogPane d = NodeHarness.dialog(f);
        NodeSettings fromDialog = NodeHarness.dialogRoundTrip(d, model, specs(m));
        assertEquals(keys(model), keys(fromDialog));
        for (String k : model.keySet()) {
            assertEquals(String.valueOf(model.entries().get(k).value()), String.valueOf(fromDialog.entries().get(k).value()),
                "dialog keeps the value of " + k);
        }
        NodeHarness.loadSettings(f.createNodeModel(), fromDialog);
        assertEquals(0, NodeHarness.viewCount(f));
    }

    private static Document description(final NodeFactory<?> f) throws Exception {
        String res = f.getClass().getSimpleName() + ".xml";
        try (InputStream in = f.getClass().getResourceAsStream(res)) {
            assertNotNull(in, "node description " + res + " next to the factory");
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            return dbf.newDocumentBuilder().parse(in);
        }
    }

    private static List<String> texts(final Document d, final String tag, final String attr) {
        NodeList l = d.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) {
            out.add(attr == null ? l.item(i).getTextContent() : ((Element)l.item(i)).getAttribute(attr));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("factories")
    void descriptionDocumentsEveryOptionAndPort(final NodeFactory<?> f) throws Exception {
        Document d = description(f);
        Element root = d.getDocumentElement();
        assertEquals("knimeNode", root.getLocalName());
        assertEquals("http://knime.org/node/v4.1", root.getNamespaceURI());
        assertTrue(texts(d, "name", null).get(0).startsWith("sc*GMVAE "));
        assertTrue(texts(d, "intro", null).get(0).length() > 100, "an intro that explains the node");
        String icon = root.getAttribute("icon");
        assertNotNull(f.getClass().getResource(icon.replace("./", "")), "icon " + icon);
        NodeModel m = f.createNodeModel();
        assertEquals(m.getNrInPorts(), texts(d, "inPort", "name").size(), "documented input ports");
        assertEquals(m.getNrOutPorts(), texts(d, "outPort", "name").size(), "documented output ports");
        List<String> options = texts(d, "option", "name");
        List<String> labels = new ArrayList<>();
        for (DialogComponent c : ((DefaultNodeSettingsPane)NodeHarness.dialog(f)).components()) {
            labels.add(c instanceof DialogComponentFileChooser ? "Input file" : c.getLabel());
        }
        assertEquals(new TreeSet<>(labels), new TreeSet<>(options), "every dialog option documented, nothing stale");
        for (String text : texts(d, "option", null)) {
            assertTrue(text.trim().length() > 15, "option text explains it: '" + text + "'");
        }
    }

    @Test
    void pluginXmlRegistersEveryFactoryAndPortType() throws Exception {
        Path plugin = Path.of("plugin.xml");
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        Document d = dbf.newDocumentBuilder().parse(plugin.toFile());
        Set<String> registered = new HashSet<>(texts(d, "node", "factory-class"));
        Set<String> expected = new HashSet<>();
        factories().forEach(f -> expected.add(f.getClass().getName()));
        assertEquals(expected, registered);
        for (String c : texts(d, "portType", "objectSerializer")) {
            assertNotNull(Class.forName(c));
        }
        for (String c : texts(d, "portType", "specSerializer")) {
            assertNotNull(Class.forName(c));
        }
        for (String p : texts(d, "node", "category-path")) {
            assertEquals("/community/scgmvae", p);
        }
        assertTrue(Files.exists(Path.of(texts(d, "category", "icon").get(0))));
    }

    @Test
    void manifestNamesTheBundleAndKnimeDependencies() throws Exception {
        String mf = Files.readString(Path.of("META-INF/MANIFEST.MF"));
        assertTrue(mf.contains("Bundle-SymbolicName: org.scgmvae.knime.nodes;singleton:=true"));
        assertTrue(mf.contains("org.knime.core;bundle-version=\"[5.1.0,6.0.0)\""));
        assertTrue(mf.contains("org.scgmvae.knime.libs"));
    }
}
