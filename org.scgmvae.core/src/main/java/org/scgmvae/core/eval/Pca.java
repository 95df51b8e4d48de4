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
        int n = m.nCells();
        int g = m.nGenes();
        int k = Math.min(components, Math.min(n, g));
        float[] dense = new float[Math.multiplyExact(n, g)];
        float[] row = new float[g];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m.row(i, row), 0, dense, i * g, g);
        }
        INDArray x = Nd4j.create(dense, new long[] {n, g}, 'c').castTo(DataType.DOUBLE);
        x.subiRowVector(x.mean(true, 0));
        INDArray cov = x.transpose().mmul(x).divi(Math.max(1, n - 1));
        // eigenvalues ascending; cov is overwritten with the eigenvectors (columns)
        Eigen.symmetricGeneralizedEigenvalues(cov, true);
        INDArray axes = cov.get(NDArrayIndex.all(), NDArrayIndex.interval(g - k, g));
        INDArray s = x.mmul(axes);
        float[] out = new float[n * k];
        double[][] v = s.toDoubleMatrix();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                out[i * k + j] = (float) v[i][k - 1 - j]; // largest variance first
            }
        }
        return new DenseMatrix(n, k, out);
    }
}
