package org.scgmvae.knime.node.flipper;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class FlipperNodeDialog extends DefaultNodeSettingsPane {
    @SuppressWarnings("unchecked")
    FlipperNodeDialog() {
        FlipperSettings s = new FlipperSettings();
        addDialogComponent(new DialogComponentString(s.m_targetCondition, "Target condition (e.g. stimulated)", true, 20));
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_conditionColumn,
            "Condition column (none = the training column)", 1, false, true, StringValue.class));
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_labelColumn,
            "Label column (optional: decode with the true cell type)", 1, false, true, StringValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.m_flipMode, "Flip mode", "DELTA", "ENCODED", "PRIOR_MEAN", "SHIFTED"));
        addDialogComponent(new DialogComponentStringSelection(s.m_units, "Output units", "EXPRESSION", "MODEL"));
    }
}
