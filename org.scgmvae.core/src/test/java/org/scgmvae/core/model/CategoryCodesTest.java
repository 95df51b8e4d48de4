package org.scgmvae.core.model;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.CategoricalColumn;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CategoryCodesTest {

    @Test
    void trainingAndApplicationNumberCategoriesAlike() {
        CategoricalColumn training = CategoricalColumn.fromStrings(new String[] {"T", "B", null, "T", "NK"}, List.of("B", "DC", "NK", "T"));
        CategoryCodes codes = CategoryCodes.observedIn(training);
        assertEquals(List.of("B", "NK", "T"), codes.names(), "only the categories that occur, in category order");
        assertArrayEquals(new int[] {2, 0, -1, 2, 1}, codes.encode(training));
        // new cells: another category order, an unknown type
        CategoricalColumn other = CategoricalColumn.fromStrings(new String[] {"NK", "Mono", "B"});
        assertArrayEquals(new int[] {1, -1, 0}, codes.encode(other));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codes.encodeEvery(other, new String[] {"c1", "c2", "c3"}, "cell_type", "condition"));
        assertTrue(e.getMessage().contains("cell 'c2' has condition 'Mono' in column 'cell_type', which the model does not know; "
                + "known conditions: [B, NK, T]"), e.getMessage());
    }
}
