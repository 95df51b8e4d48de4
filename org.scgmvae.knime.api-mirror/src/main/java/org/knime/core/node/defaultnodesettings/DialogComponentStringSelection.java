/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/DialogComponentStringSelection.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;

public final class DialogComponentStringSelection extends DialogComponent {
    private final String m_label;

    private final List<String> m_list;

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label, final String... list) {
        this(stringModel, label, Arrays.asList(list));
    }

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label, final Collection<String> list) {
        super(stringModel);
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("Selection list of options shouldn't be null or empty");
        }
        m_label = label;
        m_list = List.copyOf(list);
    }

    /** Stand-in detail: the offered choices. */
    public List<String> getChoices() {
        return m_list;
    }

    @Override
    public String getLabel() {
        return m_label;
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String v = ((SettingsModelString)getModel()).getStringValue();
        if (!m_list.contains(v)) {
            throw new InvalidSettingsException("Value \"" + v + "\" is not one of " + m_list);
        }
    }
}
