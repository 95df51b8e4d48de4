package org.scgmvae.core.train;

import org.scgmvae.core.data.CellSample;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.eval.LeidenClustering;
import org.scgmvae.core.task.Progress;

import java.util.Arrays;

/**
 * Leiden's clusters as the guide of guided training. Up to {@code maxCells} cells every cell is clustered. Above it, a
 * seeded sample of {@code maxCells} cells is read once, in file order, into memory and clustered, and the other cells stay
 * unlabelled (-1): the guided phase is then semi-supervised, the sample on its clusters and the rest on the unsupervised
 * loss. Leiden's cost grows faster than the cells (PCA, a kNN graph, a search over resolutions); on a million cells it
 * took about 1,000 s on the driver or one machine, where the guide needs only the types' shapes, which a sample shows.
 */
public final class LeidenGuide {

    /** Cells clustered at most for guidance by default: the largest graph whose kNN is still exact. */
    public static final int DEFAULT_MAX_CELLS = LeidenClustering.EXACT_NEIGHBOURS_MAX_CELLS;

    private LeidenGuide() {
    }

    /** Refuses a sample too small to give {@code k} clusters, before any work where the request is made and after filters in training. */
    static void requireRoomFor(int k, int nCells, int maxCells) {
        if (nCells > maxCells && k > maxCells) {
            throw new IllegalArgumentException("Leiden's guide is a sample of " + maxCells + " cells (the guide-cells setting), fewer than"
                    + " the " + k + " components it should give clusters for; guide with at least " + k + " cells, or train with fewer"
                    + " components");
        }
    }

    /** The guide's cluster per cell (numbered by decreasing size), -1 for a cell outside the sample. */
    public static int[] clusters(ExpressionMatrix cells, int k, int maxCells, long seed, Progress progress) {
        int n = cells.nCells();
        if (n <= maxCells) {
            return LeidenClustering.defaults().cluster(cells, k, progress);
        }
        int[] sample = CellSample.of(n, maxCells, seed);
        ExpressionMatrix read = inMemory(cells.selectCells(sample), progress.sub(0, 0.2));
        int[] c = LeidenClustering.defaults().cluster(read, k, progress.sub(0.2, 1));
        int[] all = new int[n];
        Arrays.fill(all, -1);
        for (int i = 0; i < sample.length; i++) {
            all[sample[i]] = c[i];
        }
        return all;
    }

    /** The rows read once, so that PCA's passes do not read the file again each time (the reading can be cancelled). */
    private static ExpressionMatrix inMemory(ExpressionMatrix m, Progress progress) {
        if (m instanceof DenseMatrix || m instanceof CsrMatrix) {
            return m;
        }
        int n = m.nCells();
        int g = m.nGenes();
        if (!m.isSparse() && (long) n * g > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Leiden's sample of " + n + " cells x " + g + " features does not fit one array;"
                    + " guide with fewer cells (the guide-cells setting) or select fewer genes");
        }
        String what = "reading Leiden's sample of " + n + " cells";
        if (!m.isSparse()) {
            float[] v = new float[n * g];
            float[] row = new float[g];
            for (int i = 0; i < n; i++) {
                if (i % 4096 == 0) {
                    progress.step(i, n, what);
                }
                System.arraycopy(m.row(i, row), 0, v, i * g, g);
            }
            return new DenseMatrix(n, g, v);
        }
        CsrMatrix.Builder b = new CsrMatrix.Builder(g);
        for (int i = 0; i < n; i++) {
            if (i % 4096 == 0) {
                progress.step(i, n, what);
            }
            m.forEachNonZero(i, b::add);
            b.endRow();
        }
        return b.build();
    }
}
