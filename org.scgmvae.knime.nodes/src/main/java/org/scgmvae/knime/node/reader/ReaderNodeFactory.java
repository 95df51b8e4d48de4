package org.scgmvae.knime.node.reader;

import org.scgmvae.knime.node.ScGmvaeNodeFactory;

/** sc*GMVAE Reader: .h5ad / 10x / CSV to a table of cells. */
public final class ReaderNodeFactory extends ScGmvaeNodeFactory<ReaderNodeModel> {
    public ReaderNodeFactory() {
        super(ReaderNodeModel::new, ReaderNodeDialog::new);
    }
}
