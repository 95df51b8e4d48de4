package org.scgmvae.knime.node.generator;

import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.scgmvae.knime.node.NodeSettingsGroup;

final class GeneratorSettings extends NodeSettingsGroup {
    final SettingsModelIntegerBounded m_cellsPerComponent = add(new SettingsModelIntegerBounded("cells_per_component", 100, 1, 1_000_000));
    final SettingsModelBoolean m_sampleZ = add(new SettingsModelBoolean("sample_z", true));
    final SettingsModelIntegerBounded m_seed = add(new SettingsModelIntegerBounded("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE));
}
