package org.scgmvae.core.eval;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.task.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NN-descent finds nearly every true neighbour, in the exact search's format, and the same ones for the same seed. */
class ApproximateNeighboursTest {

    @Test
    void clusteredPointsRecallAndDeterminism() {
        Random rnd = new Random(3);
        int n = 4000;
        int d = 20;
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            int cluster = i % 8;
            for (int t = 0; t < d; t++) {
                v[i * d + t] = (float) (rnd.nextGaussian() + (t == cluster ? 6 : 0));
            }
        }
        DenseMatrix pts = new DenseMatrix(n, d, v);
        NearestNeighbours exact = NearestNeighbours.of(pts, 15);
        NearestNeighbours a = ApproximateNeighbours.of(pts, 15, 42, Progress.NONE);
        double r = exact.recallOf(a);
        assertTrue(r > 0.95, "recall " + r);
        for (int i = 0; i < n; i++) {
            for (int s = 1; s < 15; s++) {
                assertTrue(a.squaredDistance()[i][s - 1] <= a.squaredDistance()[i][s], "sorted, nearest first");
            }
            for (int j : a.index()[i]) {
                assertTrue(j != i && j >= 0, "other cells only");
            }
        }
        NearestNeighbours again = ApproximateNeighbours.of(pts, 15, 42, Progress.NONE);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(a.index()[i], again.index()[i], "the same seed, the same lists");
        }
        // the graph of Leiden and UMAP: below the switch it is the exact search
        assertTrue(n <= NearestNeighbours.EXACT_MAX_CELLS);
        NearestNeighbours graph = NearestNeighbours.graph(pts, 15, 42, Progress.NONE);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(exact.index()[i], graph.index()[i]);
        }
    }

    @Test
    void realCellsInPcaSpace() throws Exception {
        Path kang = Path.of(System.getProperty("scgmvae.sharedData", "../shared/data")).resolve("kang_ctrl_muscat.h5ad");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(kang), "the real data set " + kang + " is not present");
        AnnData cells = new H5adReader().read(kang);
        AnnData pre = FittedPreprocessing.fit(cells, InputKind.AUTO.resolve(cells, InputKind.DEFAULT_TOP_GENES).config()).transformed();
        DenseMatrix pc = Pca.scores(pre.x(), 50);
        double r = NearestNeighbours.of(pc, 15).recallOf(ApproximateNeighbours.of(pc, 15, 0, Progress.NONE));
        assertTrue(r > 0.9, "recall on 12,261 Kang cells, 50 PCs: " + r);
    }
}
