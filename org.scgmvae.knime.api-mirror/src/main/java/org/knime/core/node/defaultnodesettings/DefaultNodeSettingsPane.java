/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/defaultnodesettings/DefaultNodeSettingsPane.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

public class DefaultNodeSettingsPane extends NodeDialogPane {
    private final List<DialogComponent> m_components = new ArrayList<>();
    private final List<String> m_tabs = new ArrayList<>(List.of("Options"));

    public DefaultNodeSettingsPane() {
    }

    public void addDialogComponent(final DialogComponent diaC) {
        m_components.add(diaC);
    }

    public void createNewGroup(final String title) {
    }

    public void closeCurrentGroup() {
    }

    public void createNewTab(final String tabTitle) {
        m_tabs.add(tabTitle);
    }

    public void setDefaultTabTitle(final String tabTitle) {
        m_tabs.set(0, tabTitle);
    }

    public void setHorizontalPlacement(final boolean horizontal) {
    }

    @Override
    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs) throws NotConfigurableException {
        for (DialogComponent c : m_components) {
            c.loadSettingsFrom(settings, specs);
        }
        loadAdditionalSettingsFrom(settings, specs);
    }

    @Override
    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        for (DialogComponent c : m_components) {
            c.saveSettingsTo(settings);
        }
        saveAdditionalSettingsTo(settings);
    }

    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs) throws NotConfigurableException {
    }

    public void saveAdditionalSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
    }

    /** Stand-in detail: the components in the order they were added. */
    public List<DialogComponent> components() {
        return Collections.unmodifiableList(m_components);
    }
}
