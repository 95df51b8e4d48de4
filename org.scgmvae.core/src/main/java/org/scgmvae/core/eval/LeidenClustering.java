package org.scgmvae.core.eval;

import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.task.Progress;

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
        return cluster(cells, Progress.NONE);
    }

    /** As {@link #cluster(ExpressionMatrix)}: the graph takes the first 70% of the progress, Leiden's iterations the rest. */
    public int[] cluster(ExpressionMatrix cells, Progress progress) {
        return leiden(graph(cells, progress.sub(0, 0.7)), resolution, progress.sub(0.7, 1));
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
        return clusterInto(cells, clusters, Progress.NONE);
    }

    /** As {@link #clusterInto(ExpressionMatrix, int)}: the graph takes the first half of the progress, the bisection the rest. */
    public int[] clusterInto(ExpressionMatrix cells, int clusters, Progress progress) {
        if (clusters < 1 || clusters > cells.nCells()) {
            throw new IllegalArgumentException("cannot split " + cells.nCells() + " cells into " + clusters + " clusters");
        }
        Network network = graph(cells, progress.sub(0, 0.5));
        Progress search = progress.sub(0.5, 1);
        if (network.identifyComponents().getNClusters() > clusters) {
            // parts of the graph that share no edge are never merged, so no resolution reaches the target: the partition the
            // search would end with, at once (a million resampled cells fall into thousands of parts: ~25 Leiden runs saved)
            return leiden(network, MIN_RESOLUTION, search);
        }
        double lo = Math.log(MIN_RESOLUTION);
        double hi = Math.log(MAX_RESOLUTION);
        double r = Math.min(MAX_RESOLUTION, Math.max(MIN_RESOLUTION, resolution > 0 ? resolution : 1));
        int[] fewer = null; // the most clusters found below the target
        int[] more = null; // the fewest found above it
        for (int i = 0; i < MAX_TRIES && hi - lo > 1e-6; i++) {
            search.step(i, MAX_TRIES, "Leiden: resolution for " + clusters + " clusters");
            int[] c = leiden(network, r, Progress.cancelledBy(search));
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
            int[] lowest = leiden(network, MIN_RESOLUTION, Progress.cancelledBy(search)); // the fewest clusters this graph allows
            return count(lowest) < count(more) ? lowest : more;
        }
        return fewer;
    }

    /** {@link #clusterInto} when {@code clusters} > 0, else {@link #cluster} at this record's resolution. */
    public int[] cluster(ExpressionMatrix cells, int clusters) {
        return cluster(cells, clusters, Progress.NONE);
    }

    public int[] cluster(ExpressionMatrix cells, int clusters, Progress progress) {
        int[] out = clusters > 0 ? clusterInto(cells, clusters, progress) : cluster(cells, progress);
        progress.report(1, "Leiden: " + count(out) + " clusters");
        return out;
    }

    /**
     * The clusters as categories in the order the cells first show them: the order in which guided training gives the
     * clusters their components (kept so that a seed trains the same model as before the column below was ordered).
     */
    public static CategoricalColumn columnInOrderOfAppearance(int[] clusters) {
        return CategoricalColumn.fromStrings(java.util.Arrays.stream(clusters).mapToObj(c -> c < 0 ? null : Integer.toString(c))
                .toArray(String[]::new));
    }

    /**
     * A partition as an annotation column whose categories are the cluster numbers in order ("0", "1", ..., as scanpy's
     * leiden column), so that legends and colours follow the numbers; -1 is a missing value.
     */
    public static CategoricalColumn column(int[] clusters) {
        int n = count(clusters);
        java.util.List<String> names = java.util.stream.IntStream.range(0, n).mapToObj(Integer::toString).toList();
        return new CategoricalColumn(java.util.Arrays.stream(clusters).map(c -> c < 0 ? -1 : c).toArray(), names, false);
    }

    /** Number of clusters in a partition numbered 0..n-1. */
    public static int count(int[] clusters) {
        return java.util.Arrays.stream(clusters).max().orElse(-1) + 1;
    }

    /** Above this many cells the kNN graph comes from NN-descent ({@link NearestNeighbours#graph}). */
    public static final int EXACT_NEIGHBOURS_MAX_CELLS = NearestNeighbours.EXACT_MAX_CELLS;

    /** The kNN graph of the cells in PCA space: exact up to {@link #EXACT_NEIGHBOURS_MAX_CELLS} cells, NN-descent above. */
    private Network graph(ExpressionMatrix cells, Progress progress) {
        progress.step(0, 1, "PCA of " + cells.nCells() + " cells");
        DenseMatrix pc = Pca.scores(cells, pcs);
        NearestNeighbours nn = NearestNeighbours.graph(pc, neighbours, seed, progress.sub(0.2, 1));
        return network(nn.index());
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

    private int[] leiden(Network network, double r, Progress progress) {
        int n = network.getNNodes();
        // modularity = CPM on degree-weighted nodes with resolution / (2m)
        double res = r / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
        // one iteration per call, as the library's own loop does, so that cancellation is polled between iterations
        LeidenAlgorithm alg = new LeidenAlgorithm(res, 1, LeidenAlgorithm.DEFAULT_RANDOMNESS, new Random(seed));
        Clustering c = new Clustering(n);
        boolean improved = true;
        for (int i = 0; iterations > 0 ? i < iterations : improved; i++) {
            progress.step(i, Math.max(iterations, i + 1), "Leiden iteration " + (i + 1));
            improved = alg.improveClustering(network, c);
        }
        progress.report(1, "Leiden");
        c.orderClustersByNNodes();
        return c.getClusters();
    }
}
