package org.scgmvae.knime.node.reader;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.knime.core.node.InvalidSettingsException;

/**
 * Which genes the Reader reads. The setting stores the stable id ({@link #name()}); the label is only shown, so that
 * a better label never breaks a saved workflow. Workflows saved before the ids stored the labels; those still load.
 */
enum GeneSelection {
    ALL("All genes"), HVG("Highly variable genes"), LISTED("Listed genes");

    final String m_label;

    GeneSelection(final String label) {
        m_label = label;
    }

    /** The selection a stored value names: an id, or the label older workflows stored. */
    static GeneSelection of(final String stored) throws InvalidSettingsException {
        for (GeneSelection s : values()) {
            if (s.name().equals(stored) || s.m_label.equals(stored)) {
                return s;
            }
        }
        throw new InvalidSettingsException("Unknown gene selection '" + stored + "'; use one of: "
            + Arrays.stream(values()).map(s -> s.name() + " (" + s.m_label + ")").collect(Collectors.joining(", ")));
    }

    static String[] ids() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }

    static String[] labels() {
        return Arrays.stream(values()).map(s -> s.m_label).toArray(String[]::new);
    }
}
