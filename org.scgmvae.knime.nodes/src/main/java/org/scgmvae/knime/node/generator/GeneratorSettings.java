package org.scgmvae.knime.node.generator;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.scgmvae.core.infer.CellGenerator;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.core.options.UserOptions;
import org.scgmvae.knime.node.EnumSettings;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.scgmvae.knime.node.NodeSettingsGroup;

final class GeneratorSettings extends NodeSettingsGroup {
    final SettingsModelIntegerBounded m_cellsPerComponent = add(new SettingsModelIntegerBounded("cells_per_component", 100,
        UserOptions.SAMPLES.intMin(), UserOptions.SAMPLES.intMax()));
    final SettingsModelBoolean m_sampleZ = add(new SettingsModelBoolean("sample_z", false));
    final SettingsModelIntegerBounded m_seed = add(new SettingsModelIntegerBounded("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE));
    final SettingsModelString m_units = addOptional("output_units", new SettingsModelString("output_units", OutputUnits.EXPRESSION.name()));
    /** Optional: workflows saved before it existed load with the default. */
    final SettingsModelString m_wFrom = addOptional("w_from", new SettingsModelString("w_from", CellGenerator.StyleSource.CELLS.name()));

    @Override
    protected void validateCombination(final NodeSettingsRO s) throws InvalidSettingsException {
        if (s.containsKey("output_units")) {
            EnumSettings.parse(OutputUnits.class, s.getString("output_units"), "output units");
        }
        if (s.containsKey("w_from")) {
            EnumSettings.parse(CellGenerator.StyleSource.class, s.getString("w_from"), "style w from");
        }
    }
}
