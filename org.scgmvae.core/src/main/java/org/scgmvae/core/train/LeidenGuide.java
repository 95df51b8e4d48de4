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
 * seeded sample of {@code maxCells} cells is (read once, in file order, into memory), and the other cells stay
 * unlabelled (-1): the guided phase is then semi-supervised, the sample on its clusters and the rest on the unsupervised
 * loss. Leiden's cost grows faster than the cells (PCA, a kNN graph, a search over resolutions); on a million cells it
 * took about 1,000 s on the driver or one machine, where the guide needs only the types' shapes, which a sample shows.
 */
public final class LeidenGuide {

    /** Cells clustered at most for guidance by default: the largest graph whose kNN is still exact. */
    public static final int DEFAULT_MAX_CELLS = LeidenClustering.EXACT_NEIGHBOURS_MAX_CELLS;

    private LeidenGuide() {
    }

    /** The guide's cluster per cell (numbered by decreasing size), -1 for a cell outside the sample. */
    public static int[] clusters(ExpressionMatrix cells, int k, int maxCells, long seed, Progress progress) {
        int n = cells.nCells();
        if (n <= maxCells) {
            return LeidenClustering.defaults().cluster(cells, k, progress);
        }
        int[] sample = CellSample.of(n, maxCells, seed);
        progress.step(0, 1, "reading the " + sample.length + " cells of Leiden's sample (of " + n + ")");
        int[] c = LeidenClustering.defaults().cluster(inMemory(cells.selectCells(sample)), k, progress);
        int[] all = new int[n];
        Arrays.fill(all, -1);
        for (int i = 0; i < sample.length; i++) {
            all[sample[i]] = c[i];
        }
        return all;
    }

    /** The rows read once, so that PCA's passes do not read the file again each time. */
    private static ExpressionMatrix inMemory(ExpressionMatrix m) {
        if (m instanceof DenseMatrix || m instanceof CsrMatrix) {
            return m;
        }
        if (!m.isSparse()) {
            float[] v = new float[Math.multiplyExact(m.nCells(), m.nGenes())];
            float[] row = new float[m.nGenes()];
            for (int i = 0; i < m.nCells(); i++) {
                System.arraycopy(m.row(i, row), 0, v, i * m.nGenes(), m.nGenes());
            }
            return new DenseMatrix(m.nCells(), m.nGenes(), v);
        }
        CsrMatrix.Builder b = new CsrMatrix.Builder(m.nGenes());
        for (int i = 0; i < m.nCells(); i++) {
            m.forEachNonZero(i, b::add);
            b.endRow();
        }
        return b.build();
    }
}
