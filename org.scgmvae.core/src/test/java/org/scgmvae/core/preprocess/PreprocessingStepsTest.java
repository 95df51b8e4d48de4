package org.scgmvae.core.preprocess;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** normalize_total, log1p, filter_cells/filter_genes, GeneStats and scale against hand-computed values. */
class PreprocessingStepsTest {

    /** 5 cells x 4 genes; cell totals 4, 0, 8, 10, 6; gene totals 9, 7, 8, 4. */
    static final float[][] COUNTS = {
            {1, 0, 3, 0},
            {0, 0, 0, 0},
            {2, 2, 0, 4},
            {0, 5, 5, 0},
            {6, 0, 0, 0},
    };

    static ExpressionMatrix matrix(float[][] rows, boolean sparse) {
        DenseMatrix d = DenseMatrix.of(rows);
        return sparse ? CsrMatrix.fromDense(d) : d;
    }

    static AnnData annData(float[][] rows, boolean sparse) {
        String[] cells = new String[rows.length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = "c" + i;
        }
        String[] genes = new String[rows[0].length];
        for (int j = 0; j < genes.length; j++) {
            genes[j] = "g" + j;
        }
        return new AnnData(matrix(rows, sparse), DataFrame.ofIndex(cells)
                .withColumn("label", CategoricalColumn.fromStrings(cells)), DataFrame.ofIndex(genes));
    }

    static float[][] toArray(ExpressionMatrix m) {
        float[][] out = new float[m.nCells()][m.nGenes()];
        for (int i = 0; i < m.nCells(); i++) {
            m.row(i, out[i]);
        }
        return out;
    }

    static void assertMatrix(double[][] expected, ExpressionMatrix actual, double tol) {
        assertEquals(expected.length, actual.nCells(), "rows");
        assertEquals(expected[0].length, actual.nGenes(), "columns");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual.get(i, j), tol, "(" + i + "," + j + ")");
            }
        }
    }

    @ParameterizedTest(name = "sparse={0}")
    @ValueSource(booleans = {false, true})
    void normalizeTotalWithExplicitTarget(boolean sparse) {
        ExpressionMatrix out = NormalizeTotal.apply(matrix(COUNTS, sparse), 10.0);
        assertEquals(sparse, out.isSparse());
        assertMatrix(new double[][] {
                {2.5, 0, 7.5, 0},
                {0, 0, 0, 0},
                {2.5, 2.5, 0, 5},
                {0, 5, 5, 0},
                {10, 0, 0, 0},
        }, out, 1e-6);
        if (sparse) {
            assertEquals(8, out.storedEntries(), "no new entries are stored");
        }
    }

    @ParameterizedTest(name = "sparse={0}")
    @ValueSource(booleans = {false, true})
    void normalizeTotalWithMedianTargetKeepsZeroCellZero(boolean sparse) {
        ExpressionMatrix m = matrix(COUNTS, sparse);
        // non-zero totals 4, 6, 8, 10 -> median (6 + 8) / 2 = 7; the all-zero cell is excluded
        assertEquals(7.0, NormalizeTotal.medianTotal(m), 0);
        ExpressionMatrix out = NormalizeTotal.apply(m, NormalizeTotal.medianTotal(m));
        assertMatrix(new double[][] {
                {1.75, 0, 5.25, 0},
                {0, 0, 0, 0},
                {1.75, 1.75, 0, 3.5},
                {0, 3.5, 3.5, 0},
                {7, 0, 0, 0},
        }, out, 1e-6);
        // odd number of non-zero cells: totals 4, 8, 10 -> 8
        ExpressionMatrix odd = m.selectCells(new int[] {0, 1, 2, 3});
        assertEquals(8.0, NormalizeTotal.medianTotal(odd), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NormalizeTotal.medianTotal(m.selectCells(new int[] {1})));
        assertTrue(e.getMessage().contains("every cell has zero counts"), e.getMessage());
    }

    @ParameterizedTest(name = "sparse={0}")
    @ValueSource(booleans = {false, true})
    void log1pIsNaturalLogOfOnePlusX(boolean sparse) {
        ExpressionMatrix out = Log1p.apply(NormalizeTotal.apply(matrix(COUNTS, sparse), 10.0));
        assertEquals(sparse, out.isSparse());
        assertMatrix(new double[][] {
                {Math.log(3.5), 0, Math.log(8.5), 0},
                {0, 0, 0, 0},
                {Math.log(3.5), Math.log(3.5), 0, Math.log(6)},
                {0, Math.log(6), Math.log(6), 0},
                {Math.log(11), 0, 0, 0},
        }, out, 1e-6);
    }

    @ParameterizedTest(name = "sparse={0}")
    @ValueSource(booleans = {false, true})
    void filterCellsByCountsAndGenes(boolean sparse) {
        AnnData a = annData(COUNTS, sparse);
        AnnData byCounts = QualityFilter.filterCells(a, 5, 0);
        assertArrayEquals(new String[] {"c2", "c3", "c4"}, byCounts.cellNames());
        assertArrayEquals(new double[] {8, 10, 6}, ((NumericColumn) byCounts.obs().column("n_counts")).values());
        assertArrayEquals(new double[] {3, 2, 1}, ((NumericColumn) byCounts.obs().column("n_genes")).values());
        assertEquals("c3", byCounts.obs().column("label").stringValue(1), "obs rows follow the cells");
        assertArrayEquals(toArray(a.x().selectCells(new int[] {2, 3, 4})), toArray(byCounts.x()));

        AnnData byGenes = QualityFilter.filterCells(a, 0, 2);
        assertArrayEquals(new String[] {"c0", "c2", "c3"}, byGenes.cellNames());
        assertArrayEquals(new double[] {4, 8, 10}, ((NumericColumn) byGenes.obs().column("n_counts")).values());
        assertArrayEquals(new double[] {2, 3, 2}, ((NumericColumn) byGenes.obs().column("n_genes")).values());

        AnnData both = QualityFilter.filterCells(a, 5, 2);
        assertArrayEquals(new String[] {"c2", "c3"}, both.cellNames());

        // boundary: a cell with exactly min_counts is kept
        assertArrayEquals(new String[] {"c0", "c2", "c3", "c4"}, QualityFilter.filterCells(a, 4, 0).cellNames());
        // nothing removed: all cells kept, annotation still added
        AnnData none = QualityFilter.filterCells(a, 0, 0);
        assertEquals(5, none.nCells());
        assertArrayEquals(new double[] {4, 0, 8, 10, 6}, ((NumericColumn) none.obs().column("n_counts")).values());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QualityFilter.filterCells(a, 11, 0));
        assertTrue(e.getMessage().contains("removed every cell") && e.getMessage().contains("largest total count is 10"), e.getMessage());
    }

    @ParameterizedTest(name = "sparse={0}")
    @ValueSource(booleans = {false, true})
    void filterGenesByCellsAndCounts(boolean sparse) {
        AnnData a = annData(COUNTS, sparse);
        // genes detected in 3, 2, 2, 1 cells
        AnnData byCells = QualityFilter.filterGenes(a, 0, 2);
        assertArrayEquals(new String[] {"g0", "g1", "g2"}, byCells.geneNames());
        assertArrayEquals(new double[] {3, 2, 2}, ((NumericColumn) byCells.var().column("n_cells")).values());
        assertArrayEquals(toArray(a.x().selectGenes(new int[] {0, 1, 2})), toArray(byCells.x()));
        // gene totals 9, 7, 8, 4
        assertArrayEquals(new String[] {"g0"}, QualityFilter.filterGenes(a, 9, 0).geneNames());
        assertArrayEquals(new String[] {"g0", "g2"}, QualityFilter.filterGenes(a, 8, 0).geneNames());
        assertArrayEquals(new String[] {"g0", "g2"}, QualityFilter.filterGenes(a, 8, 2).geneNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QualityFilter.filterGenes(a, 0, 4));
        assertTrue(e.getMessage().contains("removed every gene"), e.getMessage());
    }

    @Test
    void filterGenesKeepsAGeneWhoseTotalEqualsMinCountsExactly() {
        // 15 counts spread over 11 cells: 15.0 / 11 * 11 is 14.999999999999998 in double arithmetic,
        // so a total reconstructed from the mean would wrongly fall below min_counts = 15.
        float[][] rows = new float[11][2];
        for (int i = 0; i < 11; i++) {
            rows[i][0] = i < 4 ? 3 : (i < 7 ? 1 : 0);   // 12 + 3 = 15
            rows[i][1] = 1;                             // 11
        }
        AnnData a = annData(rows, false);
        assertArrayEquals(new String[] {"g0"}, QualityFilter.filterGenes(a, 15, 0).geneNames());
        assertArrayEquals(new String[] {"g0", "g1"}, QualityFilter.filterGenes(a, 11, 0).geneNames());
    }

    @ParameterizedTest(name = "sparse={0}")
    @ValueSource(booleans = {false, true})
    void geneStatsMeanVarianceDdof1AndDetectionCounts(boolean sparse) {
        GeneStats s = GeneStats.of(matrix(COUNTS, sparse));
        // g0 = [1,0,2,0,6]: mean 1.8, squared deviations .64+3.24+.04+3.24+17.64 = 24.8, / (5-1) = 6.2
        assertEquals(1.8, s.mean()[0], 1e-12);
        assertEquals(6.2, s.variance()[0], 1e-12);
        // g3 = [0,0,4,0,0]: mean .8, deviations^2 .64*4 + 10.24 = 12.8, / 4 = 3.2
        assertEquals(0.8, s.mean()[3], 1e-12);
        assertEquals(3.2, s.variance()[3], 1e-12);
        assertArrayEquals(new int[] {3, 2, 2, 1}, s.nonZeroCells());
        for (int j = 0; j < 4; j++) {
            double mean = 0;
            for (float[] r : COUNTS) {
                mean += r[j];
            }
            mean /= COUNTS.length;
            double ss = 0;
            for (float[] r : COUNTS) {
                ss += (r[j] - mean) * (r[j] - mean);
            }
            assertEquals(mean, s.mean()[j], 1e-12);
            assertEquals(ss / (COUNTS.length - 1), s.variance()[j], 1e-12);
        }
        // statistics of expm1(x): g1 = [0,0,2,5,0] -> expm1 = [0,0,e^2-1,e^5-1,0]
        GeneStats e = GeneStats.of(matrix(COUNTS, sparse), true);
        double a = Math.expm1(2);
        double b = Math.expm1(5);
        double m = (a + b) / 5;
        double v = (3 * m * m + (a - m) * (a - m) + (b - m) * (b - m)) / 4;
        assertEquals(m, e.mean()[1], 1e-9);
        assertEquals(v, e.variance()[1], 1e-9 * v);

        double[][] totals = GeneStats.cellTotals(matrix(COUNTS, sparse));
        assertArrayEquals(new double[] {4, 0, 8, 10, 6}, totals[0]);
        assertArrayEquals(new double[] {2, 0, 3, 2, 1}, totals[1]);
    }

    /** g0 ordinary, g1 constant, g2 one large positive outlier, g3 one large negative outlier. */
    static final float[][] SCALE_INPUT = {
            {1, 3, 0, 10},
            {2, 3, 0, 10},
            {3, 3, 0, 10},
            {6, 3, 100, -90},
    };

    @ParameterizedTest(name = "sparse={0}")
    @ValueSource(booleans = {false, true})
    void scalerUsesDdof1StdConstantGeneStdOneAndClipsBothSides(boolean sparse) {
        Scaler s = Scaler.fit(matrix(SCALE_INPUT, sparse), 1.0);
        // g0: mean 3, squared deviations 4+1+0+9 = 14, var = 14/3 (ddof=1)
        double sd0 = Math.sqrt(14.0 / 3.0);
        assertArrayEquals(new double[] {3, 3, 25, -15}, s.means(), 1e-12);
        // g1 constant -> std 1; g2: deviations -25,-25,-25,75 -> var 7500/3 = 2500 -> std 50; g3 likewise
        assertArrayEquals(new double[] {sd0, 1, 50, 50}, s.stds(), 1e-9);
        DenseMatrix out = s.apply(matrix(SCALE_INPUT, sparse));
        assertMatrix(new double[][] {
                {-2 / sd0, 0, -0.5, 0.5},
                {-1 / sd0, 0, -0.5, 0.5},
                {0, 0, -0.5, 0.5},
                {1, 0, 1, -1},   // 3/sd0 = 1.39 -> 1; 1.5 -> 1; -1.5 -> -1
        }, out, 1e-6);

        DenseMatrix unclipped = Scaler.fit(matrix(SCALE_INPUT, sparse), null).apply(matrix(SCALE_INPUT, sparse));
        assertEquals(3 / sd0, unclipped.get(3, 0), 1e-6);
        assertEquals(1.5, unclipped.get(3, 2), 1e-6);
        assertEquals(-1.5, unclipped.get(3, 3), 1e-6);

        // New data is scaled with the training statistics, not its own.
        DenseMatrix other = s.apply(DenseMatrix.of(new float[][] {{5, 4, 50, 0}}));
        assertEquals((5 - 3) / sd0, other.get(0, 0), 1e-6);
        assertEquals(1.0, other.get(0, 1), 1e-6);
        assertEquals(0.5, other.get(0, 2), 1e-6);
        assertEquals(0.3, other.get(0, 3), 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.apply(DenseMatrix.of(new float[][] {{1, 2}})));
        assertTrue(e.getMessage().contains("fitted on 4 genes but data has 2"), e.getMessage());
    }

    @Test
    void scalerStdOfConstantNonRepresentableValueIsOne() {
        // 0.1f has no exact binary form; a one-pass E[x^2] - E[x]^2 must still give exactly zero
        // variance for a constant gene (otherwise std is ~1e-9 instead of 1).
        float[][] rows = new float[7][1];
        for (float[] r : rows) {
            r[0] = 0.1f;
        }
        Scaler s = Scaler.fit(DenseMatrix.of(rows), null);
        assertEquals(1.0, s.stds()[0], 0);
        DenseMatrix out = s.apply(DenseMatrix.of(rows));
        for (int i = 0; i < rows.length; i++) {
            assertEquals(0f, out.get(i, 0), 1e-6f);
        }
        assertFalse(Double.isNaN(s.means()[0]));
    }
}
