/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/DialogComponentFileChooser.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;


public final class DialogComponentFileChooser extends DialogComponent {
    private final String m_label;

    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID, final int dialogType,
        final boolean directoryOnly, final String... validExtensions) {
        super(stringModel);
        m_label = historyID;
    }

    @Override
    public String getLabel() {
        return m_label;
    }

}
