package org.scgmvae.core.train;

/** Which cells carry labels; derived from the label column. */
public enum TrainingMode {
    /** No labels: components are discovered. */
    UNSUPERVISED,
    /** Some cells labelled: labelled cells use the supervised loss, the others the unsupervised one. */
    SEMI_SUPERVISED,
    /** Every cell labelled. */
    SUPERVISED;

    public static TrainingMode of(int[] labels) {
        if (labels == null) {
            return UNSUPERVISED;
        }
        int labelled = 0;
        for (int l : labels) {
            if (l >= 0) {
                labelled++;
            }
        }
        return labelled == 0 ? UNSUPERVISED : labelled == labels.length ? SUPERVISED : SEMI_SUPERVISED;
    }
}
