package org.scgmvae.core.eval;

import org.junit.jupiter.api.Test;
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
        int[][] knn = LeidenClustering.nearestNeighbours(pts, 2);
        assertArrayEquals(new int[] {1, 2}, knn[0]);
        assertArrayEquals(new int[] {0, 2}, knn[1]);
        assertArrayEquals(new int[] {4, 2}, knn[3]);
    }

    @Test
    void leidenRecoversWellSeparatedBlobs() {
        AnnData blobs = ToyBlobs.generate(6, 1, 16, 80, 6.0, 0, 0.5, 3);
        int[] clusters = new LeidenClustering(10, 15, 1.0, 10, 0).cluster(blobs.x());
        int[] truth = blobs.obs().categorical("cell_type").codes();
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(clusters, truth), 1e-9);
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
