package org.scgmvae.knime.node;

import java.util.Arrays;

import org.knime.core.node.InvalidSettingsException;

/** Enum-valued node settings (stored as their names) read back with a message that lists the choices. */
public final class EnumSettings {
    private EnumSettings() {
    }

    public static <E extends Enum<E>> E parse(final Class<E> type, final String value, final String what)
        throws InvalidSettingsException {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException("Unknown " + what + " '" + value + "'; use one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
