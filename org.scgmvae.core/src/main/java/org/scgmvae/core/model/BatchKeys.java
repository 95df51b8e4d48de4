package org.scgmvae.core.model;

import java.util.List;

/** Names of the arrays in a batch and of the reported loss terms. */
public final class BatchKeys {

    public static final String X = "x";
    public static final String C = "c";
    public static final String Y = "y";
    public static final String COUNTS = "counts";
    public static final String LOG_LIBRARY = "logLibrary";
    public static final String LGAMMA_COUNTS = "lgammaCounts";
    public static final String EPS_Z = "epsZ";
    public static final String EPS_W = "epsW";

    public static final String LOSS = "loss";
    public static final String RECON = "recon";
    public static final String KL_Z = "klZ";
    public static final String KL_W = "klW";
    public static final String KL_Y = "klY";
    public static final String KL_D = "klD";
    public static final String CLASSIFICATION = "classification";
    /** The component-balance regulariser (0 unless enabled); not part of {@link #LOSS}, which stays -ELBO. */
    public static final String BALANCE = "balance";

    /** Loss terms in reporting order: total -ELBO (as optimised), reconstruction, the four KLs, classifier NLL. */
    public static final List<String> TERMS = List.of(LOSS, RECON, KL_Z, KL_W, KL_Y, KL_D, CLASSIFICATION, BALANCE);

    private BatchKeys() {
    }
}
