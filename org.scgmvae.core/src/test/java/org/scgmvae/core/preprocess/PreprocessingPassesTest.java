package org.scgmvae.core.preprocess;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.task.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preprocessing fitted from passes over the cells (what Spark's workers collect) is the preprocessing fitted in one
 * piece, on real counts and on real log-normalised cells; collected a block at a time and merged, it selects the same
 * genes and scales them to within rounding.
 */
class PreprocessingPassesTest {

    private static AnnData real(String name) throws Exception {
        Path file = Path.of(System.getProperty("scgmvae.sharedData", "../shared/data")).resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "the real data set " + file + " is not present");
        return new H5adReader().read(file);
    }

    /** The passes over blocks of {@code block} cells, each block's sums merged: what a cluster does, here. */
    private static StatisticsPasses blockwise(AnnData cells, int block) {
        return new StatisticsPasses() {
            @Override
            public GeneStats.Accumulator geneStats(Step step, int genes, boolean expm1) {
                GeneStats.Accumulator all = new GeneStats.Accumulator(genes);
                for (int from = 0; from < cells.nCells(); from += block) {
                    AnnData b = cells.selectCells(IntStream.range(from, Math.min(cells.nCells(), from + block)).toArray());
                    all.merge(new GeneStats.Accumulator(genes).add(step.apply(b), expm1));
                }
                return all;
            }

            @Override
            public double[] cellTotals(Step step) {
                return StatisticsPasses.local(cells).cellTotals(step);
            }
        };
    }

    private static void sameAsInOnePiece(AnnData cells) {
        PreprocessConfig cfg = InputKind.AUTO.resolve(cells, InputKind.DEFAULT_TOP_GENES).config();
        FittedPreprocessing whole = FittedPreprocessing.fit(cells, cfg).preprocessing();
        assertEquals(whole, FittedPreprocessing.fit(cells, cfg, StatisticsPasses.local(cells), Progress.NONE).preprocessing(),
                "the same fit, to the bit");

        FittedPreprocessing.Fit fit = FittedPreprocessing.fit(cells, cfg, blockwise(cells, 1000), Progress.NONE);
        FittedPreprocessing merged = fit.preprocessing();
        // the training cells come back as the one-piece fit transforms them
        org.scgmvae.core.data.ExpressionMatrix a = FittedPreprocessing.fit(cells, cfg).transformed().x();
        org.scgmvae.core.data.ExpressionMatrix b = fit.transformed().x();
        assertEquals(a.nCells(), b.nCells());
        for (int i = 0; i < a.nCells(); i += 97) {
            for (int j = 0; j < a.nGenes(); j += 13) {
                assertEquals(a.get(i, j), b.get(i, j), 1e-5, "cell " + i + ", gene " + j);
            }
        }
        assertArrayEquals(whole.inputGenes(), merged.inputGenes());
        assertArrayEquals(whole.selectedGenes(), merged.selectedGenes(), "the same highly variable genes");
        assertEquals(whole.targetSum(), merged.targetSum());
        for (int j = 0; j < whole.selectedGenes().length; j++) {
            assertEquals(whole.scaler().means()[j], merged.scaler().means()[j], 1e-9 * Math.max(1, Math.abs(whole.scaler().means()[j])));
            assertEquals(whole.scaler().stds()[j], merged.scaler().stds()[j], 1e-9 * whole.scaler().stds()[j]);
            assertEquals(whole.scaler().minimums()[j], merged.scaler().minimums()[j]);
        }
    }

    @Test
    void realCountsFitTheSameInPasses() throws Exception {
        AnnData kang = real("kang_ctrl_muscat.h5ad");
        sameAsInOnePiece(kang);
        PreprocessConfig filtered = PreprocessConfig.defaults().withCellFilter(0, 200);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FittedPreprocessing.fit(kang, filtered, StatisticsPasses.local(kang), Progress.NONE));
        assertTrue(e.getMessage().contains("cell filters"), e.getMessage());
    }

    @Test
    void cellsWithoutCountsAreRefusedAsInOnePiece() {
        AnnData empty = new AnnData(new org.scgmvae.core.data.DenseMatrix(3, 4, new float[12]),
                org.scgmvae.core.data.DataFrame.ofIndex(new String[] {"a", "b", "c"}),
                org.scgmvae.core.data.DataFrame.ofIndex(new String[] {"g1", "g2", "g3", "g4"}));
        PreprocessConfig cfg = PreprocessConfig.defaults().withGeneFilter(0, 0).withHvgFlavor(null);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> FittedPreprocessing.fit(empty, cfg));
        IllegalArgumentException passes = assertThrows(IllegalArgumentException.class,
                () -> FittedPreprocessing.fit(empty, cfg, StatisticsPasses.local(empty), Progress.NONE));
        assertEquals(one.getMessage(), passes.getMessage());
    }

    @Test
    void realLogNormalisedCellsFitTheSameInPasses() throws Exception {
        sameAsInOnePiece(real("kang_valid_scgen.h5ad"));
    }
}
