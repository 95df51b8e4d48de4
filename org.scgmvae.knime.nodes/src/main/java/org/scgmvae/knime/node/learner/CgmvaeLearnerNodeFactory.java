package org.scgmvae.knime.node.learner;

import org.scgmvae.knime.node.ScGmvaeNodeFactory;

/** cGMVAE Learner: as the GMVAE Learner, conditioned on a condition column. */
public final class CgmvaeLearnerNodeFactory extends ScGmvaeNodeFactory<LearnerNodeModel> {
    public CgmvaeLearnerNodeFactory() {
        super(() -> new LearnerNodeModel(true), () -> new LearnerNodeDialog(true));
    }
}
