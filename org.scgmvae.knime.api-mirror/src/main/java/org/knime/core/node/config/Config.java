/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/config/Config.java (ConfigBase folded in) (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.knime.core.node.InvalidSettingsException;

public abstract class Config implements ConfigRO, ConfigWO, Serializable {
    private static final long serialVersionUID = 1L;

    /** Entry kinds, named like the type attribute of KNIME's XML settings files. */
    public enum EntryType { xint, xlong, xdouble, xboolean, xstring, intarray, doublearray, stringarray, config }

    /** A typed leaf or sub-config (in-memory only). */
    public record Entry(EntryType type, Object value) implements Serializable {
    }

    private final String m_key;
    private final LinkedHashMap<String, Entry> m_entries = new LinkedHashMap<>();

    protected Config(final String key) {
        m_key = key;
    }

    protected abstract Config getInstance(String key);

    @Override
    public String getKey() {
        return m_key;
    }

    /** Not a KNIME method: read access for tests and the testflow check. */
    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(m_entries);
    }

    @Override
    public boolean containsKey(final String key) {
        return m_entries.containsKey(key);
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(m_entries.keySet());
    }

    @Override
    public Iterator<String> iterator() {
        return keySet().iterator();
    }

    private Object get(final String key, final EntryType type) throws InvalidSettingsException {
        Entry e = m_entries.get(key);
        if (e == null) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
        }
        if (e.type() != type) {
            throw new InvalidSettingsException("Entry \"" + key + "\" is of type " + e.type() + ", not " + type + ".");
        }
        return e.value();
    }

    private void put(final String key, final EntryType type, final Object value) {
        m_entries.put(key, new Entry(type, value));
    }

    @Override
    public ConfigRO getConfig(final String key) throws InvalidSettingsException {
        return (Config)get(key, EntryType.config);
    }

    @Override
    public ConfigWO addConfig(final String key) {
        Config c = getInstance(key);
        put(key, EntryType.config, c);
        return c;
    }

    protected Config getConfigBase(final String key) throws InvalidSettingsException {
        return (Config)get(key, EntryType.config);
    }

    protected void addConfigBase(final Config config) {
        put(config.getKey(), EntryType.config, config);
    }

    @Override
    public int getInt(final String key) throws InvalidSettingsException {
        return (Integer)get(key, EntryType.xint);
    }

    @Override
    public int getInt(final String key, final int def) {
        try {
            return getInt(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public long getLong(final String key) throws InvalidSettingsException {
        Entry e = m_entries.get(key);
        if (e != null && e.type() == EntryType.xint) {
            return (Integer)e.value();
        }
        return (Long)get(key, EntryType.xlong);
    }

    @Override
    public long getLong(final String key, final long def) {
        try {
            return getLong(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public double getDouble(final String key) throws InvalidSettingsException {
        return (Double)get(key, EntryType.xdouble);
    }

    @Override
    public double getDouble(final String key, final double def) {
        try {
            return getDouble(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public boolean getBoolean(final String key) throws InvalidSettingsException {
        return (Boolean)get(key, EntryType.xboolean);
    }

    @Override
    public boolean getBoolean(final String key, final boolean def) {
        try {
            return getBoolean(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String getString(final String key) throws InvalidSettingsException {
        return (String)get(key, EntryType.xstring);
    }

    @Override
    public String getString(final String key, final String def) {
        try {
            return getString(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public int[] getIntArray(final String key) throws InvalidSettingsException {
        int[] v = (int[])get(key, EntryType.intarray);
        return v == null ? null : v.clone();
    }

    @Override
    public int[] getIntArray(final String key, final int... def) {
        try {
            return getIntArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public double[] getDoubleArray(final String key) throws InvalidSettingsException {
        double[] v = (double[])get(key, EntryType.doublearray);
        return v == null ? null : v.clone();
    }

    @Override
    public double[] getDoubleArray(final String key, final double... def) {
        try {
            return getDoubleArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String[] getStringArray(final String key) throws InvalidSettingsException {
        String[] v = (String[])get(key, EntryType.stringarray);
        return v == null ? null : v.clone();
    }

    @Override
    public String[] getStringArray(final String key, final String... def) {
        try {
            return getStringArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public void addInt(final String key, final int value) {
        put(key, EntryType.xint, value);
    }

    @Override
    public void addLong(final String key, final long value) {
        put(key, EntryType.xlong, value);
    }

    @Override
    public void addDouble(final String key, final double value) {
        put(key, EntryType.xdouble, value);
    }

    @Override
    public void addBoolean(final String key, final boolean value) {
        put(key, EntryType.xboolean, value);
    }

    @Override
    public void addString(final String key, final String value) {
        put(key, EntryType.xstring, value);
    }

    @Override
    public void addIntArray(final String key, final int... values) {
        put(key, EntryType.intarray, values == null ? null : values.clone());
    }

    @Override
    public void addDoubleArray(final String key, final double... values) {
        put(key, EntryType.doublearray, values == null ? null : values.clone());
    }

    @Override
    public void addStringArray(final String key, final String... values) {
        put(key, EntryType.stringarray, values == null ? null : values.clone());
    }

    /** Deep copy of all entries into another config (KNIME: copyTo). */
    public void copyTo(final ConfigWO target) {
        Config t = (Config)target;
        for (Map.Entry<String, Entry> e : m_entries.entrySet()) {
            Entry v = e.getValue();
            if (v.type() == EntryType.config) {
                Config sub = (Config)t.addConfig(e.getKey());
                ((Config)v.value()).copyTo(sub);
            } else {
                t.m_entries.put(e.getKey(), v);
            }
        }
    }

    @Override
    public String toString() {
        return m_key + m_entries.keySet();
    }
}
