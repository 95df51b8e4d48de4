package org.scgmvae.core.eval;

import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.task.Progress;

import java.util.Random;

/**
 * Approximate k nearest neighbours by NN-descent (Dong, Charikar and Li, WWW 2011; the method of pynndescent, which scanpy
 * and umap-learn use for large data): every cell starts with random neighbours; then, round after round, the neighbours of
 * each cell (and the cells that list it) meet each other, because a neighbour's neighbour is likely a neighbour, and every
 * cell keeps the k nearest it has seen, until almost no list changes. The exact search costs n^2 distances; this costs
 * about n k^2 per round and a handful of rounds. One thread and a seeded generator, so a seed gives one result.
 *
 * <p>Why not a library: the maintained Java HNSW implementation on Maven Central (hnswlib) draws its graph levels from
 * {@code ThreadLocalRandom}, which cannot be seeded, so Leiden clusters would change from run to run.
 */
public final class ApproximateNeighbours {

    /** Rounds at most; NN-descent usually settles in 5-10. */
    static final int MAX_ROUNDS = 20;
    /** A round that changes fewer than this share of all n k list entries ends the search (pynndescent's delta). */
    static final double CONVERGED = 0.001;

    private ApproximateNeighbours() {
    }

    /** The (approximately) {@code k} nearest other rows of each row, nearest first, with squared Euclidean distances. */
    public static NearestNeighbours of(DenseMatrix pts, int k, long seed, Progress progress) {
        int n = pts.nCells();
        int d = pts.nGenes();
        int kk = Math.min(k, n - 1);
        float[] x = pts.values();
        int[][] idx = new int[n][kk];
        float[][] dist = new float[n][kk];
        boolean[][] fresh = new boolean[n][kk];
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(dist[i], Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(idx[i], -1);
            for (int filled = 0; filled < kk; ) {
                int j = rnd.nextInt(n);
                if (j != i && insert(idx[i], dist[i], fresh[i], j, squared(x, d, i, j))) {
                    filled++;
                }
            }
        }
        int cap = 2 * kk; // candidates per cell: its own new/old neighbours plus a sample of the cells that list it
        int[][] newC = new int[n][cap];
        int[][] oldC = new int[n][cap];
        int[] newN = new int[n];
        int[] oldN = new int[n];
        int[] newSeen = new int[n];
        int[] oldSeen = new int[n];
        for (int round = 0; round < MAX_ROUNDS; round++) {
            progress.step(round, MAX_ROUNDS, "approximate nearest neighbours of " + n + " cells (round " + (round + 1) + ")");
            java.util.Arrays.fill(newN, 0);
            java.util.Arrays.fill(oldN, 0);
            java.util.Arrays.fill(newSeen, 0);
            java.util.Arrays.fill(oldSeen, 0);
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < kk; s++) {
                    int j = idx[i][s];
                    if (fresh[i][s]) {
                        fresh[i][s] = false; // it meets the others now; later rounds pair it only with new ones
                        offer(newC, newN, newSeen, i, j, rnd);
                        offer(newC, newN, newSeen, j, i, rnd);
                    } else {
                        offer(oldC, oldN, oldSeen, i, j, rnd);
                        offer(oldC, oldN, oldSeen, j, i, rnd);
                    }
                }
            }
            long changes = 0;
            for (int i = 0; i < n; i++) {
                int[] nc = newC[i];
                for (int a = 0; a < newN[i]; a++) {
                    int u = nc[a];
                    for (int b = a + 1; b < newN[i]; b++) {
                        changes += meet(x, d, idx, dist, fresh, u, nc[b]);
                    }
                    for (int b = 0; b < oldN[i]; b++) {
                        changes += meet(x, d, idx, dist, fresh, u, oldC[i][b]);
                    }
                }
            }
            if (changes <= CONVERGED * n * kk) {
                break;
            }
        }
        progress.report(1, "approximate nearest neighbours of " + n + " cells");
        return new NearestNeighbours(idx, dist);
    }

    /** Reservoir sampling into a cell's candidate list (at most its capacity), so that popular cells do not grow without bound. */
    private static void offer(int[][] lists, int[] counts, int[] seen, int cell, int candidate, Random rnd) {
        int[] list = lists[cell];
        for (int t = 0; t < counts[cell]; t++) {
            if (list[t] == candidate) {
                return;
            }
        }
        int s = seen[cell]++;
        if (counts[cell] < list.length) {
            list[counts[cell]++] = candidate;
        } else {
            int r = rnd.nextInt(s + 1);
            if (r < list.length) {
                list[r] = candidate;
            }
        }
    }

    /** u and v meet: each may enter the other's list. Returns how many lists changed (0-2). */
    private static int meet(float[] x, int d, int[][] idx, float[][] dist, boolean[][] fresh, int u, int v) {
        if (u == v) {
            return 0;
        }
        float dd = squared(x, d, u, v);
        int c = 0;
        if (dd < dist[u][dist[u].length - 1] && insert(idx[u], dist[u], fresh[u], v, dd)) {
            c++;
        }
        if (dd < dist[v][dist[v].length - 1] && insert(idx[v], dist[v], fresh[v], u, dd)) {
            c++;
        }
        return c;
    }

    /** Puts j into the sorted list when it is nearer than the farthest and not in the list yet; marks it new. */
    private static boolean insert(int[] idx, float[] dist, boolean[] fresh, int j, float dd) {
        int last = idx.length - 1;
        if (!(dd < dist[last])) {
            return false;
        }
        for (int t = 0; t <= last; t++) {
            if (idx[t] == j) {
                return false;
            }
        }
        int p = last;
        while (p > 0 && dist[p - 1] > dd) {
            dist[p] = dist[p - 1];
            idx[p] = idx[p - 1];
            fresh[p] = fresh[p - 1];
            p--;
        }
        dist[p] = dd;
        idx[p] = j;
        fresh[p] = true;
        return true;
    }

    private static float squared(float[] x, int d, int a, int b) {
        int oa = a * d;
        int ob = b * d;
        float s = 0;
        for (int t = 0; t < d; t++) {
            float diff = x[oa + t] - x[ob + t];
            s += diff * diff;
        }
        return s;
    }
}
