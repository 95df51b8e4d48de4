package org.scgmvae.core.infer;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.Log1p;
import org.scgmvae.core.preprocess.NormalizeTotal;
import org.scgmvae.core.preprocess.PreprocessConfig;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoded cells go back into the units of real cells: the fitted preprocessing inverted. */
class OutputUnitsTest {

    private static AnnData counts() {
        Random rnd = new Random(3);
        float[][] c = new float[40][60];
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[i].length; j++) {
                // every third gene over-dispersed (cell-to-cell factor), so that HVG selection has something to choose
                double burst = j % 3 == 0 ? Math.exp(2 * rnd.nextGaussian()) : 1;
                c[i][j] = (float) Math.floor(-Math.log(1 - rnd.nextDouble()) * (1 + j % 10) * burst);
            }
            c[i][0] += 1;
        }
        String[] cells = new String[c.length];
        String[] genes = new String[c[0].length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = "c" + i;
        }
        for (int j = 0; j < genes.length; j++) {
            genes[j] = "g" + j;
        }
        return new AnnData(DenseMatrix.of(c), org.scgmvae.core.data.DataFrame.ofIndex(cells), org.scgmvae.core.data.DataFrame.ofIndex(genes));
    }

    private static void assertClose(DenseMatrix expected, DenseMatrix actual, double tol) {
        assertEquals(expected.nCells(), actual.nCells());
        assertEquals(expected.nGenes(), actual.nGenes());
        for (int i = 0; i < expected.values().length; i++) {
            assertEquals(expected.values()[i], actual.values()[i], tol, "value " + i);
        }
    }

    @Test
    void scalingIsUndoneIntoLogNormalisedUnits() {
        AnnData data = counts();
        // counts route without clipping, every gene: model input = scaled log1p(normalize_total)
        PreprocessConfig cfg = PreprocessConfig.defaults().withHvgFlavor(null).withScale(true, null);
        FittedPreprocessing.Fit fit = FittedPreprocessing.fit(data, cfg);
        DenseMatrix logNormalised = DenseMatrix.copyOf(Log1p.apply(NormalizeTotal.apply(data.x(), fit.preprocessing().targetSum())));
        DenseMatrix back = fit.preprocessing().toExpression(DenseMatrix.copyOf(fit.transformed().x()));
        assertClose(logNormalised, back, 1e-5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit.preprocessing().toExpression(new DenseMatrix(1, 3, new float[3])));
        assertEquals("got 3 values per cell for a preprocessing of 60 genes", e.getMessage());
    }

    @Test
    void expectedCountsComeBackLogNormalised() {
        AnnData data = counts();
        FittedPreprocessing.Fit fit = FittedPreprocessing.fit(data, PreprocessConfig.defaults().withHvgFlavor(null));
        FittedPreprocessing pre = fit.preprocessing();
        assertEquals(1.0, pre.countShare(), 1e-12, "every gene modelled: all of a cell's counts are on them");
        // the real counts as the "expected counts": their log-normalised form is the pipeline's own log1p(normalize_total)
        DenseMatrix expected = DenseMatrix.copyOf(Log1p.apply(NormalizeTotal.apply(data.x(), pre.targetSum())));
        assertClose(expected, pre.countsToExpression(DenseMatrix.copyOf(data.x())), 1e-5);

        // with 4 of 60 genes modelled the share of counts on them converts back to all-gene normalisation
        FittedPreprocessing four = FittedPreprocessing.fit(data, PreprocessConfig.defaults().withNTopGenes(4)).preprocessing();
        assertEquals(4, four.nFeatures());
        assertTrue(four.countShare() > 0 && four.countShare() < 1, "share " + four.countShare());
    }

    @Test
    void modelsWrittenBeforeTheCountShareStillLoad() throws Exception {
        FittedPreprocessing pre = FittedPreprocessing.fit(counts(), PreprocessConfig.defaults().withHvgFlavor(null)).preprocessing();
        String old = pre.toJson().replaceAll(",\\s*\"countShare\"\\s*:\\s*[0-9.Ee-]+", "");
        FittedPreprocessing back = FittedPreprocessing.fromJson(old);
        assertNull(back.countShare());
        DenseMatrix x = DenseMatrix.copyOf(counts().x());
        assertClose(pre.countsToExpression(x), back.countsToExpression(x), 1e-6);
    }

    @Test
    void decodedValuesStayInTheRangeOfRealCells() throws Exception {
        FittedPreprocessing pre = FittedPreprocessing.fit(counts(), PreprocessConfig.defaults().withHvgFlavor(null)).preprocessing();
        // a Gaussian decoder's mean far below every training cell: log-normalised expression cannot go below 0
        float[] low = new float[3 * 60];
        java.util.Arrays.fill(low, -100f);
        DenseMatrix back = pre.toExpression(new DenseMatrix(3, 60, low));
        double[] min = pre.scaler().minimums();
        for (int i = 0; i < back.values().length; i++) {
            // each gene's smallest training value: 0 for genes with zeros, log1p of the smallest count otherwise
            assertEquals(min[i % 60], back.values()[i], 1e-6);
            assertTrue(back.values()[i] >= 0);
        }
        assertEquals(0.0, min[1], 0.0, "gene g1 has zero counts in some cells");
        // models written before the bound existed invert without it, as they did
        String old = pre.toJson().replaceAll(",\\s*\"minimums\"\\s*:\\s*\\[[^\\]]*\\]", "");
        FittedPreprocessing unbounded = FittedPreprocessing.fromJson(old);
        assertNull(unbounded.scaler().minimums());
        assertTrue(unbounded.toExpression(new DenseMatrix(3, 60, low)).values()[0] < 0);
    }
}
