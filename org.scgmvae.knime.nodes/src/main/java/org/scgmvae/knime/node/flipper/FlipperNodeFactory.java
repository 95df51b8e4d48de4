package org.scgmvae.knime.node.flipper;

import org.scgmvae.knime.node.ScGmvaeNodeFactory;

/** sc*GMVAE Condition Flipper: predicted expression of each cell under another condition. */
public final class FlipperNodeFactory extends ScGmvaeNodeFactory<FlipperNodeModel> {
    public FlipperNodeFactory() {
        super(FlipperNodeModel::new, FlipperNodeDialog::new);
    }
}
