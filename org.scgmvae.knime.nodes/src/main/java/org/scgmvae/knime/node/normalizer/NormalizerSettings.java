package org.scgmvae.knime.node.normalizer;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.scgmvae.core.preprocess.HighlyVariableGenes;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.knime.node.NodeSettingsGroup;

final class NormalizerSettings extends NodeSettingsGroup {
    final SettingsModelString m_excluded = add(new SettingsModelString("excluded_columns", ""));
    final SettingsModelBoolean m_normalizeTotal = add(new SettingsModelBoolean("normalize_total", true));
    final SettingsModelDoubleBounded m_targetSum = add(new SettingsModelDoubleBounded("target_sum", 0, 0, 1e12));
    final SettingsModelBoolean m_log1p = add(new SettingsModelBoolean("log1p", true));
    final SettingsModelIntegerBounded m_nTopGenes = add(new SettingsModelIntegerBounded("n_top_genes", 2000, 0, 1_000_000));
    final SettingsModelString m_hvgFlavor = add(new SettingsModelString("hvg_flavor", "seurat"));
    final SettingsModelBoolean m_scale = add(new SettingsModelBoolean("scale", false));
    final SettingsModelDoubleBounded m_scaleMax = add(new SettingsModelDoubleBounded("scale_max", 10, 0, 1e9));

    static HighlyVariableGenes.Flavor flavor(final String name) throws InvalidSettingsException {
        return switch (name) {
            case "seurat" -> HighlyVariableGenes.Flavor.SEURAT;
            case "cell_ranger" -> HighlyVariableGenes.Flavor.CELL_RANGER;
            default -> throw new InvalidSettingsException("Unknown HVG flavour '" + name + "'; use seurat or cell_ranger.");
        };
    }

    @Override
    protected void validateCombination(final NodeSettingsRO s) throws InvalidSettingsException {
        flavor(s.getString("hvg_flavor"));
    }

    /** The core library's configuration; no cell or gene filters, so every input row has an output row. */
    PreprocessConfig config() throws InvalidSettingsException {
        int n = m_nTopGenes.getIntValue();
        double target = m_targetSum.getDoubleValue();
        double max = m_scaleMax.getDoubleValue();
        return PreprocessConfig.asIs().toBuilder().normalizeTotal(m_normalizeTotal.getBooleanValue())
            .targetSum(target > 0 ? target : null).log1p(m_log1p.getBooleanValue())
            .hvgFlavor(n > 0 ? flavor(m_hvgFlavor.getStringValue()) : null).nTopGenes(n).scale(m_scale.getBooleanValue())
            .scaleMaxValue(max > 0 ? max : null).build();
    }
}
