package org.scgmvae.core.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;

/**
 * Principal components of cells (rows) by eigen-decomposition of the gene covariance matrix
 * (LAPACK through ND4J): exact, and fast for the few thousand genes of a preprocessed data set.
 * The cells are read {@value #BLOCK} at a time (the mean, then the covariance summed block by block, then the scores), so
 * memory holds one block and the genes x genes covariance, never all cells densely: cells on disk ({@code BlockMatrix})
 * are read three times.
 */
public final class Pca {

    /** Cells per block: 8,192 x 2,000 genes in double precision is 131 MB. */
    static final int BLOCK = 8192;

    private Pca() {
    }

    /** Scores of the cells on the first {@code components} principal axes (cells x components). */
    public static DenseMatrix scores(ExpressionMatrix m, int components) {
        return fit(m, components).project(m);
    }

    /** The first {@code components} principal axes of the cells, to project these or other cells (same genes) onto. */
    public static Axes fit(ExpressionMatrix m, int components) {
        int g = m.nGenes();
        int n = m.nCells();
        int k = Math.min(components, Math.min(n, g));
        INDArray centre;
        INDArray cov;
        if (n <= BLOCK) {
            INDArray x = dense(m, 0, n);
            centre = x.mean(true, 0);
            x.subiRowVector(centre);
            cov = x.transpose().mmul(x);
        } else {
            INDArray sum = Nd4j.zeros(DataType.DOUBLE, 1, g);
            for (int from = 0; from < n; from += BLOCK) {
                sum.addi(dense(m, from, Math.min(n, from + BLOCK)).sum(true, 0));
            }
            centre = sum.divi(n);
            cov = Nd4j.zeros(DataType.DOUBLE, g, g);
            for (int from = 0; from < n; from += BLOCK) {
                INDArray x = dense(m, from, Math.min(n, from + BLOCK)).subiRowVector(centre);
                cov.addi(x.transpose().mmul(x));
            }
        }
        cov.divi(Math.max(1, n - 1));
        // eigenvalues ascending; cov is overwritten with the eigenvectors (columns)
        Eigen.symmetricGeneralizedEigenvalues(cov, true);
        return new Axes(centre, cov.get(NDArrayIndex.all(), NDArrayIndex.interval(g - k, g)).dup());
    }

    /** Centre and axes (genes x k, smallest variance first) of a fitted PCA. */
    public record Axes(INDArray centre, INDArray axes) {

        /** Scores of the cells (cells x k), largest variance first. */
        public DenseMatrix project(ExpressionMatrix m) {
            if (m.nGenes() != axes.size(0)) {
                throw new IllegalArgumentException("PCA fitted on " + axes.size(0) + " genes, cells have " + m.nGenes());
            }
            int n = m.nCells();
            int k = (int) axes.size(1);
            float[] out = new float[Math.multiplyExact(n, k)];
            for (int from = 0; from < n; from += BLOCK) {
                int to = Math.min(n, from + BLOCK);
                double[][] v = dense(m, from, to).subiRowVector(centre).mmul(axes).toDoubleMatrix();
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < k; j++) {
                        out[i * k + j] = (float) v[i - from][k - 1 - j];
                    }
                }
            }
            return new DenseMatrix(n, k, out);
        }
    }

    /** Rows {@code [from, to)} densely, in double precision. */
    private static INDArray dense(ExpressionMatrix m, int from, int to) {
        int g = m.nGenes();
        float[] dense = new float[Math.multiplyExact(to - from, g)];
        float[] row = new float[g];
        for (int i = from; i < to; i++) {
            System.arraycopy(m.row(i, row), 0, dense, (i - from) * g, g);
        }
        return Nd4j.create(dense, new long[] {to - from, g}, 'c').castTo(DataType.DOUBLE);
    }
}
