package org.scgmvae.knime.node;

import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.task.Progress;
import org.scgmvae.knime.port.ModelPortObject;
import org.scgmvae.knime.port.ModelPortObjectSpec;
import org.scgmvae.knime.table.ColumnChecks;
import org.scgmvae.knime.table.ExecutionProgress;
import org.scgmvae.knime.table.TableBuilder;

/**
 * Template of the nodes that apply a model to a table of cells (Predictor, Latent Encoder, Condition
 * Flipper): same ports, same input checks, same output layout (kept input columns + new columns,
 * row IDs preserved); subclasses say which columns they add and how to compute them.
 */
public abstract class ModelApplierNodeModel<S extends ApplierSettings> extends ScGmvaeNodeModel<S> {
    protected ModelApplierNodeModel(final S settings) {
        super(new PortType[] {ModelPortObject.TYPE, BufferedDataTable.TYPE}, new PortType[] {BufferedDataTable.TYPE}, settings);
    }

    /** The condition column setting ("" = the model's). */
    protected final String conditionSetting() {
        return m_settings.m_conditionColumn.getStringValue();
    }

    /** The label column setting, or null when the node takes none. */
    protected String labelSetting() {
        return null;
    }

    /** Extra checks on the model (e.g. "must be conditional"). */
    protected void checkModel(final ModelPortObjectSpec model) throws InvalidSettingsException {
    }

    /** Input columns to keep in the output; by default all. */
    protected int[] keptColumns(final DataTableSpec in, final ModelPortObjectSpec model) {
        return TableBuilder.allColumns(in);
    }

    protected abstract List<DataColumnSpec> newColumns(ModelPortObjectSpec model) throws InvalidSettingsException;

    /**
     * Runs the model on all cells; returns the new cells per row. {@code progress} is this step's share of the node's
     * progress bar and its cancel button: pass it to the core's long work.
     */
    protected abstract TableBuilder.RowCells compute(ModelPortObject model, InferenceInput input, Progress progress)
        throws InvalidSettingsException;

    private DataTableSpec outSpec(final ModelPortObjectSpec model, final DataTableSpec in) throws InvalidSettingsException {
        ModelInputs.check(model, in, conditionSetting(), labelSetting());
        checkModel(model);
        DataTableSpec kept = TableBuilder.keep(in, keptColumns(in, model));
        List<DataColumnSpec> cols = newColumns(model);
        for (DataColumnSpec c : cols) {
            ColumnChecks.requireAbsent(kept, c.getName());
        }
        return TableBuilder.append(kept, cols);
    }

    @Override
    protected final PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        return new PortObjectSpec[] {outSpec((ModelPortObjectSpec)inSpecs[0], (DataTableSpec)inSpecs[1])};
    }

    @Override
    protected final PortObject[] executeNode(final PortObject[] in, final ExecutionContext exec) throws Exception {
        ModelPortObject model = (ModelPortObject)in[0];
        BufferedDataTable table = (BufferedDataTable)in[1];
        DataTableSpec spec = table.getDataTableSpec();
        DataTableSpec out = outSpec(model.getSpec(), spec);
        ModelInputs.Prepared p = ModelInputs.prepare(model, table, conditionSetting(), labelSetting(), exec.createSubProgress(0.2));
        exec.setMessage("applying the model to " + table.size() + " cells");
        TableBuilder.RowCells cells = compute(model, p.input(), ExecutionProgress.of(exec.createSubProgress(0.4)));
        exec.checkCanceled();
        BufferedDataTable result = TableBuilder.appendRows(table, keptColumns(spec, model.getSpec()), out, cells,
            exec.createSubExecutionContext(0.4));
        String note = note(model, p.input());
        String warning = p.warning() == null ? note : note == null ? p.warning() : p.warning() + "\n" + note;
        if (warning != null) {
            setWarningMessage(warning);
        }
        return new PortObject[] {result};
    }

    /** What the node's result means that the user should know (shown as the node's warning), or null; after {@link #compute}. */
    protected String note(final ModelPortObject model, final InferenceInput input) {
        return null;
    }
}
