package org.scgmvae.knime.port;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.swing.JComponent;

import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.scgmvae.core.preprocess.FittedPreprocessing;

/** A fitted normalisation (library size, log1p, gene selection, scaling) to apply to other tables. */
public final class PreprocessingPortObject extends SingleEntryPortObject {
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(PreprocessingPortObject.class);

    public static final PortType TYPE_OPTIONAL = PortTypeRegistry.getInstance().getPortType(PreprocessingPortObject.class, true);

    public static final class Serializer extends AbstractPortObjectSerializer<PreprocessingPortObject> {
    }

    private static final String ENTRY = "preprocessing.json";

    private FittedPreprocessing m_preprocessing;
    private PreprocessingPortObjectSpec m_spec;

    /** For the serializer. */
    public PreprocessingPortObject() {
    }

    public PreprocessingPortObject(final FittedPreprocessing preprocessing) {
        m_preprocessing = preprocessing;
        m_spec = PreprocessingPortObjectSpec.of(preprocessing);
    }

    public FittedPreprocessing getPreprocessing() {
        return m_preprocessing;
    }

    @Override
    public PreprocessingPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public String getSummary() {
        var c = m_preprocessing.config();
        return m_preprocessing.inputGenes().length + " genes in, " + m_preprocessing.selectedGenes().length + " out; normalize_total "
            + (c.normalizeTotal() ? "to " + m_preprocessing.targetSum() : "off") + ", log1p " + (c.log1p() ? "on" : "off") + ", scale "
            + (c.scale() ? "on" : "off");
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[] {SummaryView.of("sc*GMVAE preprocessing", getSummary())};
    }

    @Override
    protected String entryName() {
        return ENTRY;
    }

    @Override
    protected byte[] content() {
        return m_preprocessing.toJson().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void restore(final byte[] bytes) throws IOException {
        m_preprocessing = FittedPreprocessing.fromJson(new String(bytes, StandardCharsets.UTF_8));
        m_spec = PreprocessingPortObjectSpec.of(m_preprocessing);
    }
}
