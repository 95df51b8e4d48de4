package org.scgmvae.knime.node.predictor;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;

final class PredictorNodeDialog extends DefaultNodeSettingsPane {
    @SuppressWarnings("unchecked")
    PredictorNodeDialog() {
        PredictorSettings s = new PredictorSettings();
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_conditionColumn,
            "Condition column (cGMVAE; none = the training column)", 1, false, true, StringValue.class));
        addDialogComponent(new DialogComponentBoolean(s.m_probabilities, "Append the probability of every component"));
    }
}
