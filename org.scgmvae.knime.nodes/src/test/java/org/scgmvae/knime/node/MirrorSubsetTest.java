package org.scgmvae.knime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeModel;

/**
 * The KNIME API mirror must hold exactly what the nodes use: every KNIME type our compiled classes
 * refer to, their supertypes, and the stand-in's own helpers (harness, storage) — nothing else, so
 * that no node can come to depend on an API the mirror invented or kept by accident.
 */
class MirrorSubsetTest {
    private static final Pattern REF = Pattern.compile("org/knime/[A-Za-z0-9_/]+");
    /** Stand-in infrastructure, not KNIME API (each says so in its header). */
    private static final Set<String> STAND_IN = Set.of("org.knime.core.node.NodeHarness", "org.knime.core.node.StandInProgress",
        "org.knime.core.data.def.StandInValueCell", "org.knime.core.node.defaultnodesettings.ValueStore");

    private static Set<String> referencedByNodes() throws Exception {
        Path classes = Path.of("target/classes");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".class")).toList()) {
                Matcher m = REF.matcher(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    used.add(m.group().replace('/', '.'));
                }
            }
        }
        return used;
    }

    private static Set<String> withSupertypes(final Set<String> names) throws Exception {
        Set<String> out = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (String n : names) {
            todo.push(Class.forName(n));
        }
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c.getName().startsWith("org.knime.") && out.add(c.getName().replaceAll("\\$.*", ""))) {
                if (c.getSuperclass() != null) {
                    todo.push(c.getSuperclass());
                }
                for (Class<?> i : c.getInterfaces()) {
                    todo.push(i);
                }
                if (c.getDeclaringClass() != null) {
                    todo.push(c.getDeclaringClass());
                }
            }
        }
        return out;
    }

    private static Set<String> mirrorTypes() throws Exception {
        Path root = Path.of(NodeModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> out = new TreeSet<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
                    .forEach(f -> out.add(root.relativize(f).toString().replace(".class", "").replace('/', '.')));
            }
        } else {
            try (var zip = new java.util.zip.ZipFile(root.toFile())) {
                zip.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .forEach(n -> out.add(n.replace(".class", "").replace('/', '.')));
            }
        }
        return out;
    }

    @Test
    void mirrorHoldsExactlyTheKnimeTypesTheNodesUse() throws Exception {
        Set<String> used = referencedByNodes();
        assertTrue(used.contains("org.knime.core.node.NodeModel"), "the scan finds KNIME references");
        Set<String> needed = withSupertypes(used);
        Set<String> unused = new TreeSet<>(mirrorTypes());
        unused.removeAll(needed);
        unused.removeAll(STAND_IN);
        // types the stand-in implementation itself needs to exist (DataType's missing cell, the harness's streams, ...)
        unused.removeAll(Set.of("org.knime.core.data.MissingCell", "org.knime.core.node.NodeSettings", "org.knime.core.node.ModelContent",
            "org.knime.core.node.port.PortObjectSpecZipInputStream", "org.knime.core.node.port.PortObjectSpecZipOutputStream",
            "org.knime.core.node.NotConfigurableException", "org.knime.core.data.container.DataContainer",
            "org.knime.core.node.config.Config"));
        assertEquals(Set.of(), unused, "mirror types no node uses: remove them from the mirror");
    }
}
