package org.scgmvae.knime.node.learner;

import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentNumberEdit;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.model.WPrior;

final class LearnerNodeDialog extends DefaultNodeSettingsPane {
    /** Not shown: which meaning a ticked Leiden guidance has (LearnerSettings.m_guidanceRoute), kept as it was saved. */
    private final SettingsModelString m_guidanceRoute;

    @SuppressWarnings("unchecked")
    LearnerNodeDialog(final boolean conditional) {
        LearnerSettings s = new LearnerSettings(conditional);
        m_guidanceRoute = s.m_guidanceRoute;
        setDefaultTabTitle("Data");
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_labelColumn, "Label column (none = unsupervised)", 0, false, true,
            StringValue.class));
        if (conditional) {
            addDialogComponent(new DialogComponentColumnNameSelection(s.m_conditionColumn, "Condition column", 0, true, false,
                StringValue.class));
            addDialogComponent(new DialogComponentStringSelection(s.m_wPrior, "Prior of w", names(WPrior.values())));
        }
        addDialogComponent(new DialogComponentString(s.m_excluded, "Numeric columns that are not genes (comma-separated)"));
        addDialogComponent(new DialogComponentBoolean(s.m_inputNormalized, "Input is already normalized (e.g. by the Normalizer)"));
        addDialogComponent(new DialogComponentNumber(s.m_nTopGenes, "Highly variable genes when normalizing here", 100));
        addDialogComponent(new DialogComponentBoolean(s.m_guided, "Leiden-guided training (when no label column is set)"));
        addDialogComponent(new DialogComponentNumber(s.m_guideCells, "Rows Leiden clusters for guidance (above: a sample)", 10000));
        addDialogComponent(new DialogComponentNumberEdit(s.m_balance, "Component balance (0 = off)"));
        createNewTab("Model");
        addDialogComponent(new DialogComponentNumber(s.m_components, "Components K (0 = number of labels, or 20)", 1));
        addDialogComponent(new DialogComponentNumber(s.m_zDim, "Dimension of z", 1));
        addDialogComponent(new DialogComponentNumber(s.m_wDim, "Dimension of w", 1));
        addDialogComponent(new DialogComponentString(s.m_encoderHidden, "Encoder hidden layers"));
        addDialogComponent(new DialogComponentString(s.m_decoderHidden, "Decoder hidden layers"));
        addDialogComponent(new DialogComponentStringSelection(s.m_likelihood, "Likelihood", names(Likelihood.values())));
        addDialogComponent(new DialogComponentNumberEdit(s.m_alpha, "Dirichlet alpha"));
        createNewTab("Training");
        addDialogComponent(new DialogComponentNumber(s.m_epochs, "Epochs", 10));
        addDialogComponent(new DialogComponentNumber(s.m_batchSize, "Batch size", 16));
        addDialogComponent(new DialogComponentNumberEdit(s.m_learningRate, "Learning rate"));
        addDialogComponent(new DialogComponentNumber(s.m_warmup, "KL warm-up epochs", 1));
        addDialogComponent(new DialogComponentNumberEdit(s.m_validation, "Validation fraction"));
        addDialogComponent(new DialogComponentNumber(s.m_patience, "Early-stopping patience (0 = off)", 1));
        addDialogComponent(new DialogComponentNumber(s.m_seed, "Random seed", 1));
        addDialogComponent(new DialogComponentNumber(s.m_restarts, "Restarts (keep the run with the lowest loss)", 1));
    }

    private static String[] names(final Enum<?>[] values) {
        String[] n = new String[values.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = values[i].name();
        }
        return n;
    }

    @Override
    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs) throws NotConfigurableException {
        m_guidanceRoute.setStringValue(settings.getString(LearnerSettings.GUIDANCE_ROUTE_KEY, LearnerSettings.EXPLICIT_ROUTE));
    }

    @Override
    public void saveAdditionalSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        m_guidanceRoute.saveSettingsTo(settings);
    }
}
