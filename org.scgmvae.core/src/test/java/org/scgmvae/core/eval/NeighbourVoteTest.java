package org.scgmvae.core.eval;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.DenseMatrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NeighbourVoteTest {

    @Test
    void generatedCellsAreNamedByTheirRealNeighbours() {
        // real cells of type A around 0 and of type B around 10; generated cells: two near A, one near B
        DenseMatrix real = DenseMatrix.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}});
        String[] realLabels = {"A", "A", "A", "B", "B", "B"};
        DenseMatrix gen = DenseMatrix.of(new float[][] {{0.5f, 0.5f}, {0.2f, 0.1f}, {10.5f, 10.5f}});
        assertEquals(1.0, NeighbourVote.shareNamed(real, realLabels, gen, new String[] {"A", "A", "B"}, 3), 1e-12);
        assertEquals(2 / 3.0, NeighbourVote.shareNamed(real, realLabels, gen, new String[] {"A", "B", "B"}, 3), 1e-12);
        assertEquals(0.0, NeighbourVote.shareNamed(real, realLabels, gen, new String[] {"B", "B", "A"}, 3), 1e-12);
    }
}
