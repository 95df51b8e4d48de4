package org.scgmvae.bench;

import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.embed.Umap;
import org.scgmvae.core.eval.NearestNeighbours;
import org.scgmvae.core.task.Progress;

import java.util.Locale;
import java.util.Random;

/**
 * Time of the UMAP embedding (as the Latent Encoder node and the report compute it) on N points of 10 Gaussian blobs in 16
 * dimensions, the size of z; with {@code exact}, also the exact 15-NN search alone, which UMAP used at every size before
 * NN-descent took over above {@link NearestNeighbours#EXACT_MAX_CELLS} cells.
 *
 * <p>{@code java -cp scgmvae-bench.jar org.scgmvae.bench.UmapTiming N [exact]}
 */
public final class UmapTiming {

    private UmapTiming() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = 16;
        Random r = new Random(1);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (r.nextGaussian() + (j == i % 10 ? 6 : 0));
            }
        }
        DenseMatrix points = new DenseMatrix(n, d, v);
        long t0 = System.nanoTime();
        Umap.defaults().embed(points, Progress.NONE);
        System.out.printf(Locale.ROOT, "UMAP of %,d points: %.1f s (%s kNN graph)%n", n, (System.nanoTime() - t0) / 1e9,
                n > NearestNeighbours.EXACT_MAX_CELLS ? "NN-descent" : "exact");
        if (args.length > 1 && args[1].equals("exact")) {
            t0 = System.nanoTime();
            NearestNeighbours.of(points, 15, Progress.NONE);
            System.out.printf(Locale.ROOT, "exact 15-NN search alone: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
