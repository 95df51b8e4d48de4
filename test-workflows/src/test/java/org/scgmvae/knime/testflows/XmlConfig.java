package org.scgmvae.knime.testflows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsWO;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A parsed KNIME XMLConfig file (workflow.knime, settings.xml): nested configs with typed entries.
 * Arrays are configs with an "array-size" entry and entries "0", "1", ...
 */
record XmlConfig(String key, String type, String value, boolean isNull, Map<String, XmlConfig> children) {
    static final String NS = "http://www.knime.org/2008/09/XMLConfig";

    static XmlConfig parse(final Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element root = f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        if (!NS.equals(root.getNamespaceURI()) || !"config".equals(root.getLocalName())) {
            throw new IllegalArgumentException(file + " is not a KNIME XMLConfig file (root " + root.getTagName() + ")");
        }
        return of(root);
    }

    private static XmlConfig of(final Element e) {
        if ("entry".equals(e.getLocalName())) {
            return new XmlConfig(e.getAttribute("key"), e.getAttribute("type"), decode(e.getAttribute("value")),
                "true".equals(e.getAttribute("isnull")), Map.of());
        }
        Map<String, XmlConfig> children = new LinkedHashMap<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                XmlConfig child = of(c);
                if (children.put(child.key(), child) != null) {
                    throw new IllegalArgumentException("duplicate key '" + child.key() + "' in config '" + e.getAttribute("key") + "'");
                }
            }
        }
        return new XmlConfig(e.getAttribute("key"), "config", null, false, children);
    }

    /** KNIME escapes special characters as %%000NN (decimal code point). */
    static String decode(final String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("%%", i) && i + 7 <= s.length() && s.substring(i + 2, i + 7).chars().allMatch(Character::isDigit)) {
                out.append((char)Integer.parseInt(s.substring(i + 2, i + 7)));
                i += 6;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    boolean isConfig() {
        return "config".equals(type);
    }

    boolean isArray() {
        return isConfig() && children.containsKey("array-size");
    }

    XmlConfig child(final String k) {
        XmlConfig c = children.get(k);
        if (c == null) {
            throw new IllegalArgumentException("no key '" + k + "' in config '" + key + "' (has " + children.keySet() + ")");
        }
        return c;
    }

    String string(final String k) {
        XmlConfig c = child(k);
        return c.isNull() ? null : c.value();
    }

    int integer(final String k) {
        return Integer.parseInt(child(k).value());
    }

    /** This config as the settings tree a NodeModel reads (what KNIME hands to loadSettingsFrom). */
    NodeSettings toNodeSettings() {
        NodeSettings s = new NodeSettings(key);
        fill(s);
        return s;
    }

    private void fill(final NodeSettingsWO s) {
        for (XmlConfig c : children.values()) {
            if (c.isArray()) {
                addArray(s, c);
            } else if (c.isConfig()) {
                c.fill(s.addNodeSettings(c.key()));
            } else {
                String v = c.isNull() ? null : c.value();
                switch (c.type()) {
                    case "xstring" -> s.addString(c.key(), v);
                    case "xint" -> s.addInt(c.key(), Integer.parseInt(v));
                    case "xlong" -> s.addLong(c.key(), Long.parseLong(v));
                    case "xdouble" -> s.addDouble(c.key(), Double.parseDouble(v));
                    case "xboolean" -> s.addBoolean(c.key(), Boolean.parseBoolean(v));
                    default -> throw new IllegalArgumentException("entry type '" + c.type() + "' of '" + c.key() + "' is not supported");
                }
            }
        }
    }

    private static void addArray(final NodeSettingsWO s, final XmlConfig c) {
        int n = c.integer("array-size");
        List<XmlConfig> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(c.child(Integer.toString(i)));
        }
        String t = items.isEmpty() ? "xstring" : items.get(0).type();
        switch (t) {
            case "xstring" -> s.addStringArray(c.key(), items.stream().map(x -> x.isNull() ? null : x.value()).toArray(String[]::new));
            case "xint" -> s.addIntArray(c.key(), items.stream().mapToInt(x -> Integer.parseInt(x.value())).toArray());
            case "xdouble" -> s.addDoubleArray(c.key(), items.stream().mapToDouble(x -> Double.parseDouble(x.value())).toArray());
            default -> throw new IllegalArgumentException("array type '" + t + "' of '" + c.key() + "' is not supported");
        }
    }
}
