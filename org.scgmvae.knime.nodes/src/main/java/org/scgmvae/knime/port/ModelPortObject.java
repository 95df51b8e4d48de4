package org.scgmvae.knime.port;

import java.io.IOException;

import javax.swing.JComponent;

import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.model.TrainedModel;

/**
 * A trained (c)GMVAE travelling between nodes. Stored with the workflow in the core library's own
 * model format (the same bytes as a .scgmvae file written by the CLI), so models move freely
 * between KNIME and the command line.
 */
public final class ModelPortObject extends SingleEntryPortObject {
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(ModelPortObject.class);

    public static final PortType TYPE_OPTIONAL = PortTypeRegistry.getInstance().getPortType(ModelPortObject.class, true);

    public static final class Serializer extends AbstractPortObjectSerializer<ModelPortObject> {
    }

    private static final String ENTRY = "model.scgmvae";

    private TrainedModel m_model;
    private ModelPortObjectSpec m_spec;

    /** For the serializer. */
    public ModelPortObject() {
    }

    public ModelPortObject(final TrainedModel model) {
        m_model = model;
        m_spec = ModelPortObjectSpec.of(model);
    }

    public TrainedModel getModel() {
        return m_model;
    }

    @Override
    public ModelPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public String getSummary() {
        var s = m_model.summary();
        return m_spec.describe() + (s == null ? "" : "; trained " + s.mode() + ", " + s.epochs() + " epochs, seed " + s.seed());
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[] {SummaryView.of("sc*GMVAE model", getSummary()
            + (m_model.summary() == null ? "" : "\n\nTraining configuration:\n" + m_model.summary().trainingConfig()))};
    }

    @Override
    protected String entryName() {
        return ENTRY;
    }

    @Override
    protected byte[] content() throws IOException {
        return ModelFile.toBytes(m_model);
    }

    @Override
    protected void restore(final byte[] bytes) throws IOException {
        m_model = ModelFile.fromBytes(bytes);
        m_spec = ModelPortObjectSpec.of(m_model);
    }
}
