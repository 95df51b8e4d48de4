package org.scgmvae.knime.node.predictor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.knime.node.ModelApplierNodeModel;
import org.scgmvae.knime.port.ModelPortObject;
import org.scgmvae.knime.port.ModelPortObjectSpec;
import org.scgmvae.knime.table.TableBuilder;

/** Appends q(y|x): the predicted component, its label, the confidence and (optionally) all probabilities. */
final class PredictorNodeModel extends ModelApplierNodeModel<PredictorSettings> {
    static final String COMPONENT = "Predicted component";
    static final String LABEL = "Predicted label";
    static final String CONFIDENCE = "Confidence";

    PredictorNodeModel() {
        super(new PredictorSettings());
    }

    static String probabilityColumn(final ModelPortObjectSpec model, final int k) {
        String label = model.getComponentLabel(k);
        return "P(" + k + (label == null ? "" : ": " + label) + ")";
    }

    @Override
    protected List<DataColumnSpec> newColumns(final ModelPortObjectSpec model) {
        List<DataColumnSpec> cols = new ArrayList<>();
        // the model's components and names as the columns' domains, in the model's order
        cols.add(TableBuilder.bounded(COMPONENT, 0, model.getComponents() - 1));
        cols.add(TableBuilder.nominal(LABEL, IntStream.range(0, model.getComponents()).mapToObj(model::getComponentLabel).toList()));
        cols.add(TableBuilder.column(CONFIDENCE, DoubleCell.TYPE));
        if (m_settings.m_probabilities.getBooleanValue()) {
            for (int k = 0; k < model.getComponents(); k++) {
                cols.add(TableBuilder.column(probabilityColumn(model, k), DoubleCell.TYPE));
            }
        }
        return cols;
    }

    @Override
    protected TableBuilder.RowCells compute(final ModelPortObject model, final InferenceInput input, final Progress progress) {
        Predictor.Predictions pred = Predictor.predict(model.getModel(), input.input(), progress);
        boolean probs = m_settings.m_probabilities.getBooleanValue();
        int k = model.getSpec().getComponents();
        return r -> {
            DataCell[] c = new DataCell[3 + (probs ? k : 0)];
            float[] pr = pred.probabilities()[r];
            int comp = pred.components()[r];
            c[0] = new IntCell(comp);
            c[1] = TableBuilder.string(pred.labels()[r]);
            c[2] = new DoubleCell(pr[comp]);
            for (int j = 0; probs && j < k; j++) {
                c[3 + j] = new DoubleCell(pr[j]);
            }
            return c;
        };
    }
}
