package org.scgmvae.knime.port;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.scgmvae.core.model.CategoryCodes;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.model.ModelSignature;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.model.WPrior;

/**
 * What downstream nodes need to configure without the trained weights: the model's {@link ModelSignature} (input genes,
 * components, labels, conditions and latent sizes), saved with the workflow.
 */
public final class ModelPortObjectSpec extends AbstractSimplePortObjectSpec {
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<ModelPortObjectSpec> {
    }

    /** Everything the spec says; null only while the serializer fills a new instance. */
    private ModelSignature m_signature;

    /** For the serializer. */
    public ModelPortObjectSpec() {
    }

    public static ModelPortObjectSpec of(final TrainedModel model) {
        ModelPortObjectSpec s = new ModelPortObjectSpec();
        s.m_signature = model.signature();
        return s;
    }

    /** The model's signature: genes, features, labels, conditions, sizes (the same object the appliers use). */
    public ModelSignature signature() {
        return m_signature;
    }

    public boolean isConditional() {
        return m_signature.conditional();
    }

    /** Genes the model reads, in its order (empty only for models without stored preprocessing). */
    public String[] getGenes() {
        return m_signature.inputGenes().toArray(String[]::new);
    }

    /** Names of the model's features (genes after preprocessing), i.e. what decoding produces. */
    public String[] getFeatures() {
        return m_signature.features().toArray(String[]::new);
    }

    public List<String> getLabelNames() {
        return m_signature.labels().names();
    }

    /** Label (or null) each component stands for. */
    public String getComponentLabel(final int k) {
        return m_signature.componentLabels().get(k);
    }

    public List<String> getConditionNames() {
        return m_signature.conditions().names();
    }

    public String getLabelColumn() {
        return nonNull(m_signature.labelColumn());
    }

    public String getConditionColumn() {
        return nonNull(m_signature.conditionColumn());
    }

    public int getComponents() {
        return m_signature.components();
    }

    public int getZDim() {
        return m_signature.zDim();
    }

    public int getWDim() {
        return m_signature.wDim();
    }

    public String describe() {
        return m_signature.describe();
    }

    private static String nonNull(final String s) {
        return s == null ? "" : s;
    }

    @Override
    protected void save(final ModelContentWO model) {
        ModelSignature g = m_signature;
        model.addStringArray("genes", g.inputGenes().toArray(String[]::new));
        model.addStringArray("features", g.features().toArray(String[]::new));
        model.addStringArray("label_names", g.labels().names().toArray(String[]::new));
        // null component labels are stored as "" (string arrays keep no nulls in KNIME's XML)
        model.addStringArray("component_labels", g.componentLabels().stream().map(ModelPortObjectSpec::nonNull).toArray(String[]::new));
        model.addStringArray("condition_names", g.conditions().names().toArray(String[]::new));
        model.addString("label_column", nonNull(g.labelColumn()));
        model.addString("condition_column", nonNull(g.conditionColumn()));
        model.addInt("components", g.components());
        model.addInt("z_dim", g.zDim());
        model.addInt("w_dim", g.wDim());
        model.addString("likelihood", g.likelihood().name());
        model.addString("w_prior", g.wPrior().name());
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        String[] comp = model.getStringArray("component_labels");
        List<String> componentLabels = new java.util.ArrayList<>();
        for (String c : comp) {
            componentLabels.add(c.isEmpty() ? null : c);
        }
        String labelColumn = model.getString("label_column");
        String conditionColumn = model.getString("condition_column");
        try {
            m_signature = new ModelSignature(List.of(model.getStringArray("genes")), List.of(model.getStringArray("features")),
                labelColumn.isEmpty() ? null : labelColumn, new CategoryCodes(List.of(model.getStringArray("label_names"))),
                conditionColumn.isEmpty() ? null : conditionColumn, new CategoryCodes(List.of(model.getStringArray("condition_names"))),
                componentLabels, Likelihood.valueOf(model.getString("likelihood")), WPrior.valueOf(model.getString("w_prior")),
                model.getInt("components"), model.getInt("z_dim"), model.getInt("w_dim"));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("unreadable model description: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ModelPortObjectSpec s && java.util.Objects.equals(s.m_signature, m_signature);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(m_signature);
    }
}
