package org.scgmvae.core.data;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataModelTest {

    private static final float[][] ROWS = {
            {0, 2, 0, 1},
            {3, 0, 0, 0},
            {0, 0, 0, 0},
            {1, 1, 5, 0},
    };

    @Test
    void csrFromDenseRoundTripAndAccessors() {
        DenseMatrix d = DenseMatrix.of(ROWS);
        CsrMatrix c = CsrMatrix.fromDense(d);
        assertEquals(4, c.nCells());
        assertEquals(4, c.nGenes());
        assertEquals(6, c.storedEntries());
        assertArrayEquals(new long[] {0, 2, 3, 3, 6}, c.indptr());
        assertArrayEquals(new int[] {1, 3, 0, 0, 1, 2}, c.indices());
        assertArrayEquals(new float[] {2, 1, 3, 1, 1, 5}, c.data());
        assertEquals(d, c.toDense());
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(ROWS[i][j], c.get(i, j));
                assertEquals(ROWS[i][j], d.get(i, j));
            }
        }
        assertTrue(c.isSparse());
        assertFalse(d.isSparse());
        assertEquals(16, d.storedEntries());
    }

    @Test
    void csrSortsUnsortedRowsAndRejectsBadStructure() {
        // Row 0 stored as columns 3, 1 (unsorted, as scipy may write), row 1 as column 0.
        CsrMatrix c = new CsrMatrix(2, 4, new long[] {0, 2, 3}, new int[] {3, 1, 0}, new float[] {7, 8, 9});
        assertArrayEquals(new int[] {1, 3, 0}, c.indices());
        assertArrayEquals(new float[] {8, 7, 9}, c.data());
        assertEquals(7f, c.get(0, 3));
        assertEquals(8f, c.get(0, 1));
        assertEquals(0f, c.get(0, 0));

        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> new CsrMatrix(1, 4, new long[] {0, 2}, new int[] {2, 2}, new float[] {1, 1}));
        assertTrue(dup.getMessage().contains("twice"), dup.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new CsrMatrix(1, 4, new long[] {0, 1}, new int[] {4}, new float[] {1}));
        assertTrue(range.getMessage().contains("outside 0..3"), range.getMessage());
        IllegalArgumentException ptr = assertThrows(IllegalArgumentException.class,
                () -> new CsrMatrix(2, 4, new long[] {0, 1}, new int[] {0}, new float[] {1}));
        assertTrue(ptr.getMessage().contains("n_cells + 1"), ptr.getMessage());
        IllegalArgumentException nnz = assertThrows(IllegalArgumentException.class,
                () -> new CsrMatrix(1, 4, new long[] {0, 2}, new int[] {0}, new float[] {1}));
        assertTrue(nnz.getMessage().contains("nnz=1"), nnz.getMessage());
    }

    @Test
    void selectGenesAndCellsAgreeBetweenDenseAndCsr() {
        DenseMatrix d = DenseMatrix.of(ROWS);
        CsrMatrix c = CsrMatrix.fromDense(d);
        int[] genes = {3, 0, 2};
        int[] cells = {3, 0, 0};
        DenseMatrix dg = d.selectGenes(genes);
        assertEquals(DenseMatrix.of(new float[][] {{1, 0, 0}, {0, 3, 0}, {0, 0, 0}, {0, 1, 5}}), dg);
        assertEquals(dg, c.selectGenes(genes).toDense());
        DenseMatrix dc = d.selectCells(cells);
        assertEquals(DenseMatrix.of(new float[][] {{1, 1, 5, 0}, {0, 2, 0, 1}, {0, 2, 0, 1}}), dc);
        assertEquals(dc, c.selectCells(cells).toDense());
        assertThrows(IllegalArgumentException.class, () -> c.selectGenes(new int[] {1, 1}));
    }

    @Test
    void mapKeepsStorageFormAndVisitsOnlyStoredValuesForCsr() {
        DenseMatrix d = DenseMatrix.of(ROWS);
        CsrMatrix c = CsrMatrix.fromDense(d);
        ExpressionMatrix dm = d.map((i, j, v) -> v + 1);
        ExpressionMatrix cm = c.map((i, j, v) -> v * 10 + i);
        assertFalse(dm.isSparse());
        assertTrue(cm.isSparse());
        assertEquals(1f, dm.get(2, 2));
        assertEquals(0f, cm.get(2, 2));
        assertEquals(53f, cm.get(3, 2));
        float[] row = new float[4];
        assertArrayEquals(new float[] {31, 0, 0, 0}, cm.row(1, row));
        int[] visits = new int[1];
        c.forEachNonZero(3, (j, v) -> visits[0]++);
        assertEquals(3, visits[0]);
    }

    @Test
    void denseMatrixValidatesShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DenseMatrix(2, 3, new float[5]));
        assertTrue(e.getMessage().contains("needs 6 values but got 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DenseMatrix.of(new float[][] {{1, 2}, {3}}));
        assertEquals(0, DenseMatrix.of(new float[0][]).nCells());
    }

    @Test
    void categoricalColumnEncodingAndValidation() {
        CategoricalColumn c = CategoricalColumn.fromStrings(new String[] {"b", "a", null, "b", ""});
        assertArrayEquals(new int[] {0, 1, -1, 0, -1}, c.codes());
        assertEquals(List.of("b", "a"), c.categories());
        assertArrayEquals(new int[] {2, 1}, c.counts());
        assertTrue(c.isMissing(2));
        assertNull(c.stringValue(4));
        assertEquals("a", c.stringValue(1));
        CategoricalColumn fixed = CategoricalColumn.fromStrings(new String[] {"x", "a", "b"}, List.of("a", "b"));
        assertArrayEquals(new int[] {-1, 0, 1}, fixed.codes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalColumn(new int[] {0, 2}, List.of("a", "b"), false));
        assertTrue(e.getMessage().contains("code 2 at row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CategoricalColumn(new int[] {0}, List.of("a", "a"), false));
        assertEquals(new CategoricalColumn(new int[] {1, 0}, List.of("b", "a"), false), c.select(new int[] {1, 0}));
    }

    @Test
    void columnStringValues() {
        NumericColumn n = new NumericColumn(new double[] {1.0, 2.5, Double.NaN});
        assertEquals("1", n.stringValue(0));
        assertEquals("2.5", n.stringValue(1));
        assertNull(n.stringValue(2));
        BooleanColumn b = new BooleanColumn(new boolean[] {true, false, true});
        assertEquals(2, b.countTrue());
        assertEquals("false", b.stringValue(1));
        StringColumn s = new StringColumn(new String[] {"x", null});
        assertNull(s.stringValue(1));
    }

    @Test
    void dataFrameSelectLookupAndConversion() {
        Map<String, Column> cols = new LinkedHashMap<>();
        cols.put("n", new NumericColumn(new double[] {1, 2, 3}, true));
        cols.put("flag", new BooleanColumn(new boolean[] {true, false, true}));
        DataFrame df = new DataFrame(new String[] {"c0", "c1", "c2"}, cols);
        assertEquals(List.of("n", "flag"), df.columnNames());
        DataFrame sel = df.select(new int[] {2, 0});
        assertArrayEquals(new String[] {"c2", "c0"}, sel.index());
        assertArrayEquals(new double[] {3, 1}, ((NumericColumn) sel.column("n")).values());
        CategoricalColumn flagCat = df.categorical("flag");
        assertEquals(List.of("true", "false"), flagCat.categories());
        assertArrayEquals(new int[] {0, 1, 0}, flagCat.codes());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> df.column("nope"));
        assertTrue(missing.getMessage().contains("available: [n, flag]"), missing.getMessage());
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> df.withColumn("bad", new NumericColumn(new double[2])));
        assertTrue(len.getMessage().contains("'bad' has 2 rows but the index has 3"), len.getMessage());

        DataFrame dup = DataFrame.ofIndex(new String[] {"A", "B", "A", "C", "B"});
        assertEquals(List.of("A", "B"), dup.duplicateIndexNames(10));
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> dup.indexPositions("gene"));
        assertTrue(d.getMessage().contains("duplicate gene name 'A' at rows 0 and 2"), d.getMessage());
        assertArrayEquals(new String[] {"0", "1"}, DataFrame.numbered(2).index());
    }

    @Test
    void annDataValidatesShapesAndSubsetsConsistently() {
        DenseMatrix x = DenseMatrix.of(ROWS);
        DataFrame obs = DataFrame.ofIndex(new String[] {"c0", "c1", "c2", "c3"})
                .withColumn("t", CategoricalColumn.fromStrings(new String[] {"a", "b", "a", "b"}));
        DataFrame var = DataFrame.ofIndex(new String[] {"g0", "g1", "g2", "g3"});
        AnnData a = new AnnData(x, obs, var)
                .withObsm("X_pca", DenseMatrix.of(new float[][] {{0, 1}, {2, 3}, {4, 5}, {6, 7}}))
                .withLayer("counts", CsrMatrix.fromDense(x));
        AnnData sub = a.selectCells(new int[] {3, 1}).selectGenes(new int[] {2, 0});
        assertArrayEquals(new String[] {"c3", "c1"}, sub.cellNames());
        assertArrayEquals(new String[] {"g2", "g0"}, sub.geneNames());
        assertEquals(DenseMatrix.of(new float[][] {{5, 1}, {0, 3}}), sub.x());
        assertEquals(DenseMatrix.of(new float[][] {{5, 1}, {0, 3}}), ((CsrMatrix) sub.layers().get("counts")).toDense());
        assertEquals(DenseMatrix.of(new float[][] {{6, 7}, {2, 3}}), sub.obsm().get("X_pca"));
        assertEquals("b", sub.obs().column("t").stringValue(0));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AnnData(x, DataFrame.numbered(3), var));
        assertTrue(e.getMessage().contains("X has 4 cells (rows) but obs has 3 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AnnData(x, obs, DataFrame.numbered(5)));
        assertThrows(IllegalArgumentException.class, () -> a.withLayer("bad", DenseMatrix.of(new float[][] {{1}})));
        assertThrows(IllegalArgumentException.class, () -> a.withObsm("bad", DenseMatrix.of(new float[][] {{1}})));
        // withXAndVar drops layers (they no longer match the gene set)
        assertTrue(a.withXAndVar(x.selectGenes(new int[] {0}), var.select(new int[] {0})).layers().isEmpty());
    }
}
