package org.scgmvae.knime.node.predictor;

import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.scgmvae.knime.node.NodeSettingsGroup;

final class PredictorSettings extends NodeSettingsGroup {
    final SettingsModelString m_conditionColumn = add(new SettingsModelString("condition_column", ""));
    final SettingsModelBoolean m_probabilities = add(new SettingsModelBoolean("append_probabilities", true));
}
