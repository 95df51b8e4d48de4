package org.scgmvae.knime.node.reader;

import javax.swing.JFileChooser;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentButtonGroup;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

final class ReaderNodeDialog extends DefaultNodeSettingsPane {
    private final ReaderSettings s = new ReaderSettings();

    ReaderNodeDialog() {
        addDialogComponent(new DialogComponentFileChooser(s.m_file, "scgmvae.reader", JFileChooser.OPEN_DIALOG, false,
            ".h5ad", ".h5", ".csv", ".tsv", ".txt", ".gz"));
        createNewGroup("Expression values");
        addDialogComponent(new DialogComponentString(s.m_layer, "Layer (empty = X)"));
        addDialogComponent(new DialogComponentBoolean(s.m_useRaw, "Use raw (adata.raw.X)"));
        addDialogComponent(new DialogComponentBoolean(s.m_makeUnique, "Make gene names unique"));
        addDialogComponent(new DialogComponentString(s.m_csvAnnotations, "CSV: numeric columns that are annotations (comma-separated)"));
        closeCurrentGroup();
        createNewGroup("Genes");
        // the buttons show labels and store ids (GeneSelection), as KNIME's own nodes store enum names
        addDialogComponent(new DialogComponentButtonGroup(s.m_geneSelection, "Read", true, GeneSelection.labels(), GeneSelection.ids()));
        addDialogComponent(new DialogComponentNumber(s.m_nTopGenes, "Number of highly variable genes", 100));
        addDialogComponent(new DialogComponentString(s.m_genes, "Genes (comma-separated)"));
        closeCurrentGroup();
    }

    /**
     * A workflow saved before the ids stored the gene selection's label, which no button carries: KNIME's button group would
     * then save whichever button it started with. Turn the label into its id as the dialog opens.
     */
    @Override
    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs) throws NotConfigurableException {
        try {
            s.m_geneSelection.setStringValue(GeneSelection.of(s.m_geneSelection.getStringValue()).name());
        } catch (InvalidSettingsException e) {
            throw new NotConfigurableException(e.getMessage());
        }
    }
}
