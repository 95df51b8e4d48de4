package org.scgmvae.knime.node.predictor;

import org.scgmvae.knime.node.ScGmvaeNodeFactory;

/** sc*GMVAE Predictor: component probabilities, predicted component and label. */
public final class PredictorNodeFactory extends ScGmvaeNodeFactory<PredictorNodeModel> {
    public PredictorNodeFactory() {
        super(PredictorNodeModel::new, PredictorNodeDialog::new);
    }
}
