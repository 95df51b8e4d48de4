package org.scgmvae.knime.node.encoder;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;

final class EncoderNodeDialog extends DefaultNodeSettingsPane {
    @SuppressWarnings("unchecked")
    EncoderNodeDialog() {
        EncoderSettings s = new EncoderSettings();
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_conditionColumn,
            "Condition column (cGMVAE; none = the training column)", 1, false, true, StringValue.class));
        addDialogComponent(new DialogComponentBoolean(s.m_includeW, "Also output w"));
        addDialogComponent(new DialogComponentBoolean(s.m_umap, "Append a 2-D UMAP of z"));
        addDialogComponent(new DialogComponentBoolean(s.m_sample, "Sample instead of taking the mean"));
        addDialogComponent(new DialogComponentNumber(s.m_seed, "Random seed (for sampling)", 1));
    }
}
