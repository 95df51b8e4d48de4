package org.scgmvae.core.io.h5ad;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** scanpy's colours of a categorical column, as the real files store them. */
class UnsColoursTest {

    static final Path DATA = Path.of(System.getProperty("scgmvae.sharedData", "../shared/data"));

    @Test
    void theColoursScanpyStoredForAColumn() {
        Path scgen = DATA.resolve("kang_valid_scgen.h5ad");
        Assumptions.assumeTrue(Files.exists(scgen), "shared data not present");
        assertEquals(List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"), UnsColours.of(scgen, "cell_type"));
        assertEquals(List.of("#1f77b4", "#ff7f0e"), UnsColours.of(scgen, "condition"));
        assertNull(UnsColours.of(scgen, "no_such_column"));
        assertNull(UnsColours.of(DATA.resolve("kang_ctrl_muscat.h5ad"), "cell_type"), "a file without uns colours");
        assertNull(UnsColours.of(DATA.resolve("cells.csv"), "cell_type"), "not an .h5ad");
    }
}
