package org.scgmvae.knime.node;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.knime.port.ModelPortObject;
import org.scgmvae.knime.port.ModelPortObjectSpec;
import org.scgmvae.knime.table.ColumnChecks;
import org.scgmvae.knime.table.GeneTables;

/** Shared by the nodes that apply a model to a table: column checks and conversion to model input. */
public final class ModelInputs {
    private ModelInputs() {
    }

    /** The condition column to use: the setting, or else the one the model was trained with. */
    public static String conditionColumn(final ModelPortObjectSpec model, final String setting) {
        return model.signature().conditionColumn(ColumnChecks.isSet(setting) ? setting : null);
    }

    /** configure()-time checks: genes present, condition (and optional label) columns of string type. */
    public static void check(final ModelPortObjectSpec model, final DataTableSpec table, final String conditionSetting,
        final String labelSetting) throws InvalidSettingsException {
        if (model == null) {
            throw new InvalidSettingsException("No model: connect the output of a GMVAE or cGMVAE Learner.");
        }
        GeneTables.requireSomeGenes(table, model.getGenes(), "model");
        if (model.isConditional()) {
            ColumnChecks.requireStringColumn(table, conditionColumn(model, conditionSetting), "condition");
        }
        if (ColumnChecks.isSet(labelSetting)) {
            ColumnChecks.requireStringColumn(table, labelSetting, "label");
        }
    }

    /** Result of {@link #prepare}: the model input and a warning (or null) about genes the table lacks. */
    public record Prepared(InferenceInput input, String warning) {
    }

    /** Reads the table as model input; the caller has already run {@link #check} on its spec. */
    public static Prepared prepare(final ModelPortObject model, final BufferedDataTable table, final String conditionSetting,
        final String labelSetting, final ExecutionMonitor exec) throws InvalidSettingsException, CanceledExecutionException {
        ModelPortObjectSpec spec = model.getSpec();
        List<String> obs = new ArrayList<>();
        String cond = spec.isConditional() ? conditionColumn(spec, conditionSetting) : null;
        if (cond != null) {
            obs.add(cond);
        }
        String label = ColumnChecks.isSet(labelSetting) ? labelSetting : null;
        if (label != null && !obs.contains(label)) {
            obs.add(label);
        }
        AnnData data = GeneTables.read(table, spec.getGenes(), obs.toArray(String[]::new), exec);
        InferenceInput in;
        try {
            in = InferenceInput.prepare(model.getModel(), data, cond, label);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("The table does not fit the model: " + e.getMessage(), e);
        }
        List<String> warnings = new ArrayList<>();
        if (!spec.isConditional() && ColumnChecks.isSet(conditionSetting)) {
            warnings.add("the condition column '" + conditionSetting + "' is ignored: the model is a GMVAE without conditions");
        }
        if (in.alignment() != null && !in.alignment().isExact()) {
            warnings.add(in.alignment().summary());
        }
        // units unlike the training cells' (raw counts into a model of normalised values, or the reverse), cells without counts
        in.warnings().forEach(w -> warnings.add(w.contains("trained on normalised values")
            ? w + " (apply the training Normalizer's preprocessing output to this table)" : w));
        return new Prepared(in, warnings.isEmpty() ? null : String.join("; ", warnings));
    }
}
