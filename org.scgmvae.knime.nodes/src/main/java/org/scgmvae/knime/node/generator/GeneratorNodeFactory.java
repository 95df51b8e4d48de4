package org.scgmvae.knime.node.generator;

import org.scgmvae.knime.node.ScGmvaeNodeFactory;

/** sc*GMVAE Generator: synthetic cells per component and condition. */
public final class GeneratorNodeFactory extends ScGmvaeNodeFactory<GeneratorNodeModel> {
    public GeneratorNodeFactory() {
        super(GeneratorNodeModel::new, GeneratorNodeDialog::new);
    }
}
