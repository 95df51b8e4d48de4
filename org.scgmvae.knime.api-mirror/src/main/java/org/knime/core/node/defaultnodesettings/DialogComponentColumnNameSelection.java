/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/DialogComponentColumnNameSelection.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

public final class DialogComponentColumnNameSelection extends DialogComponent {
    private final String m_label;

    private final int m_specIndex;
    private final boolean m_required;
    private final List<Class<? extends DataValue>> m_filter;

    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label, final int specIndex,
        final Class<? extends DataValue>... classFilter) {
        this(model, label, specIndex, true, classFilter);
    }

    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label, final int specIndex,
        final boolean isRequired, final Class<? extends DataValue>... classFilter) {
        this(model, label, specIndex, isRequired, false, classFilter);
    }

    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label, final int specIndex,
        final boolean isRequired, final boolean addNoneCol, final Class<? extends DataValue>... classFilter) {
        super(model);
        m_label = label;
        m_specIndex = specIndex;
        m_required = isRequired;
        m_filter = List.of(classFilter);
    }

    @Override
    public String getLabel() {
        return m_label;
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        if (!m_required) {
            return;
        }
        if (specs == null || specs.length <= m_specIndex || !(specs[m_specIndex] instanceof DataTableSpec spec)) {
            throw new NotConfigurableException("Need input table spec to configure dialog. Configure or execute predecessor nodes.");
        }
        for (DataColumnSpec c : spec) {
            for (Class<? extends DataValue> v : m_filter) {
                if (c.getType().isCompatible(v)) {
                    return;
                }
            }
        }
        throw new NotConfigurableException("No column in spec compatible to " + m_filter.stream().map(Class::getSimpleName).toList());
    }
}
