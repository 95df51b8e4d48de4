package org.scgmvae.knime.node.reader;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.scgmvae.knime.node.NodeSettingsGroup;

final class ReaderSettings extends NodeSettingsGroup {
    final SettingsModelString m_file = add(new SettingsModelString("file", ""));
    final SettingsModelString m_layer = add(new SettingsModelString("layer", ""));
    final SettingsModelBoolean m_useRaw = add(new SettingsModelBoolean("use_raw", false));
    final SettingsModelBoolean m_makeUnique = addOptional("make_genes_unique", new SettingsModelBoolean("make_genes_unique", false));
    final SettingsModelString m_csvAnnotations = addOptional("csv_annotation_columns",
        new SettingsModelString("csv_annotation_columns", ""));
    final SettingsModelString m_geneSelection = add(new SettingsModelString("gene_selection", GeneSelection.HVG.name()));
    final SettingsModelIntegerBounded m_nTopGenes = add(new SettingsModelIntegerBounded("n_top_genes", 2000, 1, 1_000_000));
    final SettingsModelString m_genes = add(new SettingsModelString("genes", ""));

    /** The chosen selection (stored as its id, or as its label by workflows saved before the ids). */
    GeneSelection geneSelection() throws InvalidSettingsException {
        return GeneSelection.of(m_geneSelection.getStringValue());
    }

    /** Workflows saved before the ids stored the label: from now on the id (the dialog's buttons only know ids). */
    @Override
    protected void afterLoad() throws InvalidSettingsException {
        m_geneSelection.setStringValue(geneSelection().name());
    }

    @Override
    protected void validateCombination(final NodeSettingsRO s) throws InvalidSettingsException {
        GeneSelection sel = GeneSelection.of(s.getString("gene_selection"));
        if (sel == GeneSelection.LISTED && s.getString("genes").isBlank()) {
            throw new InvalidSettingsException("Gene selection '" + GeneSelection.LISTED.m_label + "' needs at least one gene name in 'Genes'.");
        }
    }
}
