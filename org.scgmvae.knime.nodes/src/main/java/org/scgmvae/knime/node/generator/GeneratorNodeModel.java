package org.scgmvae.knime.node.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.scgmvae.knime.table.ExecutionProgress;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.CellGenerator;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.knime.node.EnumSettings;
import org.scgmvae.knime.node.ScGmvaeNodeModel;
import org.scgmvae.knime.port.ModelPortObject;
import org.scgmvae.knime.port.ModelPortObjectSpec;
import org.scgmvae.knime.table.AnnDataToTable;
import org.scgmvae.knime.table.AnnDataToTable.ObsColumn;

/**
 * Samples synthetic cells from the generative model: for every condition and component, w ~ p(w),
 * z ~ p(z|w, y) (or its mean), decoded to expression; labelled with component, label and condition.
 */
final class GeneratorNodeModel extends ScGmvaeNodeModel<GeneratorSettings> {
    GeneratorNodeModel() {
        super(new PortType[] {ModelPortObject.TYPE}, new PortType[] {BufferedDataTable.TYPE}, new GeneratorSettings());
    }

    /** The columns the core generator writes, in its order. */
    static DataTableSpec outSpec(final ModelPortObjectSpec model) throws InvalidSettingsException {
        if (model == null) {
            throw new InvalidSettingsException("No model: connect the output of a GMVAE or cGMVAE Learner.");
        }
        List<ObsColumn> obs = new ArrayList<>();
        obs.add(new ObsColumn("component", IntCell.TYPE));
        // the model's names and conditions as the columns' possible values, in the model's order (as the generated table has them)
        obs.add(new ObsColumn("label", StringCell.TYPE,
            IntStream.range(0, model.getComponents()).mapToObj(model::getComponentLabel).filter(l -> l != null).distinct().toList()));
        if (model.isConditional()) {
            obs.add(new ObsColumn("condition", StringCell.TYPE, model.getConditionNames()));
        }
        obs.add(new ObsColumn("sample", IntCell.TYPE));
        return AnnDataToTable.spec(obs, model.getFeatures());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        return new PortObjectSpec[] {outSpec((ModelPortObjectSpec)inSpecs[0])};
    }

    @Override
    protected PortObject[] executeNode(final PortObject[] in, final ExecutionContext exec) throws Exception {
        ModelPortObject model = (ModelPortObject)in[0];
        ModelPortObjectSpec spec = model.getSpec();
        long rows = (long)m_settings.m_cellsPerComponent.getIntValue() * spec.getComponents()
            * Math.max(1, spec.getConditionNames().size());
        exec.setMessage("generating " + rows + " cells");
        AnnData data;
        try {
            data = CellGenerator.generate(model.getModel(), m_settings.m_cellsPerComponent.getIntValue(),
                m_settings.m_sampleZ.getBooleanValue(), m_settings.m_seed.getIntValue(),
                EnumSettings.parse(OutputUnits.class, m_settings.m_units.getStringValue(), "output units"),
                EnumSettings.parse(CellGenerator.StyleSource.class, m_settings.m_wFrom.getStringValue(), "style w from"),
                ExecutionProgress.of(exec.createSubProgress(0.5)));
        } catch (IllegalArgumentException e) {
            // the core checks the size (one matrix holds at most 2^31 values); its draws are this node's cells per component
            throw userError("Cannot generate (lower 'Cells per component')", e);
        }
        exec.checkCanceled();
        return new PortObject[] {AnnDataToTable.write(data, exec.createSubExecutionContext(0.5)).table()};
    }
}
