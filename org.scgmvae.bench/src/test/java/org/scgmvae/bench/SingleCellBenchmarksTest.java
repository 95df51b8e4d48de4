package org.scgmvae.bench;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.preprocess.HighlyVariableGenes;
import org.scgmvae.core.preprocess.Log1p;
import org.scgmvae.core.preprocess.NormalizeTotal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the single-cell benchmarks read a Kang- or Zheng-like file: columns, control value, preprocessing. */
class SingleCellBenchmarksTest {

    private static final AnnData CELLS = SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(120, 60));

    /** The simulated cells with the condition column renamed and its values mapped as scGen's Kang file names them. */
    private static AnnData withConditions(String column, String ctrl, String stim) {
        CategoricalColumn c = CELLS.obs().categorical("condition");
        String[] values = new String[CELLS.nCells()];
        for (int i = 0; i < values.length; i++) {
            values[i] = c.stringValue(i).equals("ctrl") ? ctrl : stim;
        }
        return CELLS.withObs(CELLS.obs().withoutColumn("condition").withColumn(column, CategoricalColumn.fromStrings(values)));
    }

    @Test
    void findsKangColumnsAndControlValueInScGensNaming() {
        SingleCellBenchmarks.CellData d = SingleCellBenchmarks.describe("kang", "Kang", withConditions("condition", "control", "stimulated"), true);
        assertEquals("cell_type", d.typeColumn());
        assertEquals("condition", d.conditionColumn());
        assertEquals("control", d.control());
        assertEquals("stimulated", d.stimulated());
        // raw counts: the full default pipeline
        assertTrue(d.preprocess().normalizeTotal());
        assertTrue(d.preprocess().log1p());
    }

    @Test
    void findsPertpyNaming() {
        SingleCellBenchmarks.CellData d = SingleCellBenchmarks.describe("kang", "Kang", withConditions("label", "ctrl", "stim"), true);
        assertEquals("label", d.conditionColumn());
        assertEquals("ctrl", d.control());
        assertEquals("stim", d.stimulated());
    }

    @Test
    void countsInXWithoutALayerGetTheFullPipeline() {
        AnnData countsOnly = new AnnData(CELLS.x(), CELLS.obs(), CELLS.var());
        assertTrue(countsOnly.layers().isEmpty());
        SingleCellBenchmarks.CellData d = SingleCellBenchmarks.describe("zheng", "Zheng", countsOnly, false);
        assertTrue(d.preprocess().normalizeTotal());
        assertTrue(d.preprocess().log1p());
    }

    @Test
    void columnNamedByAPropertyMustExist() {
        System.setProperty("scgmvae.zheng.typeColumn", "louvain");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SingleCellBenchmarks.describe("zheng", "Zheng", CELLS, false));
            assertTrue(e.getMessage().startsWith("-Dscgmvae.zheng.typeColumn=louvain: no such obs column"), e.getMessage());
        } finally {
            System.clearProperty("scgmvae.zheng.typeColumn");
        }
    }

    @Test
    void logNormalisedInputIsOnlyGeneSelectedAndScaled() {
        // as scGen's Kang file: log-normalised X, no counts layer (with one, the default pipeline would read the layer)
        AnnData logged = new AnnData(Log1p.apply(NormalizeTotal.apply(CELLS.x(), 1e4)), CELLS.obs(), CELLS.var());
        assertEquals(org.scgmvae.core.preprocess.InputKind.LOG_NORMALIZED, org.scgmvae.core.preprocess.InputKind.detect(logged));
        assertEquals(org.scgmvae.core.preprocess.InputKind.COUNTS, org.scgmvae.core.preprocess.InputKind.detect(CELLS));
        SingleCellBenchmarks.CellData d = SingleCellBenchmarks.describe("zheng", "Zheng", logged, false);
        assertFalse(d.preprocess().normalizeTotal(), "log-normalised values must not be normalised and logged again");
        assertFalse(d.preprocess().log1p());
        assertEquals(HighlyVariableGenes.Flavor.SEURAT, d.preprocess().hvgFlavor());
        assertEquals(2000, d.preprocess().nTopGenes());
        assertNull(d.conditionColumn());
    }

    @Test
    void unclearControlValueIsAnErrorThatSaysWhatToSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SingleCellBenchmarks.describe("kang", "Kang", withConditions("condition", "A", "B"), true));
        assertTrue(e.getMessage().contains("[A, B]") && e.getMessage().contains("-Dscgmvae.kang.control"), e.getMessage());
    }

    @Test
    void missingTypeColumnIsAnErrorThatListsTheColumns() {
        AnnData noTypes = CELLS.withObs(CELLS.obs().withoutColumn("cell_type"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SingleCellBenchmarks.describe("zheng", "Zheng", noTypes, false));
        assertTrue(e.getMessage().contains("condition") && e.getMessage().contains("-Dscgmvae.zheng.typeColumn"), e.getMessage());
    }
}
