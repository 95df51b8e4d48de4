package org.scgmvae.knime.node;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * The settings of one node: each subclass registers its settings models once, and saving,
 * validating and loading go through the same list, so the three can never disagree on keys.
 */
public abstract class NodeSettingsGroup {
    private final List<SettingsModel> m_models = new ArrayList<>();
    /** Settings added after the first release, by key: absent in older workflows, which then keep the default. */
    private final Map<SettingsModel, String> m_optional = new IdentityHashMap<>();

    protected final <T extends SettingsModel> T add(final T model) {
        m_models.add(model);
        return model;
    }

    /** What a setting becomes in an older workflow that lacks it, where that differs from a new node's default. */
    private final Map<SettingsModel, Runnable> m_legacy = new IdentityHashMap<>();

    /** A setting that older saved workflows may lack (saved always, loaded when present). */
    protected final <T extends SettingsModel> T addOptional(final String key, final T model) {
        m_optional.put(model, key);
        return add(model);
    }

    /**
     * As {@link #addOptional(String, SettingsModel)}, where older workflows keep the behaviour they were saved with:
     * {@code legacy} sets the value they get when the key is absent (a new node still starts at the model's default).
     */
    protected final <T extends SettingsModel> T addOptional(final String key, final T model, final Consumer<T> legacy) {
        m_legacy.put(model, () -> legacy.accept(model));
        return addOptional(key, model);
    }

    private boolean absent(final SettingsModel m, final NodeSettingsRO settings) {
        String key = m_optional.get(m);
        return key != null && !settings.containsKey(key);
    }

    public final void saveSettingsTo(final NodeSettingsWO settings) {
        for (SettingsModel m : m_models) {
            m.saveSettingsTo(settings);
        }
    }

    public final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : m_models) {
            if (!absent(m, settings)) {
                m.validateSettings(settings);
            }
        }
        validateCombination(settings);
    }

    public final void loadSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : m_models) {
            if (!absent(m, settings)) {
                m.loadSettingsFrom(settings);
            } else if (m_legacy.containsKey(m)) {
                m_legacy.get(m).run();
            }
        }
        afterLoad();
    }

    /** After loading: bring values saved by older versions to today's form (e.g. a stored label to its id). */
    protected void afterLoad() throws InvalidSettingsException {
    }

    /** Checks that span several settings (e.g. "labels and guided training exclude each other"). */
    protected void validateCombination(final NodeSettingsRO settings) throws InvalidSettingsException {
    }
}
