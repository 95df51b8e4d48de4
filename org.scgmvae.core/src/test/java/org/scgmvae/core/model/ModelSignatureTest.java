package org.scgmvae.core.model;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one place where cells' labels and conditions become a model's codes, and where its condition column is chosen. */
class ModelSignatureTest {

    private static final ModelSignature CGMVAE = new ModelSignature(List.of("g1", "g2"), List.of("g1", "g2"), "cell_type",
            new CategoryCodes(List.of("B", "T")), "stim", new CategoryCodes(List.of("ctrl", "stim")), Arrays.asList("B", "T", null),
            Likelihood.GAUSSIAN_FIXED, WPrior.STANDARD_NORMAL, 3, 8, 2);

    private static AnnData cells(String conditionColumn, String... conditions) {
        Map<String, Column> obs = new LinkedHashMap<>();
        obs.put(conditionColumn, CategoricalColumn.fromStrings(conditions));
        obs.put("cell_type", CategoricalColumn.fromStrings(new String[] {"T", "NK", "B"}));
        return new AnnData(new DenseMatrix(3, 2, new float[6]), new DataFrame(new String[] {"c1", "c2", "c3"}, obs),
                DataFrame.ofIndex(new String[] {"g1", "g2"}));
    }

    @Test
    void conditionsFromTheTrainingColumnOrTheChosenOne() {
        assertArrayEquals(new int[] {1, 0, 1}, CGMVAE.conditionCodes(cells("stim", "stim", "ctrl", "stim"), null));
        assertArrayEquals(new int[] {0, 0, 1}, CGMVAE.conditionCodes(cells("treatment", "ctrl", "ctrl", "stim"), "treatment"));
        assertEquals("stim", CGMVAE.conditionColumn(" "), "a blank choice means the training column");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> CGMVAE.conditionCodes(cells("stim", "stim", "heat", "ctrl"), null));
        assertEquals("cell 'c2' has condition 'heat' in column 'stim', which the model does not know; known conditions: [ctrl, stim]",
                unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CGMVAE.conditionCodes(cells("treatment", "ctrl", "ctrl", "stim"), null));
        assertTrue(missing.getMessage().contains("'stim' not found; available: [treatment, cell_type]"), missing.getMessage());
    }

    @Test
    void labelsKnownToTheModelGetTheirCodeOthersMinusOne() {
        assertArrayEquals(new int[] {1, -1, 0}, CGMVAE.labelCodes(cells("stim", "stim", "ctrl", "stim"), "cell_type"));
        assertNull(CGMVAE.labelCodes(cells("stim", "stim", "ctrl", "stim"), null));
        assertEquals("cGMVAE: 2 genes, K=3 components, z 8-dim, w 2-dim, likelihood GAUSSIAN_FIXED, conditions [ctrl, stim] (stim),"
                + " w prior STANDARD_NORMAL, labels [B, T] (cell_type)", CGMVAE.describe());
    }
}
