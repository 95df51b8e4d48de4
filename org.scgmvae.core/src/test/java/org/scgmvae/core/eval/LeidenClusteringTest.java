package org.scgmvae.core.eval;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.PreprocessConfig;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeidenClusteringTest {

    @Test
    void theColumnsCategoriesAreTheClusterNumbersInOrder() {
        // as the cells show them: 1, 4, 6, ... (the order guided training keeps); the column lists 0..7 as scanpy does
        int[] clusters = {1, 4, 6, 5, 2, 0, 3, 7, -1, 1};
        org.scgmvae.core.data.CategoricalColumn c = LeidenClustering.column(clusters);
        assertEquals(java.util.List.of("0", "1", "2", "3", "4", "5", "6", "7"), c.categories());
        for (int i = 0; i < clusters.length; i++) {
            assertEquals(clusters[i] < 0 ? null : Integer.toString(clusters[i]), c.stringValue(i));
        }
        assertEquals(java.util.List.of("1", "4", "6", "5", "2", "0", "3", "7"), LeidenClustering.columnInOrderOfAppearance(clusters).categories());
    }

    @Test
    void pcaFindsTheDirectionsOfLargestVariance() {
        // points spread along (1, 1, 0) with sd 5 and along (0, 0, 1) with sd 1
        Random r = new Random(1);
        int n = 500;
        float[] v = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian() * 5;
            double b = r.nextGaussian();
            v[i * 3] = (float) (a / Math.sqrt(2) + 10);
            v[i * 3 + 1] = (float) (a / Math.sqrt(2) - 3);
            v[i * 3 + 2] = (float) b;
        }
        DenseMatrix s = Pca.scores(new DenseMatrix(n, 3, v), 2);
        assertEquals(2, s.nGenes());
        double v1 = 0;
        double v2 = 0;
        for (int i = 0; i < n; i++) {
            v1 += s.get(i, 0) * s.get(i, 0);
            v2 += s.get(i, 1) * s.get(i, 1);
        }
        assertEquals(25, v1 / (n - 1), 3, "variance of PC1");
        assertEquals(1, v2 / (n - 1), 0.2, "variance of PC2");
    }

    @Test
    void nearestNeighboursAreExact() {
        DenseMatrix pts = DenseMatrix.of(new float[][] {{0}, {1}, {3}, {7}, {7.5f}});
        int[][] knn = NearestNeighbours.of(pts, 2).index();
        assertArrayEquals(new int[] {1, 2}, knn[0]);
        assertArrayEquals(new int[] {0, 2}, knn[1]);
        assertArrayEquals(new int[] {4, 2}, knn[3]);
    }

    @Test
    void nearestNeighboursAreExactAcrossProductBlocks() {
        // 1,100 points: two full 512-row blocks and a short last one, each in a reused workspace
        Random r = new Random(3);
        int n = 1100;
        float[][] pts = new float[n][3];
        for (float[] p : pts) {
            for (int d = 0; d < 3; d++) {
                p[d] = (float) r.nextGaussian();
            }
        }
        int[][] knn = NearestNeighbours.of(DenseMatrix.of(pts), 4).index();
        for (int i : new int[] {0, 511, 512, 1023, 1024, n - 1}) {
            final int row = i;
            int[] expected = java.util.stream.IntStream.range(0, n).filter(j -> j != row).boxed()
                    .sorted(java.util.Comparator.comparingDouble(j -> dist2(pts[row], pts[j]))).limit(4).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, knn[i], "row " + i);
        }
    }

    private static double dist2(float[] a, float[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += (a[d] - b[d]) * (a[d] - b[d]);
        }
        return s;
    }

    @Test
    void leidenRecoversWellSeparatedBlobs() {
        AnnData blobs = ToyBlobs.generate(6, 1, 16, 80, 6.0, 0, 0.5, 3);
        int[] clusters = new LeidenClustering(10, 15, 1.0, 10, 0).cluster(blobs.x());
        int[] truth = blobs.obs().categorical("cell_type").codes();
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(clusters, truth), 1e-9);
    }

    @Test
    void clusterIntoFindsTheResolutionForAGivenNumberOfClusters() {
        // 8 overlapping blobs: one connected kNN graph, so any number of clusters can be reached
        AnnData cells = ToyBlobs.generate(8, 1, 16, 60, 0.4, 0, 0.5, 5);
        LeidenClustering leiden = new LeidenClustering(10, 15, 1.0, 10, 0);
        int atDefault = LeidenClustering.count(leiden.cluster(cells.x()));
        assertTrue(atDefault > 4, "clusters at resolution 1: " + atDefault);
        for (int want : new int[] {3, atDefault - 1, atDefault + 4}) {
            assertEquals(want, LeidenClustering.count(leiden.clusterInto(cells.x(), want)), "clusters asked for: " + want);
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> leiden.clusterInto(cells.x(), 0));
        assertEquals("cannot split " + cells.nCells() + " cells into 0 clusters", e.getMessage());
    }

    @Test
    void clusterIntoNeverMergesUnconnectedGroups() {
        // 8 far-apart blobs: no kNN edge between them, so no resolution gives fewer than 8 clusters; the partition at the lowest resolution comes back
        AnnData blobs = ToyBlobs.generate(8, 1, 16, 60, 6.0, 0, 0.5, 5);
        java.util.List<String> messages = new java.util.ArrayList<>();
        int[] c = new LeidenClustering(10, 15, 1.0, 10, 0).clusterInto(blobs.x(), 4,
                Progress.of((f, m) -> messages.add(m), org.scgmvae.core.task.CancellationToken.NEVER));
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(c, blobs.obs().categorical("cell_type").codes()), 1e-9);
        assertTrue(messages.stream().noneMatch(m -> m.startsWith("Leiden: resolution for")),
                "8 unconnected parts for 4 clusters: no resolution searched for, " + messages);
        // asking for 9: a ninth cluster or, failing that, the 8 blobs - never a partition with more than asked for
        int nine = LeidenClustering.count(new LeidenClustering(10, 15, 1.0, 10, 0).clusterInto(blobs.x(), 9));
        assertTrue(nine == 8 || nine == 9, "clusters for 9 asked: " + nine);
    }

    @Test
    void leidenOnSimulatedCountsMatchesCellTypes() {
        AnnData cells = SimulatedCounts.generate(SimulatedCounts.Spec.defaults());
        AnnData x = FittedPreprocessing.fit(cells, PreprocessConfig.defaults()).transformed();
        int[] clusters = LeidenClustering.defaults().cluster(x.x());
        int[] truth = x.obs().categorical("cell_type").codes();
        double acc = ClusteringMetrics.majorityAccuracy(clusters, truth);
        assertTrue(acc > 0.95, "Leiden majority accuracy " + acc);
    }
}
