package org.scgmvae.core.data;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A block matrix and its lazy views hold the values of the same operations on the matrix in memory. */
class BlockMatrixTest {

    private static final int CELLS = 23;
    private static final int GENES = 7;

    private final CsrMatrix whole = counts();
    private int produced;

    /** Blocks of 5 cells cut from {@link #whole}, counting how often a block is produced. */
    private BlockMatrix blocks() {
        return BlockMatrix.of(CELLS, GENES, 5, true, (from, to) -> {
            produced++;
            return whole.selectCells(IntStream.range(from, to).toArray());
        });
    }

    @Test
    void rowsValuesAndNonZerosEqualTheMatrix() {
        BlockMatrix b = blocks();
        assertEquals(5, b.nBlocks());
        assertEquals(whole.storedEntries(), b.storedEntries());
        assertSame(whole, b);
        assertEquals(whole.get(21, 3), b.get(21, 3));
        assertTrue(b.isSparse());
    }

    @Test
    void viewsEqualTheSameOperationsInMemory() {
        int[] genes = {6, 0, 3};
        assertSame(whole.selectGenes(genes), blocks().selectGenes(genes));
        int[] cells = {22, 0, 7, 7, 13};
        assertSame(whole.selectCells(cells), blocks().selectCells(cells));
        ExpressionMatrix.ValueFunction f = (c, g, v) -> v * 10 + c; // the cell index is the whole matrix's
        assertSame(whole.map(f), blocks().map(f));
        BlockMatrix scaled = blocks().mapRows((cell, row) -> {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j] - cell;
            }
        });
        assertFalse(scaled.isSparse());
        for (int i = 0; i < CELLS; i++) {
            float[] expected = whole.row(i, new float[GENES]);
            for (int j = 0; j < GENES; j++) {
                expected[j] -= i;
            }
            assertArrayEquals(expected, scaled.row(i, new float[GENES]), "row " + i);
        }
    }

    @Test
    void blocksAreHeldAndProducedAgainOnlyWhenDropped() {
        BlockMatrix b = blocks();
        for (int i = 0; i < CELLS; i++) {
            b.row(i, new float[GENES]);
        }
        assertEquals(5, produced, "in order: each block once");
        b.row(0, new float[GENES]);
        assertEquals(6, produced, "block 0 was dropped (2 held)");
        b.holdBlocks(5);
        for (int pass = 0; pass < 3; pass++) {
            for (int i = CELLS - 1; i >= 0; i--) {
                b.row(i, new float[GENES]);
            }
        }
        assertEquals(6 + 3, produced, "with every block held, the three not held (3, 2, 1) are produced once and kept");
    }

    @Test
    void rowsOfAMappedMatrixAreMadeOneAtATimeFromTheHeldSourceBlocks() {
        int[] rewritten = {0};
        BlockMatrix shifted = blocks().mapRows((cell, row) -> {
            rewritten[0]++;
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j] - 2; // zeros become non-zeros: the dense view visits them
            }
        });
        shifted.row(22, new float[GENES]);
        shifted.row(3, new float[GENES]);
        assertEquals(2, rewritten[0], "only the rows read are rewritten, not their whole blocks");
        produced = 0;
        shifted.holdBlocks(5); // passes through to the source, whose sparse blocks are what a row needs
        for (int pass = 0; pass < 3; pass++) {
            for (int i : new int[] {22, 3, 17, 0, 9, 12, 5, 20, 1}) {
                shifted.row(i, new float[GENES]);
            }
        }
        assertEquals(3, produced, "random rows in three passes: the source blocks not yet held (1, 2, 3) produced once");
        float[] expected = whole.row(17, new float[GENES]);
        for (int j = 0; j < GENES; j++) {
            expected[j] -= 2;
        }
        assertArrayEquals(expected, shifted.row(17, new float[GENES]));
        rewritten[0] = 0;
        for (int j = 0; j < GENES; j++) {
            assertEquals(expected[j], shifted.get(17, j));
        }
        assertEquals(1, rewritten[0], "values read one by one along a row: the row is rewritten once");
        for (int cell : new int[] {5, 17, 5}) {
            for (int j = 0; j < GENES; j++) {
                assertEquals(whole.get(cell, j) - 2, shifted.get(cell, j), "cell " + cell + ", gene " + j + " after another cell's values");
            }
        }
        float[] visited = new float[GENES];
        int[] count = {0};
        shifted.forEachNonZero(17, (g, v) -> {
            visited[g] = v;
            count[0]++;
            assertEquals(whole.get(5, 0) - 2, shifted.get(5, 0), "a consumer may read other values meanwhile");
        });
        assertArrayEquals(expected, visited);
        assertEquals(IntStream.range(0, GENES).filter(j -> expected[j] != 0).count(), count[0]);
        assertArrayEquals(expected, shifted.block(3).row(2, new float[GENES]), "a whole block asked for is the same rows");
        assertEquals((long) CELLS * GENES, shifted.storedEntries());
    }

    @Test
    void aBlockOfTheWrongShapeIsRefused() {
        BlockMatrix wrong = BlockMatrix.of(10, 3, 4, false, (from, to) -> new DenseMatrix(1, 3, new float[3]));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> wrong.row(0, new float[3]));
        assertEquals("block 0 has 1 x 3 values, expected 4 x 3", e.getMessage());
    }

    private static CsrMatrix counts() {
        Random rnd = new Random(5);
        float[] v = new float[CELLS * GENES];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(9) : 0;
        }
        return CsrMatrix.fromDense(new DenseMatrix(CELLS, GENES, v));
    }

    private static void assertSame(ExpressionMatrix expected, ExpressionMatrix actual) {
        assertEquals(expected.nCells(), actual.nCells());
        assertEquals(expected.nGenes(), actual.nGenes());
        for (int i = 0; i < expected.nCells(); i++) {
            assertArrayEquals(expected.row(i, new float[expected.nGenes()]), actual.row(i, new float[actual.nGenes()]), "row " + i);
        }
    }
}
