package org.scgmvae.knime.node.normalizer;

import org.scgmvae.knime.node.ScGmvaeNodeFactory;

/** sc*GMVAE Normalizer: normalize_total, log1p, HVG selection, scaling; fit or apply. */
public final class NormalizerNodeFactory extends ScGmvaeNodeFactory<NormalizerNodeModel> {
    public NormalizerNodeFactory() {
        super(NormalizerNodeModel::new, NormalizerNodeDialog::new);
    }
}
