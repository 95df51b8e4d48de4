package org.scgmvae.knime.node.flipper;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.knime.node.EnumSettings;
import org.scgmvae.knime.node.ApplierSettings;

final class FlipperSettings extends ApplierSettings {
    final SettingsModelString m_targetCondition = add(new SettingsModelString("target_condition", ""));
    final SettingsModelString m_labelColumn = add(new SettingsModelString("label_column", ""));
    final SettingsModelString m_flipMode = addOptional("flip_mode", new SettingsModelString("flip_mode", ConditionFlipper.DEFAULT_MODE.name()),
        // workflows saved before the option existed flipped the encoded z: they keep doing so (new nodes start at DELTA)
        m -> m.setStringValue(ConditionFlipper.Mode.ENCODED.name()));
    final SettingsModelString m_units = addOptional("output_units", new SettingsModelString("output_units", OutputUnits.EXPRESSION.name()));

    @Override
    protected void validateCombination(final NodeSettingsRO s) throws InvalidSettingsException {
        if (s.containsKey("flip_mode")) {
            EnumSettings.parse(ConditionFlipper.Mode.class, s.getString("flip_mode"), "flip mode");
        }
        if (s.containsKey("output_units")) {
            EnumSettings.parse(OutputUnits.class, s.getString("output_units"), "output units");
        }
    }
}
