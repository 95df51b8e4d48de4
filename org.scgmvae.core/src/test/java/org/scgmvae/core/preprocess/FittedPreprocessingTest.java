package org.scgmvae.core.preprocess;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FittedPreprocessingTest {

    static final int CELLS = 24;
    static final int GENES = 12;
    /** Genes that the new data will lack; zero in the cells that the new data copies (cells 0..3). */
    static final String MISSING_1 = "G3";
    static final String MISSING_2 = "G8";

    static String[] genes() {
        String[] g = new String[GENES];
        for (int j = 0; j < GENES; j++) {
            g[j] = "G" + j;
        }
        return g;
    }

    /** Random counts; genes G3 and G8 are zero in cells 0..3; gene G11 is zero everywhere (filtered out). */
    static float[][] trainCounts() {
        Random rnd = new Random(99);
        float[][] c = new float[CELLS][GENES];
        for (int i = 0; i < CELLS; i++) {
            for (int j = 0; j < GENES - 1; j++) {
                double mu = 0.5 + j * 1.3 + (i % 3 == 0 && j % 4 == 1 ? 15 : 0);
                c[i][j] = (float) Math.floor(-Math.log(1 - rnd.nextDouble()) * mu);
            }
            c[i][3] = i < 4 ? 0 : c[i][3] + 1;
            c[i][8] = i < 4 ? 0 : c[i][8] + 1;
        }
        return c;
    }

    static AnnData trainData(boolean sparse) {
        DenseMatrix d = DenseMatrix.of(trainCounts());
        String[] cells = new String[CELLS];
        String[] types = new String[CELLS];
        for (int i = 0; i < CELLS; i++) {
            cells[i] = "cell" + i;
            types[i] = "t" + (i % 3);
        }
        return new AnnData(sparse ? CsrMatrix.fromDense(d) : d,
                DataFrame.ofIndex(cells).withColumn("cell_type", CategoricalColumn.fromStrings(types)),
                DataFrame.ofIndex(genes()));
    }

    /**
     * New data: copies of training cells 0..3 plus two new cells, genes in a different order,
     * G3 and G8 absent, three extra genes (X1..X3) present.
     */
    static AnnData newData(boolean sparse) {
        float[][] train = trainCounts();
        List<String> names = new ArrayList<>();
        names.add("X1");
        for (int j = GENES - 1; j >= 0; j--) {
            String g = "G" + j;
            if (!g.equals(MISSING_1) && !g.equals(MISSING_2)) {
                names.add(g);
            }
            if (j == 6) {
                names.add("X2");
            }
        }
        names.add("X3");
        Map<String, Integer> trainPos = new HashMap<>();
        for (int j = 0; j < GENES; j++) {
            trainPos.put("G" + j, j);
        }
        float[][] rows = new float[6][names.size()];
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < names.size(); k++) {
                Integer src = trainPos.get(names.get(k));
                if (src == null) {
                    rows[i][k] = 7 + i + k; // extra genes carry counts that must be ignored
                } else if (i < 4) {
                    rows[i][k] = train[i][src];
                } else {
                    rows[i][k] = (i * 3 + k) % 5;
                }
            }
        }
        DenseMatrix d = DenseMatrix.of(rows);
        return new AnnData(sparse ? CsrMatrix.fromDense(d) : d,
                DataFrame.ofIndex(new String[] {"n0", "n1", "n2", "n3", "n4", "n5"}),
                DataFrame.ofIndex(names.toArray(String[]::new)));
    }

    static PreprocessConfig allGenesConfig() {
        // counts layer absent -> X; filter all-zero genes; median normalisation; log1p; no HVG; scale clipped at 3
        return PreprocessConfig.defaults().toBuilder().hvgFlavor(null).nTopGenes(0).scaleMaxValue(3.0).build();
    }

    static void assertRowsEqual(ExpressionMatrix expected, int expectedRow, ExpressionMatrix actual, int actualRow, double tol) {
        assertEquals(expected.nGenes(), actual.nGenes());
        for (int j = 0; j < expected.nGenes(); j++) {
            assertEquals(expected.get(expectedRow, j), actual.get(actualRow, j), tol,
                    "row " + expectedRow + " vs " + actualRow + ", column " + j);
        }
    }

    @Test
    void fitRecordsTheFittedStateAndTransformsTrainingData() {
        AnnData train = trainData(true);
        FittedPreprocessing.Fit fit = FittedPreprocessing.fit(train, allGenesConfig());
        FittedPreprocessing p = fit.preprocessing();
        // G11 is all zero -> dropped by min_cells_per_gene = 1
        String[] expectedGenes = Arrays.copyOf(genes(), GENES - 1);
        assertArrayEquals(expectedGenes, p.inputGenes());
        assertArrayEquals(expectedGenes, p.selectedGenes());
        assertEquals(GENES - 1, p.nFeatures());
        double[] totals = GeneStats.cellTotals(train.x())[0];
        assertEquals(NormalizeTotal.medianTotal(train.x()), p.targetSum(), 0);
        assertNotNull(p.scaler());

        AnnData out = fit.transformed();
        assertEquals(CELLS, out.nCells());
        assertArrayEquals(expectedGenes, out.geneNames());
        assertFalse(out.x().isSparse(), "scaled data is dense");
        assertArrayEquals(totals, ((NumericColumn) out.obs().column("library_size")).values(), 1e-9);
        assertTrue(out.obs().has("cell_type"));
        // counts layer = raw counts of the selected genes
        ExpressionMatrix counts = out.layers().get("counts");
        for (int i = 0; i < CELLS; i++) {
            for (int j = 0; j < GENES - 1; j++) {
                assertEquals(train.x().get(i, j), counts.get(i, j));
            }
        }
        // X = clip((log1p(x / total * target) - mean_j) / std_j, -3, 3), recomputed by hand for every value
        double target = p.targetSum();
        for (int j = 0; j < GENES - 1; j++) {
            double[] col = new double[CELLS];
            for (int i = 0; i < CELLS; i++) {
                col[i] = (float) Math.log1p((float) (train.x().get(i, j) / totals[i] * target));
            }
            double mean = Arrays.stream(col).average().orElseThrow();
            double ss = Arrays.stream(col).map(v -> (v - mean) * (v - mean)).sum();
            double sd = Math.sqrt(ss / (CELLS - 1));
            for (int i = 0; i < CELLS; i++) {
                double z = Math.max(-3, Math.min(3, (col[i] - mean) / sd));
                assertEquals(z, out.x().get(i, j), 2e-5, "cell " + i + " gene " + j);
            }
        }
    }

    @Test
    void jsonRoundTripIsLossless() throws IOException {
        for (PreprocessConfig cfg : List.of(allGenesConfig(), PreprocessConfig.defaults().withNTopGenes(5),
                PreprocessConfig.alreadyNormalized(), allGenesConfig().withTargetSum(1e4).withScale(false, null))) {
            AnnData data = cfg.normalizeTotal() ? trainData(false)
                    : trainData(false).withX(Log1p.apply(trainData(false).x()));
            FittedPreprocessing p = FittedPreprocessing.fit(data, cfg).preprocessing();
            String json = p.toJson();
            FittedPreprocessing back = FittedPreprocessing.fromJson(json);
            assertEquals(p, back);
            assertEquals(p.hashCode(), back.hashCode());
            assertEquals(cfg, back.config());
            assertArrayEquals(p.inputGenes(), back.inputGenes());
            assertArrayEquals(p.selectedGenes(), back.selectedGenes());
            assertEquals(p.targetSum(), back.targetSum());
            if (p.scaler() == null) {
                assertNull(back.scaler());
            } else {
                assertArrayEquals(p.scaler().means(), back.scaler().means(), 0);
                assertArrayEquals(p.scaler().stds(), back.scaler().stds(), 0);
                assertEquals(p.scaler().maxValue(), back.scaler().maxValue());
            }
            assertEquals(json, back.toJson());
            // the reloaded pipeline transforms identically
            assertEquals(p.apply(data).transformed().x(), back.apply(data).transformed().x());
        }
        FittedPreprocessing a = FittedPreprocessing.fit(trainData(false), allGenesConfig()).preprocessing();
        FittedPreprocessing b = FittedPreprocessing.fit(trainData(false), allGenesConfig().withTargetSum(100.0)).preprocessing();
        assertNotEquals(a, b);
    }

    @Test
    void applyAlignsGenesByNameZeroFillsMissingAndDropsExtra() {
        for (boolean sparse : new boolean[] {false, true}) {
            FittedPreprocessing.Fit fit = FittedPreprocessing.fit(trainData(sparse), allGenesConfig());
            FittedPreprocessing p = fit.preprocessing();
            FittedPreprocessing.Applied applied = p.apply(newData(!sparse));
            GeneAligner.Report report = applied.alignment();
            assertEquals(List.of(MISSING_1, MISSING_2), report.missing());
            // new data: 9 shared training genes + G11 (not an input gene any more) + X1..X3
            assertEquals(4, report.dropped());
            assertEquals(GENES - 1, report.referenceGenes());
            assertFalse(report.isExact());
            assertTrue(report.summary().contains("2 of 11 model genes missing"), report.summary());
            assertTrue(report.summary().contains("[G3, G8]"), report.summary());
            assertTrue(report.summary().contains("4 extra genes dropped"), report.summary());

            AnnData out = applied.transformed();
            assertArrayEquals(p.selectedGenes(), out.geneNames());
            assertEquals(6, out.nCells());
            // cells identical to training cells 0..3 transform identically
            for (int i = 0; i < 4; i++) {
                assertRowsEqual(fit.transformed().x(), i, out.x(), i, 1e-6);
                assertEquals(((NumericColumn) fit.transformed().obs().column("library_size")).values()[i],
                        ((NumericColumn) out.obs().column("library_size")).values()[i], 1e-9);
            }
            // missing genes are zero counts; in X they become the scaled value of a zero
            int m1 = Arrays.asList(p.selectedGenes()).indexOf(MISSING_1);
            int m2 = Arrays.asList(p.selectedGenes()).indexOf(MISSING_2);
            for (int i = 0; i < 6; i++) {
                assertEquals(0f, out.layers().get("counts").get(i, m1));
                assertEquals(0f, out.layers().get("counts").get(i, m2));
                double z1 = Math.max(-3, (0 - p.scaler().means()[m1]) / p.scaler().stds()[m1]);
                assertEquals(z1, out.x().get(i, m1), 1e-6);
            }
            // library size counts only the model's input genes (extra genes X1..X3 ignored)
            double[] lib = ((NumericColumn) out.obs().column("library_size")).values();
            ExpressionMatrix nx = newData(!sparse).x();
            List<String> newNames = Arrays.asList(newData(!sparse).geneNames());
            for (int i = 0; i < 6; i++) {
                double t = 0;
                for (String g : p.inputGenes()) {
                    int k = newNames.indexOf(g);
                    t += k < 0 ? 0 : nx.get(i, k);
                }
                assertEquals(t, lib[i], 1e-9);
            }
        }
    }

    @Test
    void applyWithHvgSelectionReproducesTrainingTransformForIdenticalCells() {
        PreprocessConfig cfg = PreprocessConfig.defaults().withNTopGenes(5);
        AnnData train = trainData(false);
        // the copied cells must have zero counts in the genes the new data lacks -> keep that by construction
        FittedPreprocessing.Fit fit = FittedPreprocessing.fit(train, cfg);
        FittedPreprocessing p = fit.preprocessing();
        assertTrue(p.selectedGenes().length >= 5 && p.selectedGenes().length < GENES - 1,
                "HVG selected " + p.selectedGenes().length);
        assertTrue(fit.transformed().var().has("highly_variable"));
        assertTrue(fit.transformed().var().has("dispersions_norm"));
        AnnData out = p.apply(newData(true)).transformed();
        assertArrayEquals(p.selectedGenes(), out.geneNames());
        for (int i = 0; i < 4; i++) {
            assertRowsEqual(fit.transformed().x(), i, out.x(), i, 1e-6);
        }
    }

    @Test
    void countsLayerIsUsedWhenPresent() {
        AnnData train = trainData(false);
        // X holds garbage (negative, log-like values); the counts layer holds the raw counts
        AnnData withLayer = train.withX(train.x().map((i, j, v) -> -1f - v)).withLayer("counts", train.x());
        FittedPreprocessing.Fit a = FittedPreprocessing.fit(withLayer, allGenesConfig());
        FittedPreprocessing.Fit b = FittedPreprocessing.fit(train, allGenesConfig());
        assertEquals(b.transformed().x(), a.transformed().x());
        assertEquals(b.preprocessing(), a.preprocessing());
    }

    @Test
    void cellAndGeneFiltersApplyDuringFitOnly() {
        AnnData train = trainData(false);
        double[] totals = GeneStats.cellTotals(train.x())[0];
        double cut = Arrays.stream(totals).sorted().toArray()[5];
        long kept = Arrays.stream(totals).filter(t -> t >= cut).count();
        assertTrue(kept < CELLS && kept >= CELLS - 5, "some cells are dropped");
        FittedPreprocessing.Fit fit = FittedPreprocessing.fit(train, allGenesConfig().withCellFilter(cut, 0));
        assertEquals(kept, fit.transformed().nCells());
        for (int i = 0; i < fit.transformed().nCells(); i++) {
            String name = fit.transformed().cellNames()[i];
            assertTrue(totals[Integer.parseInt(name.substring(4))] >= cut);
        }
        // apply never drops cells
        assertEquals(CELLS, fit.preprocessing().apply(train).transformed().nCells());
    }

    /** Names that differ from the model's only in letter case are named as such, not as another kind of identifier. */
    @Test
    void errorWhenOnlyTheLetterCaseDiffersSaysSo() {
        FittedPreprocessing p = FittedPreprocessing.fit(trainData(false), allGenesConfig()).preprocessing();
        String[] lower = java.util.Arrays.stream(p.inputGenes()).map(g -> g.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
        AnnData cells = new AnnData(new DenseMatrix(2, lower.length, new float[2 * lower.length]), DataFrame.numbered(2),
                DataFrame.ofIndex(lower));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.apply(cells));
        assertTrue(e.getMessage().contains("11 of them differ from the data's names only in letter case"), e.getMessage());
    }

    @Test
    void errorWhenNoGeneMatchesMentionsIdentifierKinds() {
        FittedPreprocessing p = FittedPreprocessing.fit(trainData(false), allGenesConfig()).preprocessing();
        AnnData ensembl = new AnnData(DenseMatrix.of(new float[][] {{1, 2}, {3, 4}}), DataFrame.numbered(2),
                DataFrame.ofIndex(new String[] {"ENSG00000141510", "ENSG00000012048"}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.apply(ensembl));
        assertTrue(e.getMessage().contains("symbols vs Ensembl IDs"), e.getMessage());
        assertTrue(e.getMessage().contains("none of the 11 model genes"), e.getMessage());
        assertTrue(e.getMessage().contains("ENSG00000141510"), e.getMessage());
        assertTrue(e.getMessage().contains("G0"), e.getMessage());
    }

    @Test
    void negativeValuesWhereCountsAreExpectedAreRejected() {
        float[][] c = trainCounts();
        c[2][5] = -1.5f;
        AnnData bad = trainData(false).withX(DenseMatrix.of(c));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FittedPreprocessing.fit(bad, allGenesConfig()));
        assertTrue(e.getMessage().contains("normalize_total expects raw counts"), e.getMessage());
        assertTrue(e.getMessage().contains("-1.5") && e.getMessage().contains("'cell2'") && e.getMessage().contains("'G5'"),
                e.getMessage());
        // applying a fitted pipeline to log-transformed data fails the same way
        FittedPreprocessing p = FittedPreprocessing.fit(trainData(false), allGenesConfig()).preprocessing();
        AnnData scaled = trainData(false).withX(trainData(false).x().map((i, j, v) -> v - 2f));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> p.apply(scaled));
        assertTrue(e2.getMessage().contains("raw counts"), e2.getMessage());
        // without normalize_total negative values are fine (already-normalised data)
        AnnData logged = trainData(false).withX(trainData(false).x().map((i, j, v) -> (float) Math.log1p(v) - 1f));
        assertEquals(CELLS, FittedPreprocessing.fit(logged, PreprocessConfig.alreadyNormalized()).transformed().nCells());
    }

    @Test
    void duplicateGeneNamesInNewDataAreRejected() {
        FittedPreprocessing p = FittedPreprocessing.fit(trainData(false), allGenesConfig()).preprocessing();
        AnnData dup = new AnnData(DenseMatrix.of(new float[][] {{1, 2}}), DataFrame.numbered(1),
                DataFrame.ofIndex(new String[] {"G1", "G1"}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.apply(dup));
        assertTrue(e.getMessage().contains("duplicate gene name 'G1'"), e.getMessage());
    }
}
