package org.scgmvae.knime.node.flipper;

import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.scgmvae.knime.node.NodeSettingsGroup;

final class FlipperSettings extends NodeSettingsGroup {
    final SettingsModelString m_conditionColumn = add(new SettingsModelString("condition_column", ""));
    final SettingsModelString m_targetCondition = add(new SettingsModelString("target_condition", ""));
    final SettingsModelString m_labelColumn = add(new SettingsModelString("label_column", ""));
}
