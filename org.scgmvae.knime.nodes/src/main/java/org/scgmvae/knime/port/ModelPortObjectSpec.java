package org.scgmvae.knime.port;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.scgmvae.core.model.GmvaeConfig;
import org.scgmvae.core.model.TrainedModel;

/**
 * What downstream nodes need to configure without the trained weights: input genes, components,
 * labels, conditions and latent sizes.
 */
public final class ModelPortObjectSpec extends AbstractSimplePortObjectSpec {
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<ModelPortObjectSpec> {
    }

    private String[] m_genes = new String[0];
    private String[] m_features = new String[0];
    private String[] m_labelNames = new String[0];
    private String[] m_componentLabels = new String[0];
    private String[] m_conditionNames = new String[0];
    private String m_labelColumn = "";
    private String m_conditionColumn = "";
    private int m_components;
    private int m_zDim;
    private int m_wDim;
    private String m_likelihood = "";
    private String m_wPrior = "";

    /** For the serializer. */
    public ModelPortObjectSpec() {
    }

    public static ModelPortObjectSpec of(final TrainedModel model) {
        ModelPortObjectSpec s = new ModelPortObjectSpec();
        GmvaeConfig c = model.config();
        s.m_genes = model.preprocessing() != null ? model.preprocessing().inputGenes().clone() : new String[0];
        s.m_features = new String[c.nFeatures()];
        for (int j = 0; j < c.nFeatures(); j++) {
            s.m_features[j] = model.preprocessing() != null ? model.preprocessing().selectedGenes()[j] : "feature" + j;
        }
        s.m_labelNames = model.labelNames().toArray(String[]::new);
        String[] comp = new String[c.nComponents()];
        for (int k = 0; k < comp.length; k++) {
            comp[k] = model.labelOfComponent(k);
        }
        s.m_componentLabels = comp;
        s.m_conditionNames = model.conditionNames().toArray(String[]::new);
        s.m_labelColumn = model.labelColumn() == null ? "" : model.labelColumn();
        s.m_conditionColumn = model.conditionColumn() == null ? "" : model.conditionColumn();
        s.m_components = c.nComponents();
        s.m_zDim = c.zDim();
        s.m_wDim = c.wDim();
        s.m_likelihood = c.likelihood().name();
        s.m_wPrior = c.wPrior().name();
        return s;
    }

    public boolean isConditional() {
        return m_conditionNames.length > 0;
    }

    /** Genes the model reads, in its order (empty only for models without stored preprocessing). */
    public String[] getGenes() {
        return m_genes.clone();
    }

    /** Names of the model's features (genes after preprocessing), i.e. what decoding produces. */
    public String[] getFeatures() {
        return m_features.clone();
    }

    public List<String> getLabelNames() {
        return List.of(m_labelNames);
    }

    /** Label (or null) each component stands for. */
    public String getComponentLabel(final int k) {
        return m_componentLabels[k];
    }

    public List<String> getConditionNames() {
        return List.of(m_conditionNames);
    }

    public String getLabelColumn() {
        return m_labelColumn;
    }

    public String getConditionColumn() {
        return m_conditionColumn;
    }

    public int getComponents() {
        return m_components;
    }

    public int getZDim() {
        return m_zDim;
    }

    public int getWDim() {
        return m_wDim;
    }

    public String describe() {
        return (isConditional() ? "cGMVAE" : "GMVAE") + ": " + m_genes.length + " genes, K=" + m_components + " components, z "
            + m_zDim + "-dim, w " + m_wDim + "-dim, likelihood " + m_likelihood
            + (isConditional() ? ", conditions " + List.of(m_conditionNames) + " (" + m_conditionColumn + "), w prior " + m_wPrior : "")
            + (m_labelNames.length > 0 ? ", labels " + List.of(m_labelNames) + " (" + m_labelColumn + ")" : ", no labels");
    }

    @Override
    protected void save(final ModelContentWO model) {
        model.addStringArray("genes", m_genes);
        model.addStringArray("features", m_features);
        model.addStringArray("label_names", m_labelNames);
        // null component labels are stored as "" (string arrays keep no nulls in KNIME's XML)
        String[] comp = new String[m_componentLabels.length];
        for (int k = 0; k < comp.length; k++) {
            comp[k] = m_componentLabels[k] == null ? "" : m_componentLabels[k];
        }
        model.addStringArray("component_labels", comp);
        model.addStringArray("condition_names", m_conditionNames);
        model.addString("label_column", m_labelColumn);
        model.addString("condition_column", m_conditionColumn);
        model.addInt("components", m_components);
        model.addInt("z_dim", m_zDim);
        model.addInt("w_dim", m_wDim);
        model.addString("likelihood", m_likelihood);
        model.addString("w_prior", m_wPrior);
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        m_genes = model.getStringArray("genes");
        m_features = model.getStringArray("features");
        m_labelNames = model.getStringArray("label_names");
        m_componentLabels = model.getStringArray("component_labels");
        for (int k = 0; k < m_componentLabels.length; k++) {
            m_componentLabels[k] = m_componentLabels[k].isEmpty() ? null : m_componentLabels[k];
        }
        m_conditionNames = model.getStringArray("condition_names");
        m_labelColumn = model.getString("label_column");
        m_conditionColumn = model.getString("condition_column");
        m_components = model.getInt("components");
        m_zDim = model.getInt("z_dim");
        m_wDim = model.getInt("w_dim");
        m_likelihood = model.getString("likelihood");
        m_wPrior = model.getString("w_prior");
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ModelPortObjectSpec s && s.describe().equals(describe()) && java.util.Arrays.equals(s.m_genes, m_genes);
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }
}
