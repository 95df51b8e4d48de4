package org.scgmvae.core.embed;

import org.scgmvae.core.eval.NearestNeighbours;

import java.util.Arrays;

/**
 * UMAP's fuzzy simplicial set of a kNN graph: each cell's distances to its neighbours are turned into memberships
 * {@code exp(-(d - rho) / sigma)}, with rho the distance to its nearest neighbour (so every cell is connected to at least
 * one other with strength 1) and sigma chosen so that the memberships sum to log2(k + 1) (k neighbours plus the cell itself,
 * as umap-learn counts); then made symmetric by the fuzzy union {@code w_ij + w_ji - w_ij w_ji}.
 * Stored as directed edges in both directions, as umap-learn optimises them.
 *
 * @param heads  first end of each directed edge
 * @param tails  second end
 * @param weights membership strength in (0, 1]
 */
public record FuzzyGraph(int nCells, int[] heads, int[] tails, float[] weights) {

    private static final int SEARCH_STEPS = 64;
    private static final double TOLERANCE = 1e-5;
    /** sigma never falls below this share of the cell's mean neighbour distance (umap-learn's MIN_K_DIST_SCALE). */
    private static final double MIN_SIGMA_SCALE = 1e-3;

    public static FuzzyGraph of(NearestNeighbours knn) {
        int n = knn.index().length;
        float[][] directed = memberships(knn);
        // fuzzy union over both directions: collect (i, j) pairs with i < j as one key
        int k = n == 0 ? 0 : knn.index()[0].length;
        long[] keys = new long[n * k];
        float[] w = new float[n * k];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                int j = knn.index()[i][p];
                keys[m] = (long) Math.min(i, j) * n + Math.max(i, j);
                w[m++] = directed[i][p];
            }
        }
        Integer[] order = new Integer[m];
        for (int e = 0; e < m; e++) {
            order[e] = e;
        }
        Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
        int[] heads = new int[2 * m];
        int[] tails = new int[2 * m];
        float[] weights = new float[2 * m];
        int out = 0;
        for (int a = 0; a < m; ) {
            int b = a + 1;
            double union = w[order[a]];
            // the same pair seen from both of its ends: at most two entries
            while (b < m && keys[order[b]] == keys[order[a]]) {
                union = union + w[order[b]] - union * w[order[b]];
                b++;
            }
            int i = (int) (keys[order[a]] / n);
            int j = (int) (keys[order[a]] % n);
            if (union > 0) {
                heads[out] = i;
                tails[out] = j;
                weights[out++] = (float) union;
                heads[out] = j;
                tails[out] = i;
                weights[out++] = (float) union;
            }
            a = b;
        }
        return new FuzzyGraph(n, Arrays.copyOf(heads, out), Arrays.copyOf(tails, out), Arrays.copyOf(weights, out));
    }

    /** Directed memberships, per cell and neighbour (same layout as {@code knn.index()}). */
    static float[][] memberships(NearestNeighbours knn) {
        int n = knn.index().length;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] sq = knn.squaredDistance()[i];
            int k = sq.length;
            double[] d = new double[k];
            double mean = 0;
            for (int p = 0; p < k; p++) {
                d[p] = Math.sqrt(sq[p]);
                mean += d[p];
            }
            mean /= Math.max(1, k);
            double rho = 0;
            for (double v : d) {
                if (v > 0) {
                    rho = v;
                    break;
                }
            }
            double target = Math.log(k + 1) / Math.log(2);
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            double sigma = 1;
            for (int s = 0; s < SEARCH_STEPS; s++) {
                double sum = 0;
                for (double v : d) {
                    sum += v - rho > 0 ? Math.exp(-(v - rho) / sigma) : 1;
                }
                if (Math.abs(sum - target) < TOLERANCE) {
                    break;
                }
                if (sum > target) {
                    hi = sigma;
                    sigma = (lo + hi) / 2;
                } else {
                    lo = sigma;
                    sigma = hi == Double.POSITIVE_INFINITY ? sigma * 2 : (lo + hi) / 2;
                }
            }
            sigma = Math.max(sigma, MIN_SIGMA_SCALE * mean);
            float[] w = new float[k];
            for (int p = 0; p < k; p++) {
                w[p] = (float) (d[p] - rho > 0 && sigma > 0 ? Math.exp(-(d[p] - rho) / sigma) : 1);
            }
            out[i] = w;
        }
        return out;
    }
}
