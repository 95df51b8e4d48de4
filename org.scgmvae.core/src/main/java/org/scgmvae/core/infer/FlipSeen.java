package org.scgmvae.core.infer;

import org.scgmvae.core.model.ConditionShift;
import org.scgmvae.core.model.TrainedModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the training cells showed the model of one cell type under a flip's target condition: none (the flip of the type is
 * a prediction for cells it never saw so, scGen's held-out protocol) or some (comparing the flip with the real cells then
 * measures a fit, not a prediction), and, for a type never seen under the target, whose shift in z {@link
 * ConditionFlipper.Mode#DELTA} moves it by. Read from the per-component counts the model file keeps ({@link ConditionShift}).
 *
 * @param type             the cell type (a label the model names components by)
 * @param cellsUnderTarget its training cells under the target condition
 * @param lender           for a type never seen under the target: the type whose shift it takes, or null for the mean shift
 */
public record FlipSeen(String type, String target, int cellsUnderTarget, String lender) {

    /** Null where the model cannot tell: no condition shifts stored, or no component named by {@code type}. */
    public static FlipSeen of(TrainedModel model, String type, String from, String target) {
        ConditionShift shifts = model.shifts();
        int f = model.conditionNames().indexOf(from);
        int t = model.conditionNames().indexOf(target);
        if (shifts == null || f < 0 || t < 0) {
            return null;
        }
        List<Integer> components = new ArrayList<>();
        for (int k = 0; k < shifts.nComponents(); k++) {
            if (type.equals(model.labelOfComponent(k))) {
                components.add(k);
            }
        }
        if (components.isEmpty()) {
            return null;
        }
        int cells = components.stream().mapToInt(k -> shifts.cells()[k][t]).sum();
        String lender = null;
        if (cells == 0 && components.size() == 1) {
            int l = shifts.lender(components.get(0), f, t);
            lender = l < 0 ? null : model.labelOfComponent(l) != null ? model.labelOfComponent(l) : "component " + l;
        }
        return new FlipSeen(type, target, cells, lender);
    }

    /** Whether the model never saw the type under the target: the flip is a held-out prediction. */
    public boolean heldOut() {
        return cellsUnderTarget == 0;
    }

    /** One sentence for a user: held out (and, for DELTA, whose shift), or how many such cells the model was fitted to. */
    public String describe(ConditionFlipper.Mode mode) {
        if (heldOut()) {
            return "the model saw no '" + target + "' " + type + " cells in training, so their flip is a held-out prediction"
                    + (mode == ConditionFlipper.Mode.DELTA ? "; " + mode + " moves them by the shift in z of "
                    + (lender != null ? lender + ", the nearest type seen in both conditions" : "the mean over the types seen in both")
                    : "");
        }
        return String.format(Locale.ROOT, "the model was trained on %,d '%s' %s cells, so the real '%s' cells here may be ones it was"
                + " fitted to: a fit, not a held-out prediction", cellsUnderTarget, target, type, target);
    }
}
