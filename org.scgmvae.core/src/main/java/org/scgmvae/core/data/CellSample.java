package org.scgmvae.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A seeded random sample of cells, in ascending order (rows read in file order): the same cells for the same seed. */
public final class CellSample {

    private CellSample() {
    }

    /** All {@code n} rows when there are at most {@code max}, else {@code max} distinct rows drawn with {@code seed}, ascending. */
    public static int[] of(int n, int max, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= max) {
            return all;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) { // partial Fisher-Yates: the first max places are the sample
            int j = i + r.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, max);
        Arrays.sort(out);
        return out;
    }
}
