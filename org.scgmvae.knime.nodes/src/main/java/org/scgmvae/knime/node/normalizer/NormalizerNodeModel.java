package org.scgmvae.knime.node.normalizer;

import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.scgmvae.knime.table.ExecutionProgress;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.knime.node.ScGmvaeNodeModel;
import org.scgmvae.knime.port.PreprocessingPortObject;
import org.scgmvae.knime.port.PreprocessingPortObjectSpec;
import org.scgmvae.knime.table.ColumnRoles;
import org.scgmvae.knime.table.GeneColumns;
import org.scgmvae.knime.table.GeneTables;
import org.scgmvae.knime.table.TableBuilder;
import org.scgmvae.knime.table.TableToAnnData;

/**
 * scanpy-style normalisation (normalize_total, log1p, highly variable genes, scale). Fits on the
 * input table, or, when a preprocessing port is connected, applies that fitted transform instead
 * (so test data get exactly the training data's genes and scaling).
 */
final class NormalizerNodeModel extends ScGmvaeNodeModel<NormalizerSettings> {
    NormalizerNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE, PreprocessingPortObject.TYPE_OPTIONAL},
            new PortType[] {BufferedDataTable.TYPE, PreprocessingPortObject.TYPE}, new NormalizerSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec in = (DataTableSpec)inSpecs[0];
        if (inSpecs[1] instanceof PreprocessingPortObjectSpec pre) {
            GeneTables.requireSomeGenes(in, pre.getInputGenes(), "connected preprocessing");
            return new PortObjectSpec[] {outSpec(in, pre.getInputGenes(), pre.getOutputGenes()), pre};
        }
        m_settings.config();
        int[] genes = GeneColumns.resolve(in, m_settings.m_excluded.getStringValue(), List.of());
        if (m_settings.m_nTopGenes.getIntValue() == 0) {
            String[] names = GeneTables.names(in, genes);
            return new PortObjectSpec[] {fittedSpec(in, genes, names), null};
        }
        // which genes are highly variable is known only after looking at the data
        return new PortObjectSpec[] {null, null};
    }

    /**
     * Fitting: every column that is not one of the chosen genes stays; excluded columns lose a gene mark
     * they carried, so that the next node does not take them for genes again.
     */
    private static DataTableSpec fittedSpec(final DataTableSpec in, final int[] genes, final String[] outputGenes) {
        DataTableSpec kept = TableBuilder.keep(in, TableBuilder.complement(in.getNumColumns(), genes));
        return TableBuilder.append(ColumnRoles.withoutGeneRole(kept), TableBuilder.geneColumns(outputGenes));
    }

    private static DataTableSpec outSpec(final DataTableSpec in, final String[] inputGenes, final String[] outputGenes) {
        return TableBuilder.append(TableBuilder.keep(in, GeneTables.nonGeneColumns(in, inputGenes)),
            TableBuilder.geneColumns(outputGenes));
    }

    @Override
    protected PortObject[] executeNode(final PortObject[] in, final ExecutionContext exec) throws Exception {
        BufferedDataTable table = (BufferedDataTable)in[0];
        DataTableSpec spec = table.getDataTableSpec();
        FittedPreprocessing pre;
        AnnData transformed;
        int[] keep;
        DataTableSpec out;
        List<String> warnings = new java.util.ArrayList<>();
        if (in[1] instanceof PreprocessingPortObject port) {
            pre = port.getPreprocessing();
            String[] inputGenes = pre.inputGenes();
            AnnData data = GeneTables.read(table, inputGenes, new String[0], exec.createSubProgress(0.4));
            exec.setMessage("applying the connected preprocessing");
            FittedPreprocessing.Applied applied;
            try {
                applied = pre.apply(data);
            } catch (IllegalArgumentException e) {
                throw userError("Cannot apply the connected preprocessing", e);
            }
            if (applied.alignment() != null && !applied.alignment().isExact()) {
                warnings.add(applied.alignment().summary());
            }
            transformed = applied.transformed();
            keep = GeneTables.nonGeneColumns(spec, inputGenes);
            long unknown = spec.stream().filter(c -> ColumnRoles.isGene(c)).filter(c -> !List.of(inputGenes).contains(c.getName())).count();
            if (unknown > 0) {
                warnings.add(unknown + " gene columns the connected preprocessing does not know were left out");
            }
            out = outSpec(spec, inputGenes, transformed.geneNames());
        } else {
            int[] idx = GeneColumns.resolve(spec, m_settings.m_excluded.getStringValue(), List.of());
            String[] inputGenes = GeneTables.names(spec, idx);
            AnnData data = TableToAnnData.convert(table, idx, inputGenes, new String[0], exec.createSubProgress(0.2));
            exec.setMessage("fitting normalisation on " + data.nCells() + " cells x " + data.nGenes() + " genes");
            FittedPreprocessing.Fit fit;
            try {
                fit = FittedPreprocessing.fit(data, m_settings.config(), ExecutionProgress.of(exec.createSubProgress(0.2)));
            } catch (IllegalArgumentException e) {
                throw userError("Normalisation failed", e);
            }
            pre = fit.preprocessing();
            transformed = fit.transformed();
            warnings.addAll(fit.warnings());
            keep = TableBuilder.complement(spec.getNumColumns(), idx);
            out = fittedSpec(spec, idx, transformed.geneNames());
        }
        exec.checkCanceled();
        if (transformed.nCells() != table.size()) {
            throw new IllegalStateException("normalisation changed the number of cells (" + table.size() + " -> " + transformed.nCells() + ")");
        }
        if (!warnings.isEmpty()) {
            setWarningMessage(String.join("; ", warnings));
        }
        int g = transformed.nGenes();
        float[] row = new float[g];
        var x = transformed.x();
        BufferedDataTable result = TableBuilder.appendRows(table, keep, out, r -> TableBuilder.doubles(x.row(r, row), 0, g),
            exec.createSubExecutionContext(0.6));
        return new PortObject[] {result, new PreprocessingPortObject(pre)};
    }
}
