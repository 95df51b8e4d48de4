package org.scgmvae.knime.node.normalizer;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class NormalizerNodeDialog extends DefaultNodeSettingsPane {
    NormalizerNodeDialog() {
        NormalizerSettings s = new NormalizerSettings();
        addDialogComponent(new DialogComponentString(s.m_excluded, "Numeric columns that are not genes (comma-separated)"));
        createNewGroup("Normalisation");
        addDialogComponent(new DialogComponentBoolean(s.m_normalizeTotal, "Normalize total counts per cell"));
        addDialogComponent(new DialogComponentNumber(s.m_targetSum, "Target sum (0 = median of the cells)", 1000));
        addDialogComponent(new DialogComponentBoolean(s.m_log1p, "log1p"));
        closeCurrentGroup();
        createNewGroup("Highly variable genes");
        addDialogComponent(new DialogComponentNumber(s.m_nTopGenes, "Number of genes (0 = keep all)", 100));
        addDialogComponent(new DialogComponentStringSelection(s.m_hvgFlavor, "Flavour", "seurat", "cell_ranger"));
        closeCurrentGroup();
        createNewGroup("Scaling");
        addDialogComponent(new DialogComponentBoolean(s.m_scale, "Scale to zero mean, unit variance"));
        addDialogComponent(new DialogComponentNumber(s.m_scaleMax, "Clip scaled values at (0 = no clipping)", 1));
        closeCurrentGroup();
    }
}
