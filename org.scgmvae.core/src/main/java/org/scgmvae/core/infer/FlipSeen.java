package org.scgmvae.core.infer;

import org.scgmvae.core.model.ConditionShift;
import org.scgmvae.core.model.TrainedModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the training cells showed a model trained with labels of one cell type under a flip's target condition: none (the
 * flip of the type is a prediction for cells it never saw so, scGen's held-out protocol) or some (comparing the flip with
 * real cells then measures a fit, not a prediction), and whose shift in z {@link ConditionFlipper.Mode#DELTA} moves the
 * type's cells by. Read from the per-type counts and means the model file keeps ({@link ConditionShift}).
 *
 * @param type             the cell type (one of the model's labels)
 * @param cellsUnderTarget its training cells under the target condition
 * @param shift            whose shift DELTA takes for it
 * @param lender           the type it borrows from where {@code shift} is {@link Shift#NEAREST}, else null
 */
public record FlipSeen(String type, String target, int cellsUnderTarget, Shift shift, String lender) {

    /** Whose shift in z DELTA moves a type's cells by ({@link ConditionShift#shift}). */
    public enum Shift {
        /** Its own: the type had at least {@value ConditionShift#MIN_CELLS} training cells in both conditions. */
        OWN,
        /** The nearest type's among those seen in both conditions. */
        NEAREST,
        /** The mean over the types seen in both (too few of its own cells under the source condition to place it). */
        MEAN,
        /** None: no type was seen in both conditions, so DELTA decodes the cell's own z (as ENCODED). */
        NONE
    }

    /**
     * Null where the model cannot tell: no condition shifts stored, trained without labels (its components are numbered, or
     * named by a majority vote whose counts are of predicted components, not of types), or an unknown type or condition.
     */
    public static FlipSeen of(TrainedModel model, String type, String from, String target) {
        ConditionShift shifts = model.shifts();
        int f = model.conditionNames().indexOf(from);
        int t = model.conditionNames().indexOf(target);
        int k = model.labelNames().indexOf(type);
        if (shifts == null || f < 0 || t < 0 || k < 0 || k >= shifts.nComponents() || !type.equals(model.labelOfComponent(k))) {
            return null;
        }
        int l = shifts.lender(k, f, t);
        Shift shift = l == k ? Shift.OWN : l >= 0 ? Shift.NEAREST : shifts.means()[k][f] == null && anySeenInBoth(shifts, f, t)
                ? Shift.MEAN : Shift.NONE;
        String lender = shift == Shift.NEAREST ? (model.labelOfComponent(l) != null ? model.labelOfComponent(l) : "component " + l) : null;
        return new FlipSeen(type, target, shifts.cells()[k][t], shift, lender);
    }

    /**
     * Marks which (label, condition) pairs the cells hold, codes as {@link org.scgmvae.core.model.ModelInput} has them, into
     * {@code pairs} ([labels][conditions]; made when null, so that blocks of cells can add to one); unlabelled cells count
     * for nothing.
     */
    public static boolean[][] pairs(TrainedModel model, int[] labels, int[] conditions, boolean[][] pairs) {
        boolean[][] out = pairs != null ? pairs : new boolean[model.labelNames().size()][model.conditionNames().size()];
        for (int i = 0; labels != null && conditions != null && i < labels.length; i++) {
            if (labels[i] >= 0 && labels[i] < out.length && conditions[i] >= 0) {
                out[labels[i]][conditions[i]] = true;
            }
        }
        return out;
    }

    /**
     * What a user should hear of a flip of the cells whose pairs are marked ({@link #pairs}) to {@code target}: one line
     * "TYPE: sentence" for each type flipped from another condition that is held out, or whose DELTA shift is not its own.
     * The command line's flip and the Flipper node say the same.
     */
    public static List<String> notes(TrainedModel model, boolean[][] pairs, String target, ConditionFlipper.Mode mode) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < pairs.length; k++) {
            for (int c = 0; c < pairs[k].length; c++) {
                String from = model.conditionNames().get(c);
                FlipSeen seen = !pairs[k][c] || from.equals(target) ? null : of(model, model.labelNames().get(k), from, target);
                if (seen != null && seen.worthSaying(mode)) {
                    out.add(seen.type() + ": " + seen.describe(mode));
                }
            }
        }
        return out;
    }

    private static boolean anySeenInBoth(ConditionShift shifts, int from, int to) {
        for (int k = 0; k < shifts.nComponents(); k++) {
            if (shifts.seenInBoth(k, from, to)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the model never saw the type under the target: the flip is a held-out prediction. */
    public boolean heldOut() {
        return cellsUnderTarget == 0;
    }

    /** Whether a user should hear of this flip: a held-out type, or one whose DELTA shift is not its own. */
    public boolean worthSaying(ConditionFlipper.Mode mode) {
        return heldOut() || mode == ConditionFlipper.Mode.DELTA && shift != Shift.OWN;
    }

    /** One sentence for a user: held out or fitted, and, for DELTA, whose shift where it is not the type's own. */
    public String describe(ConditionFlipper.Mode mode) {
        String what = heldOut()
                ? "the model saw no '" + target + "' " + type + " cells in training, so their flip is a held-out prediction"
                : String.format(Locale.ROOT, "the model was trained on %,d '%s' %s cells, so the real '%s' cells here may be ones it"
                        + " was fitted to: a fit, not a held-out prediction", cellsUnderTarget, target, type, target);
        if (mode != ConditionFlipper.Mode.DELTA) {
            return what;
        }
        return switch (shift) {
            case OWN -> what;
            case NEAREST -> what + "; " + mode + " moves them by the shift in z of " + lender + ", the nearest type seen in both conditions"
                    + (heldOut() ? "" : " (fewer than " + ConditionShift.MIN_CELLS + " of its own in one of them)");
            case MEAN -> what + "; " + mode + " moves them by the mean shift in z of the types seen in both conditions";
            case NONE -> what + "; no type was seen in both conditions, so " + mode + " decodes each cell's own z (as ENCODED)";
        };
    }
}
