package org.scgmvae.core.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusteringMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void contingencyTableCountsPairsAndIgnoresMissingLabels() {
        int[] pred = {0, 0, 1, 1, 2, -1};
        int[] truth = {1, 1, 0, -1, 0, 0};
        ContingencyTable t = new ContingencyTable(pred, truth);
        assertEquals(3, t.nPredicted());
        assertEquals(2, t.nTrue());
        assertEquals(4, t.total());
        assertArrayEquals(new long[] {0, 2}, t.counts()[0]);
        assertArrayEquals(new long[] {1, 0}, t.counts()[1]);
        assertArrayEquals(new long[] {1, 0}, t.counts()[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ContingencyTable(new int[] {0, 1}, new int[] {0}));
        assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ContingencyTable(new int[] {-1}, new int[] {0}));
    }

    @Test
    void majorityAndHungarianDifferWhenTwoClustersMapToOneClass() {
        // Clusters 0 and 1 both consist of class-0 cells, cluster 2 of class-1 cells.
        int[] pred = {0, 0, 1, 1, 2, 2};
        int[] truth = {0, 0, 0, 0, 1, 1};
        assertArrayEquals(new int[] {0, 0, 1}, ClusteringMetrics.majorityMapping(new ContingencyTable(pred, truth)));
        // Majority: every cluster takes its own majority class -> all 6 correct.
        assertEquals(1.0, ClusteringMetrics.majorityAccuracy(pred, truth), EPS);
        // One-to-one: only one of clusters 0/1 can be class 0 -> 2 + 2 correct of 6.
        assertEquals(4.0 / 6.0, ClusteringMetrics.hungarianAccuracy(pred, truth), EPS);
    }

    @Test
    void accuraciesOnMixedClusters() {
        // cluster 0: 3x class0, 1x class1; cluster 1: 2x class1, 1x class2; cluster 2: 2x class2, 1x class0
        int[] pred = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] truth = {0, 0, 0, 1, 1, 1, 2, 2, 2, 0};
        assertEquals(7.0 / 10.0, ClusteringMetrics.majorityAccuracy(pred, truth), EPS);
        assertEquals(7.0 / 10.0, ClusteringMetrics.hungarianAccuracy(pred, truth), EPS);
        // Relabelling the clusters changes nothing.
        int[] perm = {2, 0, 1};
        int[] relabelled = new int[pred.length];
        for (int i = 0; i < pred.length; i++) {
            relabelled[i] = perm[pred[i]];
        }
        assertEquals(0.7, ClusteringMetrics.hungarianAccuracy(relabelled, truth), EPS);
        // Missing labels (-1) are ignored: add two cells without truth that would otherwise be wrong.
        int[] pred2 = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1};
        int[] truth2 = {0, 0, 0, 1, 1, 1, 2, 2, 2, 0, -1, -1};
        assertEquals(0.7, ClusteringMetrics.majorityAccuracy(pred2, truth2), EPS);
    }

    @Test
    void manyClustersAgainstFewClassesAreCheap() {
        // 8 classes of 1,000 cells; each class has one cluster of 600 cells, the other 400 cells are singletons: 3,208 clusters
        int[] truth = new int[8000];
        int[] pred = new int[8000];
        int next = 8;
        for (int i = 0; i < 8000; i++) {
            truth[i] = i / 1000;
            pred[i] = i % 1000 < 600 ? truth[i] : next++;
        }
        double acc = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> ClusteringMetrics.hungarianAccuracy(pred, truth), "one-to-one accuracy of 3,208 clusters (was O(n^3) on a padded square)");
        assertEquals(8 * 600 / 8000.0, acc, EPS);
    }

    @Test
    void hungarianMatchesBruteForceOnRandomTables() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int k = 1 + rnd.nextInt(5);
            int c = 1 + rnd.nextInt(5);
            int n = 5 + rnd.nextInt(40);
            int[] pred = new int[n];
            int[] truth = new int[n];
            for (int i = 0; i < n; i++) {
                pred[i] = rnd.nextInt(k);
                truth[i] = rnd.nextInt(c);
            }
            ContingencyTable t = new ContingencyTable(pred, truth);
            long best = bruteForceBest(t.counts(), t.nTrue(), 0, new boolean[Math.max(t.nTrue(), 1)]);
            assertEquals((double) best / t.total(), ClusteringMetrics.hungarianAccuracy(pred, truth), EPS,
                    "trial " + trial);
            assertTrue(ClusteringMetrics.hungarianAccuracy(pred, truth) <= ClusteringMetrics.majorityAccuracy(pred, truth) + EPS);
        }
    }

    /** Best one-to-one matching by enumerating every injective cluster -> class map (clusters may stay unmatched). */
    private static long bruteForceBest(long[][] counts, int nTrue, int row, boolean[] used) {
        if (row == counts.length) {
            return 0;
        }
        long best = bruteForceBest(counts, nTrue, row + 1, used); // leave this cluster unmatched
        for (int c = 0; c < nTrue; c++) {
            if (!used[c]) {
                used[c] = true;
                best = Math.max(best, counts[row][c] + bruteForceBest(counts, nTrue, row + 1, used));
                used[c] = false;
            }
        }
        return best;
    }

    @Test
    void adjustedRandIndexIsOneForIdenticalPartitionsUpToRelabelling() {
        int[] a = {0, 0, 1, 1, 2, 2, 2};
        int[] b = {5, 5, 3, 3, 0, 0, 0};
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(a, b), EPS);
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(b, a), EPS);
        // Both partitions a single cluster: defined as 1 (scikit-learn's convention).
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(new int[] {0, 0, 0}, new int[] {1, 1, 1}), EPS);
        // Every cell its own cluster on both sides: 1 as well.
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(new int[] {0, 1, 2}, new int[] {2, 0, 1}), EPS);
        // A single labelled cell has no pairs: scikit-learn returns 1, not NaN.
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(new int[] {3, 1}, new int[] {0, -1}), EPS);
        // Two cells, split by one partition only: 0.
        assertEquals(0.0, ClusteringMetrics.adjustedRandIndex(new int[] {0, 1}, new int[] {0, 0}), EPS);
    }

    @Test
    void adjustedRandIndexTextbookExamples() {
        // truth = [0,0,1,1], pred = [0,0,1,2] (scikit-learn's documented example, ARI = 0.57...).
        // Contingency rows (pred) x cols (truth): [2,0],[0,1],[0,1].
        // sum_ij C(n_ij,2) = C(2,2) = 1; row sums 2,1,1 -> sum C(a_i,2) = 1; col sums 2,2 -> sum C(b_j,2) = 2.
        // expected = 1 * 2 / C(4,2) = 2/6 = 1/3; max = (1 + 2) / 2 = 3/2.
        // ARI = (1 - 1/3) / (3/2 - 1/3) = (2/3) / (7/6) = 4/7.
        assertEquals(4.0 / 7.0, ClusteringMetrics.adjustedRandIndex(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}), EPS);

        // Second example, 9 cells:
        // pred  = [0,0,0,1,1,1,2,2,2], truth = [0,0,1,1,1,2,2,2,2]
        // Contingency pred x truth: c0: [2,1,0], c1: [0,2,1], c2: [0,0,3]
        // sum C(n_ij,2) = 1 + 0 + 0 + 0 + 1 + 0 + 0 + 0 + 3 = 5
        // row sums 3,3,3 -> 3 + 3 + 3 = 9; col sums 2,3,4 -> 1 + 3 + 6 = 10; C(9,2) = 36
        // expected = 9 * 10 / 36 = 2.5; max = (9 + 10) / 2 = 9.5
        // ARI = (5 - 2.5) / (9.5 - 2.5) = 2.5 / 7 = 5/14
        int[] pred = {0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] truth = {0, 0, 1, 1, 1, 2, 2, 2, 2};
        assertEquals(5.0 / 14.0, ClusteringMetrics.adjustedRandIndex(pred, truth), EPS);
        assertEquals(5.0 / 14.0, ClusteringMetrics.adjustedRandIndex(truth, pred), EPS);
    }

    @Test
    void adjustedRandIndexCanBeNegative() {
        // pred = [0,1,0,1], truth = [0,0,1,1]: every pair that agrees in one disagrees in the other.
        // sum C(n_ij,2) = 0; rows 2,2 -> 2; cols 2,2 -> 2; expected = 2*2/6 = 2/3; max = 2
        // ARI = (0 - 2/3) / (2 - 2/3) = -1/2
        assertEquals(-0.5, ClusteringMetrics.adjustedRandIndex(new int[] {0, 1, 0, 1}, new int[] {0, 0, 1, 1}), EPS);
    }

    @Test
    void normalizedMutualInformation() {
        assertEquals(1.0, ClusteringMetrics.normalizedMutualInfo(new int[] {0, 0, 1, 1, 2}, new int[] {2, 2, 0, 0, 1}), EPS);
        // Independent: every cluster holds each class equally often -> MI = 0 exactly.
        assertEquals(0.0, ClusteringMetrics.normalizedMutualInfo(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), EPS);
        int[] pred = new int[60];
        int[] truth = new int[60];
        for (int i = 0; i < 60; i++) {
            pred[i] = i % 3;
            truth[i] = (i / 3) % 4;
        }
        assertEquals(0.0, ClusteringMetrics.normalizedMutualInfo(pred, truth), 1e-12);
        // truth [0,0,1,1] (H = ln 2), pred [0,0,1,2] (H = 1.5 ln 2); pred determines truth so MI = ln 2.
        // NMI (arithmetic) = ln2 / ((ln2 + 1.5 ln2) / 2) = 0.8
        assertEquals(0.8, ClusteringMetrics.normalizedMutualInfo(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}), EPS);
        // Random labels: close to 0 but not exactly, and within [0, 1].
        Random rnd = new Random(3);
        int[] p = new int[5000];
        int[] t = new int[5000];
        for (int i = 0; i < p.length; i++) {
            p[i] = rnd.nextInt(4);
            t[i] = rnd.nextInt(4);
        }
        double nmi = ClusteringMetrics.normalizedMutualInfo(p, t);
        assertTrue(nmi >= 0 && nmi < 0.01, "nmi " + nmi);
        assertTrue(Math.abs(ClusteringMetrics.adjustedRandIndex(p, t)) < 0.01);
    }

    @Test
    void perClassRecallUsesTheMapping() {
        int[] pred = {0, 0, 1, 1, 2, 2};
        int[] truth = {0, 0, 0, 1, 1, -1};
        int[] mapping = ClusteringMetrics.majorityMapping(new ContingencyTable(pred, truth));
        // cluster 0 -> 0, cluster 1 -> tie 0/1 resolved to the first class (0), cluster 2 -> 1
        assertArrayEquals(new int[] {0, 0, 1}, mapping);
        double[] recall = ClusteringMetrics.perClassRecall(pred, truth, mapping, 3);
        assertEquals(1.0, recall[0], EPS);
        assertEquals(0.5, recall[1], EPS);
        assertTrue(Double.isNaN(recall[2]));
    }
}
