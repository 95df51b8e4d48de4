package org.scgmvae.core.train;

import org.scgmvae.core.model.LossTerms;

/**
 * The network on held-out cells, from one pass over them: loss terms summed over the cells (KL weight 1, latent means)
 * and how many of the labelled ones get their label. Sums, so that parts computed apart (data-parallel workers) add up.
 */
public record Validation(LossTerms sums, int cells, int correct, int labelled) implements java.io.Serializable {

    public static final Validation NONE = new Validation(LossTerms.ZERO, 0, 0, 0);

    public Validation plus(Validation o) {
        return new Validation(sums.plus(o.sums, 1), cells + o.cells, correct + o.correct, labelled + o.labelled);
    }

    /** Mean loss terms per cell. */
    public LossTerms mean() {
        return sums.dividedBy(cells);
    }

    /** Share of the labelled cells whose most probable component is their label; NaN without labelled cells. */
    public double accuracy() {
        return labelled == 0 ? Double.NaN : (double) correct / labelled;
    }
}
