package org.scgmvae.core.eval;

import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.model.ComputeSettings;
import org.scgmvae.core.model.HostArrays;

import java.util.Random;

/**
 * The standard single-cell clustering baseline: PCA, a k-nearest-neighbour graph (Euclidean, in
 * PCA space, made symmetric, unweighted) and Leiden community detection maximising modularity
 * (CWTS networkanalysis, the reference implementation). Also the source of labels for guided
 * training. scanpy weights its graph with UMAP connectivities; the plain kNN graph here gives
 * comparable partitions at resolution ~1 and has no further parameters.
 *
 * @param pcs        principal components (scanpy default 50)
 * @param neighbours k of the kNN graph (scanpy default 15)
 * @param resolution modularity resolution (1 = standard modularity)
 * @param iterations Leiden iterations (0 or negative: until the partition no longer improves)
 * @param seed       random seed of Leiden
 */
public record LeidenClustering(int pcs, int neighbours, double resolution, int iterations, long seed) {

    /** Lowest and highest resolution {@link #clusterInto} tries. */
    private static final double MIN_RESOLUTION = 1e-3;
    private static final double MAX_RESOLUTION = 1e3;
    private static final int MAX_TRIES = 30;

    public static LeidenClustering defaults() {
        return new LeidenClustering(50, 15, 1.0, 10, 0);
    }

    /** Cluster index per cell, clusters numbered by decreasing size. */
    public int[] cluster(ExpressionMatrix cells) {
        return leiden(graph(cells), resolution);
    }

    /**
     * Like {@link #cluster}, with the resolution chosen so that there are exactly {@code clusters} clusters
     * (e.g. K components for guided training): the graph is built once, then the resolution is bisected on a
     * log scale from this record's resolution, since the number of clusters grows with it. Where no resolution
     * gives exactly that many (clusters can appear in steps of more than one), the largest partition found
     * with fewer clusters is returned, and only if there is none, Leiden's partition at the lowest resolution tried
     * (parts of the graph that share no edge are never merged, so no resolution goes below their number).
     */
    public int[] clusterInto(ExpressionMatrix cells, int clusters) {
        if (clusters < 1 || clusters > cells.nCells()) {
            throw new IllegalArgumentException("cannot split " + cells.nCells() + " cells into " + clusters + " clusters");
        }
        Network network = graph(cells);
        double lo = Math.log(MIN_RESOLUTION);
        double hi = Math.log(MAX_RESOLUTION);
        double r = Math.min(MAX_RESOLUTION, Math.max(MIN_RESOLUTION, resolution > 0 ? resolution : 1));
        int[] fewer = null; // the most clusters found below the target
        int[] more = null; // the fewest found above it
        for (int i = 0; i < MAX_TRIES && hi - lo > 1e-6; i++) {
            int[] c = leiden(network, r);
            int n = count(c);
            if (n == clusters) {
                return c;
            }
            if (n < clusters) {
                fewer = fewer == null || n > count(fewer) ? c : fewer;
                lo = Math.log(r);
            } else {
                more = more == null || n < count(more) ? c : more;
                hi = Math.log(r);
            }
            r = Math.exp((lo + hi) / 2);
        }
        if (fewer == null) {
            int[] lowest = leiden(network, MIN_RESOLUTION); // the fewest clusters this graph allows
            return count(lowest) < count(more) ? lowest : more;
        }
        return fewer;
    }

    /** {@link #clusterInto} when {@code clusters} > 0, else {@link #cluster} at this record's resolution. */
    public int[] cluster(ExpressionMatrix cells, int clusters) {
        return clusters > 0 ? clusterInto(cells, clusters) : cluster(cells);
    }

    /** A partition as an annotation column whose categories are the cluster numbers ("0", "1", ...). */
    public static CategoricalColumn column(int[] clusters) {
        return CategoricalColumn.fromStrings(java.util.Arrays.stream(clusters).mapToObj(Integer::toString).toArray(String[]::new));
    }

    /** Number of clusters in a partition numbered 0..n-1. */
    public static int count(int[] clusters) {
        return java.util.Arrays.stream(clusters).max().orElse(-1) + 1;
    }

    /** The kNN graph of the cells in PCA space. */
    private Network graph(ExpressionMatrix cells) {
        DenseMatrix pc = Pca.scores(cells, pcs);
        return network(nearestNeighbours(pc, neighbours));
    }

    /**
     * The {@code k} nearest other rows of each row (brute force in blocks of BLAS products). Each block's
     * product (512 x n values: 123 MB for 60,000 cells) lives in a workspace that the next block reuses:
     * allocated normally, ND4J frees such arrays only when the garbage collector finds them, and 60,000
     * Fashion-MNIST images drove the process to 23 GB of native memory.
     */
    static int[][] nearestNeighbours(DenseMatrix pts, int k) {
        int n = pts.nCells();
        int d = pts.nGenes();
        int kk = Math.min(k, n - 1);
        INDArray x = Nd4j.create(pts.values(), new long[] {n, d}, 'c');
        INDArray sq = x.mul(x).sum(1);
        float[] sqv = sq.toFloatVector();
        int[][] out = new int[n][kk];
        int block = 512;
        float[] dots = new float[Math.min(block, n) * n];
        try {
            for (int from = 0; from < n; from += block) {
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
                    java.util.Arrays.fill(bestD, Float.POSITIVE_INFINITY);
                    int off = (i - from) * n;
                    for (int j = 0; j < n; j++) {
                        if (j == i) {
                            continue;
                        }
                        float dist = sqv[i] + sqv[j] - 2 * dots[off + j];
                        if (dist < bestD[kk - 1]) {
                            int p = kk - 1;
                            while (p > 0 && bestD[p - 1] > dist) {
                                bestD[p] = bestD[p - 1];
                                best[p] = best[p - 1];
                                p--;
                            }
                            bestD[p] = dist;
                            best[p] = j;
                        }
                    }
                }
            }
        } finally {
            ComputeSettings.releaseWorkspace("knn-block"); // ~1.5 x 512 x n floats that a long-lived (KNIME) thread would keep
        }
        return out;
    }

    /** Symmetric, unweighted graph of the kNN lists. */
    private static Network network(int[][] knn) {
        int n = knn.length;
        // both directions of every undirected edge, sorted by (from, to) and without duplicates
        long[] codes = new long[2 * n * knn[0].length];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j : knn[i]) {
                codes[m++] = (long) i * n + j;
                codes[m++] = (long) j * n + i;
            }
        }
        long[] unique = java.util.Arrays.stream(codes, 0, m).sorted().distinct().toArray();
        LargeIntArray[] e = {new LargeIntArray(unique.length), new LargeIntArray(unique.length)};
        for (int idx = 0; idx < unique.length; idx++) {
            e[0].set(idx, (int) (unique[idx] / n));
            e[1].set(idx, (int) (unique[idx] % n));
        }
        LargeDoubleArray w = new LargeDoubleArray(unique.length, 1.0);
        return new Network(n, true, e, w, true, true);
    }

    private int[] leiden(Network network, double r) {
        int n = network.getNNodes();
        // modularity = CPM on degree-weighted nodes with resolution / (2m)
        double res = r / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
        LeidenAlgorithm alg = new LeidenAlgorithm(res, iterations, LeidenAlgorithm.DEFAULT_RANDOMNESS, new Random(seed));
        Clustering c = new Clustering(n);
        alg.improveClustering(network, c);
        c.orderClustersByNNodes();
        return c.getClusters();
    }
}
