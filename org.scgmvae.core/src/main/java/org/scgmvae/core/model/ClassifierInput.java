package org.scgmvae.core.model;

/** What the classifier q(y|.) sees. */
public enum ClassifierInput {
    /** q(y|z), the canonical model. */
    Z,
    /** q(y|z,x): also the encoder's last hidden layer, a summary of x. */
    Z_AND_X
}
