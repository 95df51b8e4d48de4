package org.scgmvae.knime.node.generator;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class GeneratorNodeDialog extends DefaultNodeSettingsPane {
    GeneratorNodeDialog() {
        GeneratorSettings s = new GeneratorSettings();
        addDialogComponent(new DialogComponentNumber(s.m_cellsPerComponent, "Cells per component and condition", 10));
        addDialogComponent(new DialogComponentBoolean(s.m_sampleZ, "Sample z (off: use the component mean given w)"));
        addDialogComponent(new DialogComponentNumber(s.m_seed, "Random seed", 1));
        addDialogComponent(new DialogComponentStringSelection(s.m_units, "Output units", "EXPRESSION", "MODEL"));
        addDialogComponent(new DialogComponentStringSelection(s.m_wFrom, "Style w from", "CELLS", "PRIOR"));
    }
}
