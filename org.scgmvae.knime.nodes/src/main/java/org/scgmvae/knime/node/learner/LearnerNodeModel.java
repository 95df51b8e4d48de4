package org.scgmvae.knime.node.learner;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.task.CancelledException;
import org.scgmvae.core.train.TrainingDivergedException;
import org.scgmvae.core.train.TrainingRequest;
import org.scgmvae.knime.node.ScGmvaeNodeModel;
import org.scgmvae.knime.port.ModelPortObject;
import org.scgmvae.knime.table.ColumnChecks;
import org.scgmvae.knime.table.CountsHeuristic;
import org.scgmvae.knime.table.GeneColumns;
import org.scgmvae.knime.table.GeneTables;
import org.scgmvae.knime.table.ProgressBridge;
import org.scgmvae.knime.table.TableToAnnData;

/**
 * Trains a GMVAE (or, with a condition column, a cGMVAE) on the gene columns of the input table.
 * A label column with missing values gives semi-supervised training; no label column, unsupervised.
 */
final class LearnerNodeModel extends ScGmvaeNodeModel<LearnerSettings> {
    /** Supervised epochs on the Leiden clusters before unsupervised fine-tuning (as the CLI default). */

    LearnerNodeModel(final boolean conditional) {
        super(new PortType[] {BufferedDataTable.TYPE}, new PortType[] {ModelPortObject.TYPE, BufferedDataTable.TYPE},
            new LearnerSettings(conditional));
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec in = (DataTableSpec)inSpecs[0];
        checkColumns(in);
        m_settings.architecture();
        // the model's spec (genes after preprocessing, components) is only known after training
        return new PortObjectSpec[] {null, TrainingHistory.spec()};
    }

    private List<String> checkColumns(final DataTableSpec in) throws InvalidSettingsException {
        List<String> obs = new ArrayList<>();
        String label = m_settings.labelColumn();
        if (label != null) {
            ColumnChecks.requireStringColumn(in, label, "label");
            obs.add(label);
        }
        if (m_settings.m_conditional) {
            ColumnChecks.requireStringColumn(in, m_settings.conditionColumn(), "condition");
            obs.add(m_settings.conditionColumn());
            try {
                TrainingRequest.checkColumnRoles(label, m_settings.conditionColumn(), null);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException(e.getMessage(), e);
            }
        }
        GeneColumns.resolve(in, m_settings.m_excluded.getStringValue(), obs);
        return obs;
    }

    @Override
    protected PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable table = (BufferedDataTable)inObjects[0];
        DataTableSpec spec = table.getDataTableSpec();
        List<String> obs = checkColumns(spec);
        int[] idx = GeneColumns.resolve(spec, m_settings.m_excluded.getStringValue(), obs);
        AnnData data = TableToAnnData.convert(table, idx, GeneTables.names(spec, idx), obs.toArray(String[]::new),
            exec.createSubProgress(0.05));
        List<String> warnings = new ArrayList<>();
        if (m_settings.m_inputNormalized.getBooleanValue() && CountsHeuristic.looksLikeRawCounts(data.x())) {
            warnings.add(CountsHeuristic.warning("'Input is already normalized' is ticked")
                + " or untick that option so that the learner normalises them");
        }
        InputKind.Route route = m_settings.route(data);
        if (!m_settings.m_inputNormalized.getBooleanValue() && route.kind() != InputKind.COUNTS) {
            warnings.add(route.explanation());
        }
        TrainingRequest req = TrainingRequest.of(data).toBuilder().preprocess(route.config()).labelColumn(m_settings.labelColumn())
            .conditionColumn(m_settings.conditionColumn())
            .guidedLabelColumn(m_settings.guidance()).guideCells(m_settings.m_guideCells.getIntValue())
            .architecture(m_settings.architecture()).training(m_settings.training())
            .build().withDefaultGuidance(); // the CLI's route: Leiden guidance without labels unless unticked
        ProgressBridge bridge = new ProgressBridge(exec.createSubProgress(0.9));
        ModelTrainer.Outcome outcome;
        try {
            outcome = ModelTrainer.train(req, bridge, bridge);
        } catch (CancelledException e) {
            throw new CanceledExecutionException("Training cancelled");
        } catch (TrainingDivergedException e) {
            throw userError("Training diverged (lower the learning rate or check the input for extreme values)", e);
        } catch (IllegalArgumentException e) {
            throw userError("Cannot train", e);
        }
        // only the double-log warning is about that setting; the others (unused components, likelihood) stand as they are
        bridge.warnings().forEach(w -> warnings.add(w.contains("log-transformed already") ? w + " (tick 'Input is already normalized')" : w));
        if (!bridge.recoveries().isEmpty()) {
            warnings.add("training recovered from divergence " + bridge.recoveries().size() + "x: " + bridge.recoveries());
        }
        if (!warnings.isEmpty()) {
            setWarningMessage(String.join("; ", warnings));
        }
        exec.setProgress(1, "trained (" + outcome.mode() + ")");
        // the kept run's history, both phases of guided training, as the CLI's --history writes it
        return new PortObject[] {new ModelPortObject(outcome.model()), TrainingHistory.table(outcome.result().history(), exec)};
    }
}
