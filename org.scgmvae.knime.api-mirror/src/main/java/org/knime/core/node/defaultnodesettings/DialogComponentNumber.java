/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/DialogComponentNumber.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;


public final class DialogComponentNumber extends DialogComponent {
    private final String m_label;

    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize) {
        super(numberModel);
        m_label = label;
    }

    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize, final int compWidth) {
        this(numberModel, label, stepSize);
    }

    @Override
    public String getLabel() {
        return m_label;
    }

}
