package org.scgmvae.knime.node.encoder;

import org.scgmvae.knime.node.ScGmvaeNodeFactory;

/** sc*GMVAE Latent Encoder: z and w coordinates per cell. */
public final class EncoderNodeFactory extends ScGmvaeNodeFactory<EncoderNodeModel> {
    public EncoderNodeFactory() {
        super(EncoderNodeModel::new, EncoderNodeDialog::new);
    }
}
