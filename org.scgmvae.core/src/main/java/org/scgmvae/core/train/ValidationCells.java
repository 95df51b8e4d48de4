package org.scgmvae.core.train;

/**
 * Which held-out cells each epoch's validation evaluates: all of them up to {@value #MAX_CELLS}, above that
 * {@value #MAX_CELLS} spread evenly over them. Early stopping compares the same cells from epoch to epoch, so their
 * differences are paired and 10,000 cells measure them well; evaluating a million-cell atlas's 100,000 held-out cells
 * every epoch cost a tenth of the epoch in memory and a second read of the whole file on disk. The rule draws no random
 * numbers, so training below 100,000 cells (10% held out) is unchanged by it.
 */
public final class ValidationCells {

    /** At most this many held-out cells are evaluated per epoch. */
    public static final int MAX_CELLS = 10_000;

    private ValidationCells() {
    }

    /** The cells of {@code validation} (sorted row indices) that each epoch evaluates, in the same order. */
    public static int[] evaluated(int[] validation) {
        return evaluated(validation, MAX_CELLS);
    }

    static int[] evaluated(int[] validation, int max) {
        if (validation.length <= max) {
            return validation;
        }
        int[] out = new int[max];
        for (int i = 0; i < max; i++) {
            out[i] = validation[(int) ((long) i * validation.length / max)];
        }
        return out;
    }
}
