/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/DialogComponentString.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

public final class DialogComponentString extends DialogComponent {
    private final String m_label;

    private final boolean m_disallowEmpty;

    public DialogComponentString(final SettingsModelString stringModel, final String label) {
        this(stringModel, label, false, 20);
    }

    public DialogComponentString(final SettingsModelString stringModel, final String label, final boolean disallowEmptyString,
        final int compWidth) {
        super(stringModel);
        m_label = label;
        m_disallowEmpty = disallowEmptyString;
    }

    @Override
    public String getLabel() {
        return m_label;
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String v = ((SettingsModelString)getModel()).getStringValue();
        if (m_disallowEmpty && (v == null || v.isEmpty())) {
            throw new InvalidSettingsException("Please enter a string value.");
        }
    }
}
