package org.scgmvae.knime.port;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.scgmvae.core.preprocess.FittedPreprocessing;

/** Genes a fitted preprocessing reads and writes: enough to configure the nodes that apply it. */
public final class PreprocessingPortObjectSpec extends AbstractSimplePortObjectSpec {
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<PreprocessingPortObjectSpec> {
    }

    private String[] m_inputGenes = new String[0];
    private String[] m_outputGenes = new String[0];

    /** For the serializer. */
    public PreprocessingPortObjectSpec() {
    }

    public static PreprocessingPortObjectSpec of(final FittedPreprocessing p) {
        PreprocessingPortObjectSpec s = new PreprocessingPortObjectSpec();
        s.m_inputGenes = p.inputGenes().clone();
        s.m_outputGenes = p.selectedGenes().clone();
        return s;
    }

    public String[] getInputGenes() {
        return m_inputGenes.clone();
    }

    public String[] getOutputGenes() {
        return m_outputGenes.clone();
    }

    @Override
    protected void save(final ModelContentWO model) {
        model.addStringArray("input_genes", m_inputGenes);
        model.addStringArray("output_genes", m_outputGenes);
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        m_inputGenes = model.getStringArray("input_genes");
        m_outputGenes = model.getStringArray("output_genes");
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PreprocessingPortObjectSpec s && java.util.Arrays.equals(s.m_inputGenes, m_inputGenes)
            && java.util.Arrays.equals(s.m_outputGenes, m_outputGenes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(m_outputGenes);
    }
}
