package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.ExpressionMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a model's fitted preprocessing noticed about new cells it was applied to, for the user: values in other units
 * than the model was trained on (log-normalised cells into a model that normalises and logs counts, or raw counts into a
 * model trained on normalised values), and cells without any counts. Blocks of one file merge their notes.
 *
 * @param unitsMismatch  one sentence when the values do not look like what the model's pipeline expects; null otherwise
 * @param cells          cells looked at
 * @param emptyCells     of them, cells whose counts are all zero (only counted where the pipeline normalises)
 * @param firstEmptyCell the name of the first such cell (null when none)
 */
public record InputNotes(String unitsMismatch, long cells, long emptyCells, String firstEmptyCell) {

    /**
     * The notes on {@code counts} (the genes the model reads, before normalisation) for a pipeline of {@code config}, whose
     * scaling saw {@code trainingMinimums} as each gene's smallest training value (null: no scaling).
     */
    static InputNotes of(PreprocessConfig config, ExpressionMatrix counts, double[] totals, String[] cellNames, double[] trainingMinimums) {
        String mismatch = null;
        ValueSample s = ValueSample.of(counts);
        if ((config.normalizeTotal() || config.log1p()) && s.looksLogTransformed()) {
            mismatch = String.format(Locale.ROOT, "the model was trained on counts and %s its input, but these values"
                    + " look log-transformed already (%.0f%% are not whole numbers, the largest is %.2f): the results would be"
                    + " those of doubly transformed cells. Give the cells' raw counts (X, a 'counts' layer, or a layer of another name with --counts-layer)",
                    config.normalizeTotal() ? "normalises and logs" : "logs", 100.0 * s.fractional() / s.nonZero(), s.max());
        } else if (!config.normalizeTotal() && !config.log1p() && config.scale() && s.looksLikeRawCounts()) {
            // the log-normalised route (scaling without normalisation); the as-is route may model whole numbers on purpose
            mismatch = String.format(Locale.ROOT, "the model was trained on normalised values, but these look like raw counts (whole"
                    + " numbers up to %.0f): normalise them as the training cells were (normalize_total and log1p) first", s.max());
        } else if (!config.normalizeTotal() && !config.log1p() && config.scale() && s.negative() && nonNegative(trainingMinimums)) {
            // scanpy's usual X after sc.pp.scale, next to the log-normalised values it keeps in raw
            mismatch = String.format(Locale.ROOT, "the model was trained on log-normalised values (none below 0), but %.0f%% of these"
                    + " are negative: they look centred or scaled already (scanpy's sc.pp.scale), and the model scales them again. Give"
                    + " the log-normalised values (often in raw: --use-raw, or a layer)", 100.0 * s.negatives() / Math.max(1, s.nonZero()));
        }
        NormalizeTotal.EmptyCells empty = totals == null ? new NormalizeTotal.EmptyCells(0, -1) : NormalizeTotal.EmptyCells.of(totals);
        return new InputNotes(mismatch, counts.nCells(), empty.count(), empty.first() < 0 ? null : cellNames[empty.first()]);
    }

    private static boolean nonNegative(double[] minimums) {
        if (minimums == null) {
            return false;
        }
        for (double m : minimums) {
            if (m < 0) {
                return false;
            }
        }
        return true;
    }

    /** The notes of this block followed by those of {@code next} (the first units note stands for the file). */
    public InputNotes merge(InputNotes next) {
        return new InputNotes(unitsMismatch != null ? unitsMismatch : next.unitsMismatch, cells + next.cells, emptyCells + next.emptyCells,
                firstEmptyCell != null ? firstEmptyCell : next.firstEmptyCell);
    }

    /** The sentences to show (none when all is as the model expects). */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (unitsMismatch != null) {
            w.add(unitsMismatch);
        }
        if (emptyCells > 0) {
            w.add(String.format(Locale.ROOT, "%,d of %,d cells have no counts in the model's genes (e.g. '%s'): the model places them"
                    + " by its prior alone, so their results mean little; filter them out", emptyCells, cells, firstEmptyCell));
        }
        return w;
    }
}
