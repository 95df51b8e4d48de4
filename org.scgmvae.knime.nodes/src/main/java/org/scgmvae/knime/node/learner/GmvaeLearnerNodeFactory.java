package org.scgmvae.knime.node.learner;

import org.scgmvae.knime.node.ScGmvaeNodeFactory;

/** GMVAE Learner: table to trained model (+ training history). */
public final class GmvaeLearnerNodeFactory extends ScGmvaeNodeFactory<LearnerNodeModel> {
    public GmvaeLearnerNodeFactory() {
        super(() -> new LearnerNodeModel(false), () -> new LearnerNodeDialog(false));
    }
}
