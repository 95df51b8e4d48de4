package org.scgmvae.core.embed;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.eval.NearestNeighbours;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.task.CancelledException;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UMAP checked against properties known from the paper and umap-learn, not against stored coordinates. */
class UmapTest {

    @Test
    void curveMatchesUmapLearnsFittedParameters() {
        // umap-learn's find_ab_params: (0.1, 1) -> a 1.577, b 0.895; (0.5, 1) -> a 0.583, b 1.334
        UmapCurve c1 = UmapCurve.fit(0.1, 1.0);
        assertEquals(1.577, c1.a(), 0.01);
        assertEquals(0.895, c1.b(), 0.005);
        UmapCurve c5 = UmapCurve.fit(0.5, 1.0);
        assertEquals(0.583, c5.a(), 0.01);
        assertEquals(1.334, c5.b(), 0.005);
        assertThrows(IllegalArgumentException.class, () -> UmapCurve.fit(2, 1));
    }

    @Test
    void membershipsSumToLog2OfNeighbourhoodAndNearestIsOne() {
        DenseMatrix pts = blobs(3, 40, 8, 20, new Random(1)).points;
        NearestNeighbours knn = NearestNeighbours.of(pts, 10);
        float[][] w = FuzzyGraph.memberships(knn);
        for (float[] row : w) {
            double sum = 0;
            for (float v : row) {
                sum += v;
            }
            assertEquals(Math.log(11) / Math.log(2), sum, 1e-3);
            assertEquals(1f, row[0], 1e-6f);
        }
        FuzzyGraph g = FuzzyGraph.of(knn);
        // symmetric: every directed edge has its reverse with the same weight, none above 1
        Set<String> edges = new HashSet<>();
        for (int e = 0; e < g.heads().length; e++) {
            edges.add(g.heads()[e] + ">" + g.tails()[e] + "=" + g.weights()[e]);
            assertTrue(g.weights()[e] > 0 && g.weights()[e] <= 1);
        }
        for (int e = 0; e < g.heads().length; e++) {
            assertTrue(edges.contains(g.tails()[e] + ">" + g.heads()[e] + "=" + g.weights()[e]));
        }
    }

    @Test
    void separatedBlobsStayApartAndNeighboursAreKept() {
        Blobs b = blobs(5, 80, 10, 12, new Random(7));
        DenseMatrix y = Umap.defaults().embed(b.points, CancellationToken.NEVER);
        assertEquals(400, y.nCells());
        assertEquals(2, y.nGenes());
        // each cell's 10 nearest cells in the picture belong to its own blob
        NearestNeighbours low = NearestNeighbours.of(y, 10);
        int same = 0;
        for (int i = 0; i < 400; i++) {
            for (int j : low.index()[i]) {
                same += b.blob[i] == b.blob[j] ? 1 : 0;
            }
        }
        assertTrue(same / 4000.0 > 0.99, "share of 2-D neighbours in the own blob: " + same / 4000.0);
        // and the blobs are apart: every blob's 2-D centre is further from the others' than its cells' spread
        double[][] centre = new double[5][2];
        for (int i = 0; i < 400; i++) {
            centre[b.blob[i]][0] += y.get(i, 0) / 80;
            centre[b.blob[i]][1] += y.get(i, 1) / 80;
        }
        double[] spread = new double[5];
        for (int i = 0; i < 400; i++) {
            spread[b.blob[i]] = Math.max(spread[b.blob[i]], Math.hypot(y.get(i, 0) - centre[b.blob[i]][0], y.get(i, 1) - centre[b.blob[i]][1]));
        }
        for (int p = 0; p < 5; p++) {
            for (int q = p + 1; q < 5; q++) {
                double d = Math.hypot(centre[p][0] - centre[q][0], centre[p][1] - centre[q][1]);
                assertTrue(d > spread[p] + spread[q], "blobs " + p + " and " + q + " overlap: centres " + d + " apart, radii " + spread[p] + ", " + spread[q]);
            }
        }
    }

    @Test
    void aCurveKeepsItsLocalNeighbourhoods() {
        // a noisy helix in 10-D: high-dimensional neighbours should be neighbours in the picture too
        int n = 300;
        Random r = new Random(3);
        float[][] pts = new float[n][10];
        for (int i = 0; i < n; i++) {
            double t = 4 * Math.PI * i / n;
            pts[i][0] = (float) Math.cos(t);
            pts[i][1] = (float) Math.sin(t);
            pts[i][2] = (float) (t / 4);
            for (int d = 3; d < 10; d++) {
                pts[i][d] = (float) (0.01 * r.nextGaussian());
            }
        }
        DenseMatrix x = DenseMatrix.of(pts);
        DenseMatrix y = Umap.defaults().embed(x, CancellationToken.NEVER);
        double kept = neighbourOverlap(x, y, 10);
        assertTrue(kept > 0.6, "share of 10 nearest neighbours kept: " + kept);
        // a random layout keeps about 10/300 of them
        float[] shuffled = y.values().clone();
        java.util.List<Integer> perm = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            perm.add(i);
        }
        java.util.Collections.shuffle(perm, new Random(1));
        float[] permuted = new float[2 * n];
        for (int i = 0; i < n; i++) {
            permuted[2 * i] = shuffled[2 * perm.get(i)];
            permuted[2 * i + 1] = shuffled[2 * perm.get(i) + 1];
        }
        assertTrue(neighbourOverlap(x, new DenseMatrix(n, 2, permuted), 10) < 0.15);
    }

    @Test
    void sameSeedSameCoordinatesOtherSeedOthers() {
        DenseMatrix pts = blobs(3, 50, 6, 8, new Random(11)).points;
        Umap u = new Umap(10, 0.5, 1, 100, 5, 42);
        DenseMatrix a = u.embed(pts, CancellationToken.NEVER);
        DenseMatrix b = u.embed(pts, CancellationToken.NEVER);
        assertArrayEquals(a.values(), b.values());
        assertFalse(java.util.Arrays.equals(a.values(), u.withSeed(43).embed(pts, CancellationToken.NEVER).values()));
    }

    @Test
    void cancelsAndRefusesTooFewCells() {
        DenseMatrix pts = blobs(2, 30, 4, 8, new Random(2)).points;
        assertThrows(CancelledException.class, () -> Umap.defaults().embed(pts, () -> true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Umap.defaults().embed(DenseMatrix.of(new float[][] {{1, 2}, {3, 4}}), CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("at least 3 cells"), e.getMessage());
    }

    private static double neighbourOverlap(DenseMatrix x, DenseMatrix y, int k) {
        NearestNeighbours hi = NearestNeighbours.of(x, k);
        NearestNeighbours lo = NearestNeighbours.of(y, k);
        int kept = 0;
        for (int i = 0; i < x.nCells(); i++) {
            Set<Integer> h = new HashSet<>();
            for (int j : hi.index()[i]) {
                h.add(j);
            }
            for (int j : lo.index()[i]) {
                kept += h.contains(j) ? 1 : 0;
            }
        }
        return kept / (double) (k * x.nCells());
    }

    private record Blobs(DenseMatrix points, int[] blob) {
    }

    /** {@code count} unit-variance Gaussian blobs of {@code size} points in {@code dims} dimensions, centres {@code gap} apart per axis. */
    static Blobs blobs(int count, int size, int dims, double gap, Random r) {
        float[][] pts = new float[count * size][dims];
        int[] blob = new int[count * size];
        for (int c = 0; c < count; c++) {
            double[] centre = new double[dims];
            for (int d = 0; d < dims; d++) {
                centre[d] = gap * r.nextGaussian();
            }
            for (int s = 0; s < size; s++) {
                int i = c * size + s;
                blob[i] = c;
                for (int d = 0; d < dims; d++) {
                    pts[i][d] = (float) (centre[d] + r.nextGaussian());
                }
            }
        }
        return new Blobs(DenseMatrix.of(pts), blob);
    }
}
