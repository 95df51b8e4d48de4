package org.scgmvae.knime.node.flipper;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.FlipSeen;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.knime.node.EnumSettings;
import org.scgmvae.knime.node.ModelApplierNodeModel;
import org.scgmvae.knime.node.ModelInputs;
import org.scgmvae.knime.port.ModelPortObject;
import org.scgmvae.knime.port.ModelPortObjectSpec;
import org.scgmvae.knime.table.ColumnChecks;
import org.scgmvae.knime.table.GeneTables;
import org.scgmvae.knime.table.TableBuilder;

/**
 * scGen-style perturbation prediction: encodes each cell under its own condition and decodes it
 * under the target condition. The output keeps the non-gene columns (the condition column then says the target, Source
 * condition the cell's own) and holds the decoded expression of the model's genes, by default in expression units (the
 * model's own preprocessing undone).
 */
final class FlipperNodeModel extends ModelApplierNodeModel<FlipperSettings> {
    static final String TARGET = "Target condition";
    static final String SOURCE = "Source condition";
    /** The flip mode of the last execution, for its note. */
    private ConditionFlipper.Mode m_mode = ConditionFlipper.DEFAULT_MODE;

    FlipperNodeModel() {
        super(new FlipperSettings());
    }

    @Override
    protected String labelSetting() {
        return m_settings.m_labelColumn.getStringValue();
    }

    @Override
    protected void checkModel(final ModelPortObjectSpec model) throws InvalidSettingsException {
        if (!model.isConditional()) {
            throw new InvalidSettingsException("The Condition Flipper needs a cGMVAE model (trained with a condition column); "
                + "this one is a plain GMVAE.");
        }
        String t = m_settings.m_targetCondition.getStringValue();
        if (!ColumnChecks.isSet(t)) {
            throw new InvalidSettingsException("No target condition set; the model knows " + model.getConditionNames() + ".");
        }
        if (!model.getConditionNames().contains(t)) {
            throw new InvalidSettingsException("Target condition '" + t + "' is unknown to the model; it knows "
                + model.getConditionNames() + ".");
        }
    }

    /** The non-gene columns but those the output writes anew (below; an earlier flip's too). */
    @Override
    protected int[] keptColumns(final DataTableSpec in, final ModelPortObjectSpec model) {
        java.util.Set<String> anew =
            new java.util.HashSet<>(java.util.Arrays.asList(ModelInputs.conditionColumn(model, conditionSetting()), SOURCE, TARGET));
        return java.util.Arrays.stream(GeneTables.nonGeneColumns(in, model.getGenes()))
            .filter(i -> !anew.contains(in.getColumnSpec(i).getName())).toArray();
    }

    /**
     * The flipped cells as predicted cells of the target: the condition column says the target (so that a Concatenate with
     * real target cells and a colour by condition treat them alike), Source condition keeps each cell's own; Target
     * condition as before.
     */
    @Override
    protected List<DataColumnSpec> newColumns(final ModelPortObjectSpec model) {
        List<DataColumnSpec> cols = new ArrayList<>();
        cols.add(TableBuilder.nominal(ModelInputs.conditionColumn(model, conditionSetting()), model.getConditionNames()));
        cols.add(TableBuilder.nominal(SOURCE, model.getConditionNames()));
        cols.add(TableBuilder.column(TARGET, StringCell.TYPE));
        cols.addAll(TableBuilder.geneColumns(model.getFeatures()));
        return cols;
    }

    @Override
    protected TableBuilder.RowCells compute(final ModelPortObject model, final InferenceInput input, final Progress progress)
        throws InvalidSettingsException {
        String target = m_settings.m_targetCondition.getStringValue();
        ConditionFlipper.Mode mode = EnumSettings.parse(ConditionFlipper.Mode.class, m_settings.m_flipMode.getStringValue(), "flip mode");
        OutputUnits units = EnumSettings.parse(OutputUnits.class, m_settings.m_units.getStringValue(), "output units");
        DenseMatrix decoded;
        try {
            decoded = ConditionFlipper.flip(model.getModel(), input.input(), target, mode, progress);
        } catch (IllegalArgumentException e) {
            throw userError("Cannot flip", e);
        }
        DenseMatrix flipped = units == OutputUnits.EXPRESSION ? OutputUnits.expression(model.getModel(), decoded) : decoded;
        int g = flipped.nGenes();
        StringCell targetCell = new StringCell(target);
        int[] source = input.input().conditions();
        List<String> names = model.getModel().conditionNames();
        m_mode = mode;
        return r -> {
            DataCell[] c = new DataCell[3 + g];
            c[0] = targetCell;
            c[1] = TableBuilder.string(source == null || source[r] < 0 ? null : names.get(source[r]));
            c[2] = targetCell;
            System.arraycopy(TableBuilder.doubles(flipped.values(), r * g, g), 0, c, 3, g);
            return c;
        };
    }

    /**
     * Names each labelled type the model never saw under the target in training: its flip is a held-out prediction (and
     * DELTA borrows another type's shift); as the command line's flip says.
     */
    @Override
    protected String note(final ModelPortObject model, final InferenceInput input) {
        TrainedModel m = model.getModel();
        boolean[][] pairs = FlipSeen.pairs(m, input.input().labels(), input.input().conditions(), null);
        List<String> notes = FlipSeen.notes(m, pairs, m_settings.m_targetCondition.getStringValue(), m_mode);
        return notes.isEmpty() ? null : String.join(".\n", notes) + ".";
    }
}
