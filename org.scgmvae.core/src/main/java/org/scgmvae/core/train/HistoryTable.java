package org.scgmvae.core.train;

import org.scgmvae.core.model.LossTerms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The training history as one table, a row per epoch and the numbers side by side (x: epoch, y: any column), the layout
 * KNIME's Line Plot and a spreadsheet take: the learner nodes' history output and the CLI's {@code --history} CSV are
 * both this table, so the two cannot drift apart. Columns: epoch, every loss term on the training cells, every loss term
 * on the validation cells, validation accuracy, learning rate, KL weight and seconds; a number that does not exist (no
 * validation cells, no labels) is NaN.
 */
public final class HistoryTable {

    public static final String EPOCH = "epoch";
    private static final List<String> COLUMNS = columns();

    private HistoryTable() {
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>();
        c.add(EPOCH);
        LossTerms.NAMES.forEach(t -> c.add("train " + t));
        LossTerms.NAMES.forEach(t -> c.add("validation " + t));
        c.addAll(List.of("validation accuracy", "learning rate", "KL weight", "seconds"));
        return Collections.unmodifiableList(c);
    }

    /** Column names, e.g. "train loss", "validation klZ", "KL weight". */
    public static List<String> names() {
        return COLUMNS;
    }

    /** One epoch's values in the order of {@link #names()}, the epoch first. */
    public static double[] row(EpochReport e) {
        double[] v = new double[COLUMNS.size()];
        int i = 0;
        v[i++] = e.epoch();
        for (String t : LossTerms.NAMES) {
            v[i++] = e.train().getOrDefault(t, Double.NaN);
        }
        for (String t : LossTerms.NAMES) {
            v[i++] = e.validation().getOrDefault(t, Double.NaN);
        }
        v[i++] = e.validationAccuracy();
        v[i++] = e.learningRate();
        v[i++] = e.klWeight();
        v[i] = e.seconds();
        return v;
    }
}
