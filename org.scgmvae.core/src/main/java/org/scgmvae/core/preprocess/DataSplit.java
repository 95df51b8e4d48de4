package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Train/validation split of cell indices: stratified by a label column (each class keeps its
 * share in both parts) or given by an obs column (e.g. "split" with values train/validation).
 */
public record DataSplit(int[] train, int[] validation) {

    /**
     * Stratified random split. Each class (cells with a missing label form their own class) puts
     * round(fraction * size) cells into validation, but keeps at least one cell in training.
     */
    public static DataSplit stratified(CategoricalColumn labels, double validationFraction, long seed) {
        return stratified(labels.codes(), validationFraction, seed);
    }

    /** As {@link #stratified(CategoricalColumn, double, long)} on class codes (-1 = missing, its own stratum). */
    public static DataSplit stratified(int[] codes, double validationFraction, long seed) {
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1) but is " + validationFraction);
        }
        Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < codes.length; i++) {
            byClass.computeIfAbsent(codes[i], k -> new ArrayList<>()).add(i);
        }
        Random rnd = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (List<Integer> members : byClass.values()) {
            Collections.shuffle(members, rnd);
            int nVal = (int) Math.min(members.size() - 1, Math.round(validationFraction * members.size()));
            val.addAll(members.subList(0, Math.max(0, nVal)));
            train.addAll(members.subList(Math.max(0, nVal), members.size()));
        }
        return new DataSplit(sorted(train), sorted(val));
    }

    /** Random split without labels. */
    public static DataSplit random(int n, double validationFraction, long seed) {
        return stratified(new int[n], validationFraction, seed);
    }

    /** Split by an obs column: rows equal to {@code trainValue} train, rows equal to {@code validationValue} validate, others are left out. */
    public static DataSplit byColumn(Column column, String trainValue, String validationValue) {
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int i = 0; i < column.size(); i++) {
            String v = column.stringValue(i);
            if (trainValue.equals(v)) {
                train.add(i);
            } else if (validationValue.equals(v)) {
                val.add(i);
            }
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no cell has split value '" + trainValue + "'");
        }
        return new DataSplit(sorted(train), sorted(val));
    }

    private static int[] sorted(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
