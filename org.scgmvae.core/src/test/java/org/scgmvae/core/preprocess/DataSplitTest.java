package org.scgmvae.core.preprocess;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.data.StringColumn;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSplitTest {

    /** 50 x A, 30 x B, 20 x C, 1 x D, 9 without label, interleaved. */
    static CategoricalColumn labels() {
        int[] counts = {50, 30, 20, 1, 9};
        int n = Arrays.stream(counts).sum();
        int[] codes = new int[n];
        int[] left = counts.clone();
        int i = 0;
        while (i < n) {
            for (int c = 0; c < counts.length && i < n; c++) {
                if (left[c] > 0) {
                    codes[i++] = c == 4 ? -1 : c;
                    left[c]--;
                }
            }
        }
        return new CategoricalColumn(codes, List.of("A", "B", "C", "D"), false);
    }

    static int countCode(CategoricalColumn l, int[] idx, int code) {
        return (int) Arrays.stream(idx).filter(i -> l.codes()[i] == code).count();
    }

    @Test
    void stratifiedKeepsClassProportions() {
        CategoricalColumn l = labels();
        DataSplit s = DataSplit.stratified(l, 0.2, 42);
        // round(0.2 * size) per class: A 10, B 6, C 4, D 0 (the only cell stays in training), missing 2
        assertEquals(10, countCode(l, s.validation(), 0));
        assertEquals(6, countCode(l, s.validation(), 1));
        assertEquals(4, countCode(l, s.validation(), 2));
        assertEquals(0, countCode(l, s.validation(), 3));
        assertEquals(2, countCode(l, s.validation(), -1));
        assertEquals(40, countCode(l, s.train(), 0));
        assertEquals(1, countCode(l, s.train(), 3));
        assertEquals(22, s.validation().length);
        assertEquals(110 - 22, s.train().length);
        // disjoint, complete, sorted
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 110).toArray(), all);
        assertArrayEquals(Arrays.stream(s.train()).sorted().toArray(), s.train());
        assertArrayEquals(Arrays.stream(s.validation()).sorted().toArray(), s.validation());
    }

    @Test
    void smallClassesKeepAtLeastOneTrainingCell() {
        CategoricalColumn l = new CategoricalColumn(new int[] {0, 0, 1}, List.of("a", "b"), false);
        DataSplit s = DataSplit.stratified(l, 0.9, 1);
        // class a: round(1.8) = 2 but at most size - 1 = 1 goes to validation; class b stays in training
        assertEquals(1, countCode(l, s.validation(), 0));
        assertEquals(1, countCode(l, s.train(), 0));
        assertArrayEquals(new int[] {2}, Arrays.stream(s.train()).filter(i -> i == 2).toArray());
    }

    @Test
    void sameSeedSameSplitDifferentSeedDifferentSplit() {
        CategoricalColumn l = labels();
        DataSplit a = DataSplit.stratified(l, 0.25, 7);
        DataSplit b = DataSplit.stratified(l, 0.25, 7);
        DataSplit c = DataSplit.stratified(l, 0.25, 8);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.validation(), b.validation());
        assertFalse(Arrays.equals(a.validation(), c.validation()));
        assertEquals(a.validation().length, c.validation().length);
    }

    @Test
    void zeroFractionAndBadFractions() {
        DataSplit s = DataSplit.stratified(labels(), 0, 3);
        assertEquals(0, s.validation().length);
        assertEquals(110, s.train().length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSplit.stratified(labels(), 1.0, 3));
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataSplit.stratified(labels(), -0.1, 3));
    }

    @Test
    void randomSplitWithoutLabels() {
        DataSplit s = DataSplit.random(200, 0.1, 5);
        assertEquals(20, s.validation().length);
        assertEquals(180, s.train().length);
        assertArrayEquals(s.validation(), DataSplit.random(200, 0.1, 5).validation());
        // spread over the whole range, not the first 20 cells
        assertTrue(Arrays.stream(s.validation()).max().orElse(0) > 100);
    }

    @Test
    void byColumnUsesTheGivenValuesAndLeavesOthersOut() {
        CategoricalColumn split = CategoricalColumn.fromStrings(
                new String[] {"train", "validation", "test", "train", null, "validation", "train"});
        DataSplit s = DataSplit.byColumn(split, "train", "validation");
        assertArrayEquals(new int[] {0, 3, 6}, s.train());
        assertArrayEquals(new int[] {1, 5}, s.validation());

        DataSplit fromText = DataSplit.byColumn(new StringColumn(new String[] {"v", "t", "t"}), "t", "v");
        assertArrayEquals(new int[] {1, 2}, fromText.train());
        assertArrayEquals(new int[] {0}, fromText.validation());

        DataSplit fromNumbers = DataSplit.byColumn(new NumericColumn(new double[] {1, 0, 1, Double.NaN}, true), "1", "0");
        assertArrayEquals(new int[] {0, 2}, fromNumbers.train());
        assertArrayEquals(new int[] {1}, fromNumbers.validation());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSplit.byColumn(split, "training", "validation"));
        assertTrue(e.getMessage().contains("'training'"), e.getMessage());
    }
}
