package org.scgmvae.core.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellSampleTest {

    @Test
    void everyCellUpToTheLimitAboveItDistinctCellsInFileOrderTheSameForASeed() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, CellSample.of(10, 20, 1));
        assertArrayEquals(new int[] {0, 1, 2}, CellSample.of(3, 3, 1));
        int[] s = CellSample.of(1000, 300, 7);
        assertEquals(300, s.length);
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i] > s[i - 1], "ascending and distinct at " + i);
        }
        assertTrue(s[0] >= 0 && s[s.length - 1] < 1000);
        assertArrayEquals(s, CellSample.of(1000, 300, 7));
        assertFalse(Arrays.equals(s, CellSample.of(1000, 300, 8)), "another seed, another sample");
        assertTrue(s[s.length - 1] > 900 && s[0] < 100, "spread over the file, not its first rows: " + s[0] + ".." + s[s.length - 1]);
    }
}
