/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/DialogComponentButtonGroup.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.node.InvalidSettingsException;

public class DialogComponentButtonGroup extends DialogComponent {
    private final String m_label;

    private final List<String> m_labels;

    private final List<String> m_actionCommands;

    /** The button selected when the group is built: the model's value if it is a button's, else the first. */
    private final String m_selectedAtStart;

    /** Radio buttons showing {@code buttonLabels}; the model stores the selected button's action command. */
    public DialogComponentButtonGroup(final SettingsModelString stringModel, final String label, final boolean vertical,
        final String[] buttonLabels, final String[] actionCommands) {
        super(stringModel);
        if (buttonLabels == null || buttonLabels.length < 1 || actionCommands == null || actionCommands.length < 1) {
            throw new IllegalArgumentException("Labels and action commands must not be empty");
        }
        if (buttonLabels.length != actionCommands.length) {
            throw new IllegalArgumentException("Labels and actionCommands must be of equal size");
        }
        Set<String> unique = new HashSet<>();
        for (String a : actionCommands) {
            if (!unique.add(a)) {
                throw new IllegalArgumentException("Duplicate action command found");
            }
        }
        m_label = label;
        m_labels = List.of(buttonLabels);
        m_actionCommands = List.of(actionCommands);
        String v = stringModel.getStringValue();
        m_selectedAtStart = m_actionCommands.contains(v) ? v : actionCommands[0];
    }

    /** Stand-in detail: the buttons' labels, in order. */
    public List<String> getButtonLabels() {
        return m_labels;
    }

    /** Stand-in detail: what the model stores for each button, in order. */
    public List<String> getActionCommands() {
        return m_actionCommands;
    }

    @Override
    public String getLabel() {
        return m_label;
    }

    /**
     * KNIME stores the selected button's action command: a loaded value that is no button's selects none, so the button
     * selected when the group was built is what gets saved (the stand-in does the same, so tests see that behaviour).
     */
    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        SettingsModelString m = (SettingsModelString)getModel();
        if (!m_actionCommands.contains(m.getStringValue())) {
            m.setStringValue(m_selectedAtStart);
        }
    }
}
