package org.scgmvae.core.io;

import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.synthetic.SimulatedCounts;

/** Reading only obs and var gives the same annotations and shape as a full read (sparse and dense X). */
class H5adAnnotationsTest {
    @Test
    void annotationsMatchAFullRead() throws Exception {
        AnnData d = SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(40, 30));
        for (AnnData variant : new AnnData[] {new AnnData(d.x(), d.obs(), d.var()),
            new AnnData(CsrMatrix.fromDense(d.x()), d.obs(), d.var())}) {
            Path f = Files.createTempDirectory("ann").resolve("cells.h5ad");
            H5adWriter.write(variant, f, true);
            AnnData full = new H5adReader().read(f);
            AnnData ann = new H5adReader().readAnnotations(f);
            assertEquals(full.nCells(), ann.nCells());
            assertEquals(full.nGenes(), ann.nGenes());
            assertEquals(0, ann.x().storedEntries(), "no expression values are read");
            assertArrayEquals(full.cellNames(), ann.cellNames());
            assertArrayEquals(full.geneNames(), ann.geneNames());
            assertEquals(full.obs().columnNames(), ann.obs().columnNames());
            assertEquals(full.obs().categorical("cell_type").categories(), ann.obs().categorical("cell_type").categories());
        }
    }
}
