package org.scgmvae.knime.node.predictor;

import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.scgmvae.knime.node.ApplierSettings;

final class PredictorSettings extends ApplierSettings {
    final SettingsModelBoolean m_probabilities = add(new SettingsModelBoolean("append_probabilities", true));
}
