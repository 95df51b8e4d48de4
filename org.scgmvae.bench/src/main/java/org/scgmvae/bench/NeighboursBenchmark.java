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
 */
public final class NeighboursBenchmark {

    private NeighboursBenchmark() {
    }

    public static void main(String[] args) throws Exception {
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
        System.out.printf(Locale.ROOT, "  exact 15-NN: %.1f s; recall of NN-descent %.4f%n", (System.nanoTime() - t0) / 1e9, recall(exact, approx));
    }

    static double recall(NearestNeighbours exact, NearestNeighbours approx) {
        long hit = 0;
        long all = 0;
        for (int i = 0; i < exact.index().length; i++) {
            Set<Integer> a = new HashSet<>();
            for (int j : approx.index()[i]) {
                a.add(j);
            }
            for (int j : exact.index()[i]) {
                hit += a.contains(j) ? 1 : 0;
                all++;
            }
        }
        return (double) hit / all;
    }
}
