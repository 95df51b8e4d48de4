package org.scgmvae.core.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionShiftTest {

    /**
     * Four components in 2-D z, condition 0 = control, 1 = stimulated. Component 0 (at x = 0) moves by (0, 1), component 1
     * (at x = 10) by (0, 5); component 2 (at x = 9) has control cells only, component 3 has too few cells for a mean.
     */
    private static ConditionShift fitted() {
        java.util.List<float[]> z = new java.util.ArrayList<>();
        java.util.List<Integer> comp = new java.util.ArrayList<>();
        java.util.List<Integer> cond = new java.util.ArrayList<>();
        double[][] centres = {{0, 0}, {0, 1}, {10, 0}, {10, 5}, {9, 0}};
        int[][] groups = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}};
        for (int g = 0; g < centres.length; g++) {
            for (int i = 0; i < 20; i++) {
                double jitter = (i % 2 == 0 ? 0.5 : -0.5); // symmetric: the mean is the centre
                z.add(new float[] {(float) (centres[g][0] + jitter), (float) (centres[g][1] - jitter)});
                comp.add(groups[g][0]);
                cond.add(groups[g][1]);
            }
        }
        for (int i = 0; i < ConditionShift.MIN_CELLS - 1; i++) {
            z.add(new float[] {-20, -20});
            comp.add(3);
            cond.add(i % 2);
        }
        float[] flat = new float[z.size() * 2];
        for (int i = 0; i < z.size(); i++) {
            flat[2 * i] = z.get(i)[0];
            flat[2 * i + 1] = z.get(i)[1];
        }
        return ConditionShift.fit(flat, 2, comp.stream().mapToInt(Integer::intValue).toArray(), 4,
                cond.stream().mapToInt(Integer::intValue).toArray(), 2);
    }

    @Test
    void aComponentSeenInBothConditionsMovesByItsOwnShift() {
        ConditionShift s = fitted();
        assertArrayEquals(new double[] {0, 1}, s.shift(0, 0, 1), 1e-6);
        assertArrayEquals(new double[] {0, 5}, s.shift(1, 0, 1), 1e-6);
        assertArrayEquals(new double[] {0, -5}, s.shift(1, 1, 0), 1e-6, "the way back is the opposite shift");
        assertArrayEquals(new double[] {0, 0}, s.shift(1, 1, 1), 1e-6, "no shift within one condition");
    }

    @Test
    void aComponentSeenInOneConditionBorrowsTheShiftOfTheNearestComponent() {
        ConditionShift s = fitted();
        assertFalse(s.seenInBoth(2, 0, 1));
        // component 2 lies at x = 9, next to component 1 (x = 10), not component 0 (x = 0): it takes component 1's shift
        assertArrayEquals(new double[] {0, 5}, s.shift(2, 0, 1), 1e-6);
        assertEquals(1, s.lender(2, 0, 1), "what a user is told: the shift is component 1's");
        assertEquals(0, s.lender(0, 0, 1), "a component seen in both lends to itself");
        assertEquals(-1, s.lender(3, 0, 1), "no mean under the source condition: the mean shift, nobody's");
    }

    @Test
    void aComponentWithoutAMeanTakesTheMeanShiftOfAllComponents() {
        ConditionShift s = fitted();
        assertNull(s.means()[3][0], "fewer than MIN_CELLS cells give no mean");
        assertArrayEquals(new int[] {5, 4}, s.cells()[3]);
        assertArrayEquals(new double[] {0, 3}, s.shift(3, 0, 1), 1e-6, "the mean of (0, 1) and (0, 5), each component once");
    }

    @Test
    void noComponentSeenInBothConditionsGivesNoShift() {
        float[] z = new float[40];
        int[] comp = new int[20];
        int[] cond = new int[20];
        java.util.Arrays.fill(z, 1f);
        ConditionShift s = ConditionShift.fit(z, 2, comp, 1, cond, 2);
        assertArrayEquals(new double[] {0, 0}, s.shift(0, 0, 1), 0);
    }

    @Test
    void mismatchedSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConditionShift.fit(new float[5], 2, new int[3], 1, new int[3], 2));
        assertTrue(e.getMessage().contains("3 cells x 2 dimensions"), e.getMessage());
    }
}
