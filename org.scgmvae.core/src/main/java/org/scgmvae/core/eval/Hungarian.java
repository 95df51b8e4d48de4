package org.scgmvae.core.eval;

import java.util.Arrays;

/**
 * Minimum-cost assignment of every row to its own column (Kuhn-Munkres with potentials), for n rows and m >= n columns in
 * O(n^2 m): 8 cell types against 8,518 clusters costs 0.5 M steps, where padding to a square matrix cost 6 * 10^11.
 */
final class Hungarian {

    private Hungarian() {
    }

    /** Returns for each row the column assigned to it; {@code cost} has at least as many columns as rows. */
    static int[] minimumCostAssignment(long[][] cost) {
        int n = cost.length;
        int m = n == 0 ? 0 : cost[0].length;
        if (m < n) {
            throw new IllegalArgumentException(n + " rows but only " + m + " columns: transpose the cost matrix");
        }
        long inf = Long.MAX_VALUE / 4;
        long[] u = new long[n + 1];
        long[] v = new long[m + 1];
        int[] match = new int[m + 1]; // match[column] = row (1-based), 0 = free
        int[] way = new int[m + 1];
        for (int row = 1; row <= n; row++) {
            match[0] = row;
            int col0 = 0;
            long[] minv = new long[m + 1];
            Arrays.fill(minv, inf);
            boolean[] used = new boolean[m + 1];
            do {
                used[col0] = true;
                int r = match[col0];
                long delta = inf;
                int col1 = 0;
                for (int j = 1; j <= m; j++) {
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
                for (int j = 0; j <= m; j++) {
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
        for (int j = 1; j <= m; j++) {
            if (match[j] > 0) {
                assignment[match[j] - 1] = j - 1;
            }
        }
        return assignment;
    }
}
