/*
 * Not a KNIME class. The stand-in settings models share this storage of one typed value under one
 * key; in KNIME each model class implements it itself.
 */
package org.knime.core.node.defaultnodesettings;

import java.util.function.UnaryOperator;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

final class ValueStore<V> {
    @FunctionalInterface
    interface Reader<V> {
        V read(NodeSettingsRO settings, String key) throws InvalidSettingsException;
    }

    @FunctionalInterface
    interface Writer<V> {
        void write(NodeSettingsWO settings, String key, V value);
    }

    @FunctionalInterface
    interface Check<V> {
        void check(V value);
    }

    final String m_key;
    private final Reader<V> m_reader;
    private final Writer<V> m_writer;
    private final UnaryOperator<V> m_copy;
    private Check<V> m_check = v -> {
    };
    private V m_value;

    ValueStore(final String key, final V value, final Reader<V> reader, final Writer<V> writer, final UnaryOperator<V> copy) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_key = key;
        m_reader = reader;
        m_writer = writer;
        m_copy = copy;
        m_value = copy.apply(value);
    }

    /** Restricts values to [min, max] (the bounded models); checks the current value too. */
    static <N extends Comparable<N>> void bound(final ValueStore<N> store, final N min, final N max) {
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("Specified lower bound of the bounded model is larger than the upper bound");
        }
        store.setCheck(v -> {
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                throw new IllegalArgumentException("value (=" + v + ") must be within the range [" + min + "..." + max + "] for '"
                    + store.m_key + "'");
            }
        });
    }

    void setCheck(final Check<V> check) {
        m_check = check;
        check.check(m_value);
    }

    V get() {
        return m_copy.apply(m_value);
    }

    void set(final V value) {
        m_check.check(value);
        m_value = m_copy.apply(value);
    }

    /** Dialogs keep the current value when the settings lack the key, as KNIME does. */
    void loadForDialog(final NodeSettingsRO settings) {
        try {
            m_value = m_reader.read(settings, m_key);
        } catch (InvalidSettingsException e) {
            // keep the current value
        }
    }

    void validate(final NodeSettingsRO settings) throws InvalidSettingsException {
        V v = m_reader.read(settings, m_key);
        try {
            m_check.check(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    void load(final NodeSettingsRO settings) throws InvalidSettingsException {
        validate(settings);
        m_value = m_reader.read(settings, m_key);
    }

    void save(final NodeSettingsWO settings) {
        m_writer.write(settings, m_key, m_value);
    }
}
