package org.scgmvae.core.eval;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.nn.ComputeSettings;
import org.scgmvae.core.nn.HostArrays;
import org.scgmvae.core.task.Progress;

/**
 * The exact k nearest other rows of each row (Euclidean): the graph under Leiden clustering and the UMAP embedding.
 *
 * @param index           per row, its neighbours, nearest first
 * @param squaredDistance per row, the squared distances to them, ascending
 */
public record NearestNeighbours(int[][] index, float[][] squaredDistance) {

    /**
     * Above this many cells a kNN graph comes from NN-descent ({@link ApproximateNeighbours}) instead of the exact search,
     * whose n^2 distances took 169 s for 100,000 cells (scanpy switches to pynndescent for large data the same way).
     */
    public static final int EXACT_MAX_CELLS = 50_000;

    /**
     * The kNN graph for clustering and embedding (Leiden, UMAP): exact up to {@link #EXACT_MAX_CELLS} cells, NN-descent
     * above (seeded, so a fixed seed gives the same graph).
     */
    public static NearestNeighbours graph(DenseMatrix pts, int k, long seed, Progress progress) {
        return pts.nCells() > EXACT_MAX_CELLS ? ApproximateNeighbours.of(pts, k, seed, progress) : of(pts, k, progress);
    }

    /**
     * The {@code k} nearest other rows of each row (brute force in blocks of BLAS products). Each block's
     * product (512 x n values: 123 MB for 60,000 cells) lives in a workspace that the next block reuses:
     * allocated normally, ND4J frees such arrays only when the garbage collector finds them, and 60,000
     * Fashion-MNIST images drove the process to 23 GB of native memory.
     */
    public static NearestNeighbours of(DenseMatrix pts, int k) {
        return of(pts, k, Progress.NONE);
    }

    /** As {@link #of(DenseMatrix, int)}, reporting and polling for cancellation after each block of 512 rows. */
    public static NearestNeighbours of(DenseMatrix pts, int k, Progress progress) {
        int n = pts.nCells();
        int d = pts.nGenes();
        int kk = Math.min(k, n - 1);
        INDArray x = Nd4j.create(pts.values(), new long[] {n, d}, 'c');
        INDArray sq = x.mul(x).sum(1);
        float[] sqv = sq.toFloatVector();
        int[][] out = new int[n][kk];
        float[][] outD = new float[n][];
        int block = 512;
        float[] dots = new float[Math.min(block, n) * n];
        try {
            for (int from = 0; from < n; from += block) {
                progress.step(from, n, "nearest neighbours of " + n + " cells");
                int to = Math.min(n, from + block);
                if (dots.length != (to - from) * n) {
                    dots = new float[(to - from) * n]; // the last, shorter block
                }
                try (MemoryWorkspace ws = ComputeSettings.stepWorkspace("knn-block")) {
                    INDArray dot = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all())
                            .mmul(x.transpose());
                    HostArrays.read(dot, dots);
                }
                for (int i = from; i < to; i++) {
                    int[] best = out[i];
                    float[] bestD = new float[kk];
                    outD[i] = bestD;
                    java.util.Arrays.fill(bestD, Float.POSITIVE_INFINITY);
                    int off = (i - from) * n;
                    for (int j = 0; j < n; j++) {
                        if (j == i) {
                            continue;
                        }
                        offer(best, bestD, j, Math.max(0f, sqv[i] + sqv[j] - 2 * dots[off + j])); // rounding can go below 0
                    }
                }
            }
        } finally {
            ComputeSettings.releaseWorkspace("knn-block"); // ~1.5 x 512 x n floats that a long-lived (KNIME) thread would keep
        }
        progress.report(1, "nearest neighbours of " + n + " cells");
        return new NearestNeighbours(out, outD);
    }


    /**
     * Keeps the {@code best.length} nearest candidates seen so far, nearest first: {@code j} at {@code dist} takes its place
     * when it is nearer than the farthest kept ({@code bestD} starts as +infinity).
     */
    public static void offer(int[] best, float[] bestD, int j, float dist) {
        int last = best.length - 1;
        if (!(dist < bestD[last])) {
            return;
        }
        int p = last;
        while (p > 0 && bestD[p - 1] > dist) {
            bestD[p] = bestD[p - 1];
            best[p] = best[p - 1];
            p--;
        }
        bestD[p] = dist;
        best[p] = j;
    }

    /** The share of these (exact) neighbours that {@code other} lists hold too: the recall of an approximate search. */
    public double recallOf(NearestNeighbours other) {
        long hit = 0;
        long all = 0;
        for (int i = 0; i < index.length; i++) {
            java.util.Set<Integer> found = new java.util.HashSet<>();
            for (int j : other.index[i]) {
                found.add(j);
            }
            for (int j : index[i]) {
                hit += found.contains(j) ? 1 : 0;
                all++;
            }
        }
        return all == 0 ? Double.NaN : (double) hit / all;
    }
}
