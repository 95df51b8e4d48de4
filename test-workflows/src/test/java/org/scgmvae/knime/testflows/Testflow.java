package org.scgmvae.knime.testflows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One KNIME workflow folder: its nodes (with their settings.xml) and connections. */
record Testflow(Path dir, Map<Integer, NodeEntry> nodes, List<Connection> connections) {
    static final String OUR_PACKAGE = "org.scgmvae.";

    /** A node of the workflow. */
    record NodeEntry(int id, Path settingsFile, XmlConfig settings) {
        String factory() {
            return settings.string("factory");
        }

        boolean isOurs() {
            return factory().startsWith(OUR_PACKAGE);
        }

        String name() {
            return settings.string("node-name");
        }

        /** The user-written node description: where the expected outputs of our nodes are stated. */
        String description() {
            String d = settings.children().containsKey("customDescription") ? settings.string("customDescription") : null;
            return d == null ? "" : d;
        }
    }

    /** Ports as KNIME numbers them: 0 is the flow-variable port, data ports start at 1. */
    record Connection(int sourceId, int sourcePort, int destId, int destPort) {
    }

    static List<Path> all(final Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root, 2)) {
            return s.filter(p -> p.getFileName().toString().equals("workflow.knime")).map(Path::getParent).sorted().toList();
        }
    }

    static Testflow load(final Path dir) throws Exception {
        XmlConfig wf = XmlConfig.parse(dir.resolve("workflow.knime"));
        Map<Integer, NodeEntry> nodes = new LinkedHashMap<>();
        for (XmlConfig n : wf.child("nodes").children().values()) {
            int id = n.integer("id");
            if (!"NativeNode".equals(n.string("node_type"))) {
                throw new IllegalArgumentException(dir + ": node " + id + " is a " + n.string("node_type") + "; testflows here use native nodes only");
            }
            Path settings = dir.resolve(n.string("node_settings_file"));
            nodes.put(id, new NodeEntry(id, settings, XmlConfig.parse(settings)));
        }
        List<Connection> connections = new ArrayList<>();
        for (XmlConfig c : wf.child("connections").children().values()) {
            connections.add(new Connection(c.integer("sourceID"), c.integer("sourcePort"), c.integer("destID"), c.integer("destPort")));
        }
        return new Testflow(dir, nodes, connections);
    }

    String name() {
        return dir.getFileName().toString();
    }
}
