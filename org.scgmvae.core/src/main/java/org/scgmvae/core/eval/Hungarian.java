package org.scgmvae.core.eval;

import java.util.Arrays;

/** Minimum-cost perfect assignment on a square cost matrix (Kuhn-Munkres with potentials, O(n^3)). */
final class Hungarian {

    private Hungarian() {
    }

    /** Returns for each row the column assigned to it. */
    static int[] minimumCostAssignment(long[][] cost) {
        int n = cost.length;
        long inf = Long.MAX_VALUE / 4;
        long[] u = new long[n + 1];
        long[] v = new long[n + 1];
        int[] match = new int[n + 1]; // match[column] = row (1-based), 0 = free
        int[] way = new int[n + 1];
        for (int row = 1; row <= n; row++) {
            match[0] = row;
            int col0 = 0;
            long[] minv = new long[n + 1];
            Arrays.fill(minv, inf);
            boolean[] used = new boolean[n + 1];
            do {
                used[col0] = true;
                int r = match[col0];
                long delta = inf;
                int col1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        long cur = cost[r - 1][j - 1] - u[r] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = col0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            col1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[match[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                col0 = col1;
            } while (match[col0] != 0);
            do {
                int col1 = way[col0];
                match[col0] = match[col1];
                col0 = col1;
            } while (col0 != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= n; j++) {
            if (match[j] > 0) {
                assignment[match[j] - 1] = j - 1;
            }
        }
        return assignment;
    }
}
