package org.scgmvae.core.train;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.BlockMatrix;
import org.scgmvae.core.data.CellSample;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.eval.LeidenClustering;
import org.scgmvae.core.task.Progress;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeidenGuideTest {

    @Test
    void upToTheLimitEveryCellIsClusteredAboveItTheSampleFromBlocksOnDisk() {
        // 4 separate blobs of 60 cells
        AnnData blobs = ToyBlobs.generate(4, 1, 16, 60, 6.0, 0, 0.5, 3);
        ExpressionMatrix x = blobs.x();
        assertArrayEquals(LeidenClustering.defaults().cluster(x, 4), LeidenGuide.clusters(x, 4, 240, 1, Progress.NONE));

        // the same cells as blocks, read as a file is read on disk
        ExpressionMatrix onDisk = BlockMatrix.of(x.nCells(), x.nGenes(), 50, false, (from, to) -> x.selectCells(range(from, to)));
        int[] c = LeidenGuide.clusters(onDisk, 4, 100, 1, Progress.NONE);
        int[] sample = CellSample.of(240, 100, 1); // the guide's sample
        String[] type = types(blobs);
        int labelled = 0;
        for (int i = 0; i < c.length; i++) {
            boolean inSample = Arrays.binarySearch(sample, i) >= 0;
            assertEquals(inSample, c[i] >= 0, "cell " + i + ": clustered exactly when sampled");
            labelled += inSample ? 1 : 0;
        }
        assertEquals(100, labelled);
        assertEquals(4, LeidenClustering.count(c), "the sample's 4 blobs");
        for (int i = 0; i < c.length; i++) { // each cluster one blob
            for (int j = 0; j < c.length; j++) {
                if (c[i] >= 0 && c[j] >= 0) {
                    assertEquals(type[i].equals(type[j]), c[i] == c[j], "cells " + i + " and " + j);
                }
            }
        }
    }

    private static String[] types(AnnData d) {
        var t = d.obs().categorical("cell_type");
        return java.util.stream.IntStream.range(0, t.size()).mapToObj(t::stringValue).toArray(String[]::new);
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }
}
