package org.scgmvae.bench;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.eval.ApproximateNeighbours;
import org.scgmvae.core.eval.NearestNeighbours;
import org.scgmvae.core.eval.Pca;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.task.Progress;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Exact against approximate (NN-descent) 15 nearest neighbours on 50 PCs of a file's preprocessed cells, the graph under
 * the Leiden baseline: seconds for each and the share of the exact neighbours the approximate lists hold (recall).
 * {@code java -cp scgmvae-bench.jar org.scgmvae.bench.NeighboursBenchmark FILE.h5ad [skip-exact]}
 *
 * <p>{@code ... NeighboursBenchmark sampled FILE.h5ad [SAMPLES]}: for files too large for the exact search, reads the cells on
 * disk, and checks NN-descent against the exact neighbours of a sample of cells only (brute force over all cells). For files
 * written by {@code ScaleBenchmark make} it also says how many of those exact neighbours are copies of the same real cell.
 */
public final class NeighboursBenchmark {

    private NeighboursBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("sampled")) {
            sampled(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 500);
            return;
        }
        AnnData cells = new H5adReader().read(Path.of(args[0]));
        AnnData pre = FittedPreprocessing.fit(cells, InputKind.AUTO.resolve(cells, InputKind.DEFAULT_TOP_GENES).config()).transformed();
        long t0 = System.nanoTime();
        DenseMatrix pc = Pca.scores(pre.x(), 50);
        System.out.printf(Locale.ROOT, "%s: %d cells, PCA 50 in %.1f s%n", Path.of(args[0]).getFileName(), pc.nCells(), (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        NearestNeighbours approx = ApproximateNeighbours.of(pc, 15, 0, Progress.NONE);
        System.out.printf(Locale.ROOT, "  NN-descent 15-NN: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (args.length > 1 && args[1].equals("skip-exact")) {
            return;
        }
        t0 = System.nanoTime();
        NearestNeighbours exact = NearestNeighbours.of(pc, 15);
        System.out.printf(Locale.ROOT, "  exact 15-NN: %.1f s; recall of NN-descent %.4f%n", (System.nanoTime() - t0) / 1e9, exact.recallOf(approx));
    }

    static void sampled(Path file, int samples) throws Exception {
        long t0 = System.nanoTime();
        DenseMatrix pc;
        try (org.scgmvae.core.io.h5ad.H5adCellBlocks blocks = org.scgmvae.core.io.h5ad.H5adCellBlocks.open(file,
                org.scgmvae.core.io.ReadOptions.defaults())) {
            AnnData cells = blocks.onDisk(4096);
            AnnData pre = FittedPreprocessing.fit(cells, InputKind.AUTO.resolve(cells, InputKind.DEFAULT_TOP_GENES).config()).transformed();
            pc = Pca.scores(pre.x(), 50);
        }
        int n = pc.nCells();
        System.out.printf(Locale.ROOT, "%s: %d cells, preprocessing and PCA 50 from disk in %.0f s%n", file.getFileName(), n,
                (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        NearestNeighbours approx = ApproximateNeighbours.of(pc, 15, 0, Progress.NONE);
        System.out.printf(Locale.ROOT, "  NN-descent 15-NN: %.0f s%n", (System.nanoTime() - t0) / 1e9);
        // the source cell of each resampled cell, as ScaleBenchmark.make drew it (Random(42), 12,261 real cells)
        int[] source = new int[n];
        java.util.Random choose = new java.util.Random(42);
        for (int i = 0; i < n; i++) {
            source[i] = choose.nextInt(12_261);
        }
        java.util.Random pick = new java.util.Random(1);
        float[] x = pc.values();
        int d = pc.nGenes();
        long hit = 0;
        long sameSource = 0;
        for (int s = 0; s < samples; s++) {
            int i = pick.nextInt(n);
            int[] best = new int[15];
            float[] bestD = new float[15];
            java.util.Arrays.fill(bestD, Float.POSITIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    float dd = 0;
                    for (int t = 0; t < d; t++) {
                        float diff = x[i * d + t] - x[j * d + t];
                        dd += diff * diff;
                    }
                    NearestNeighbours.offer(best, bestD, j, dd);
                }
            }
            Set<Integer> a = new HashSet<>();
            for (int j : approx.index()[i]) {
                a.add(j);
            }
            for (int j : best) {
                hit += a.contains(j) ? 1 : 0;
                sameSource += source[j] == source[i] ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "  recall of NN-descent on %d sampled cells: %.4f; exact neighbours that are copies of the same"
                + " real cell: %.3f%n", samples, hit / (15.0 * samples), sameSource / (15.0 * samples));
    }
}
