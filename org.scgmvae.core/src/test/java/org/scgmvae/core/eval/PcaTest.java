package org.scgmvae.core.eval;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.BlockMatrix;
import org.scgmvae.core.data.DenseMatrix;

import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PCA read a block of cells at a time gives the components of PCA on all cells at once. */
class PcaTest {

    /** Cells on a 3-dimensional subspace of 12 genes plus noise, more cells than one block. */
    private static DenseMatrix cells(int n) {
        Random rnd = new Random(9);
        int g = 12;
        double[][] basis = new double[3][g];
        for (double[] b : basis) {
            for (int j = 0; j < g; j++) {
                b[j] = rnd.nextGaussian();
            }
        }
        float[] v = new float[n * g];
        for (int i = 0; i < n; i++) {
            double a = 5 * rnd.nextGaussian();
            double b = 2 * rnd.nextGaussian();
            double c = rnd.nextGaussian();
            for (int j = 0; j < g; j++) {
                v[i * g + j] = (float) (3 + a * basis[0][j] + b * basis[1][j] + c * basis[2][j] + 0.05 * rnd.nextGaussian());
            }
        }
        return new DenseMatrix(n, g, v);
    }

    @Test
    void blockedScoresEqualScoresOfAllCellsAtOnce() {
        int n = Pca.BLOCK * 2 + 517;
        DenseMatrix m = cells(n);
        DenseMatrix blocked = Pca.scores(m, 3);
        // the same arithmetic on all cells in one go, as before the blocks
        org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.create(m.values(), new long[] {n, 12}, 'c')
                .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        x.subiRowVector(x.mean(true, 0));
        org.nd4j.linalg.api.ndarray.INDArray cov = x.transpose().mmul(x).divi(n - 1);
        org.nd4j.linalg.eigen.Eigen.symmetricGeneralizedEigenvalues(cov, true);
        for (int c = 0; c < 3; c++) {
            double[] ref = x.mmul(cov.getColumn(11 - c).reshape(12, 1)).toDoubleVector();
            double dot = 0;
            double nr = 0;
            double nb = 0;
            for (int i = 0; i < n; i++) {
                double b = blocked.get(i, c);
                dot += ref[i] * b;
                nr += ref[i] * ref[i];
                nb += b * b;
            }
            assertEquals(1.0, Math.abs(dot) / Math.sqrt(nr * nb), 1e-9, "component " + c + " (up to its sign)");
            assertEquals(nr, nb, 1e-6 * nr, "component " + c + ": the same variance");
        }
    }

    @Test
    void cellsOnDiskGiveTheSameScoresAsCellsInMemory() {
        DenseMatrix m = cells(Pca.BLOCK + 300);
        BlockMatrix onDisk = BlockMatrix.of(m.nCells(), m.nGenes(), 1000, false,
                (from, to) -> m.selectCells(IntStream.range(from, to).toArray()));
        DenseMatrix a = Pca.scores(m, 4);
        DenseMatrix b = Pca.scores(onDisk, 4);
        assertArrayEquals(a.values(), b.values(), "the same rows in the same blocks: the same numbers");
        assertTrue(a.nGenes() == 4 && a.nCells() == m.nCells());
    }
}
