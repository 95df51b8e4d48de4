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
 */
public final class Pca {

    private Pca() {
    }

    /** Scores of the cells on the first {@code components} principal axes (cells x components). */
    public static DenseMatrix scores(ExpressionMatrix m, int components) {
        return fit(m, components).project(m);
    }

    /** The first {@code components} principal axes of the cells, to project these or other cells (same genes) onto. */
    public static Axes fit(ExpressionMatrix m, int components) {
        int g = m.nGenes();
        int k = Math.min(components, Math.min(m.nCells(), g));
        INDArray x = dense(m);
        INDArray centre = x.mean(true, 0);
        x.subiRowVector(centre);
        INDArray cov = x.transpose().mmul(x).divi(Math.max(1, m.nCells() - 1));
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
            INDArray x = dense(m);
            x.subiRowVector(centre);
            double[][] v = x.mmul(axes).toDoubleMatrix();
            float[] out = new float[n * k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    out[i * k + j] = (float) v[i][k - 1 - j];
                }
            }
            return new DenseMatrix(n, k, out);
        }
    }

    private static INDArray dense(ExpressionMatrix m) {
        int n = m.nCells();
        int g = m.nGenes();
        float[] dense = new float[Math.multiplyExact(n, g)];
        float[] row = new float[g];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m.row(i, row), 0, dense, i * g, g);
        }
        return Nd4j.create(dense, new long[] {n, g}, 'c').castTo(DataType.DOUBLE);
    }
}
