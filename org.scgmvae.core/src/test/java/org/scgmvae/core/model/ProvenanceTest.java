package org.scgmvae.core.model;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.train.ToyModelFixture;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16 part 4: the model file says where the model came from (data shape, gene list, every setting, library, time). */
class ProvenanceTest {

    @Test
    void trainingRecordsItsProvenanceAndTheFileKeepsIt() throws Exception {
        TrainedModel model = ToyModelFixture.trained().model();
        AnnData data = ToyModelFixture.data();
        Provenance p = model.summary().provenance();
        assertNotNull(p);
        assertEquals(Provenance.LIBRARY, p.library());
        assertEquals(data.nCells(), p.cells());
        assertEquals(data.nGenes(), p.genes());
        assertEquals(Provenance.sha256(data.geneNames()), p.genesSha256());
        assertTrue(Instant.parse(p.trainedAt()).isBefore(Instant.now().plusSeconds(1)));
        assertTrue(p.compute().contains("OpenBLAS"), p.compute());

        Provenance loaded = ModelFile.fromBytes(ModelFile.toBytes(model)).summary().provenance();
        assertEquals(p.trainedAt(), loaded.trainedAt());
        assertEquals(p.genesSha256(), loaded.genesSha256());
        Map<?, ?> training = (Map<?, ?>) loaded.settings().get("training");
        assertEquals(50, ((Number) training.get("epochs")).intValue(), "the fixture's 50 epochs: " + training);
        assertEquals(32, ((Number) training.get("batchSize")).intValue());
        assertEquals("condition", loaded.settings().get("conditionColumn"));
        Map<?, ?> architecture = (Map<?, ?>) loaded.settings().get("architecture");
        assertEquals(4, ((Number) architecture.get("zDim")).intValue());
    }

    @Test
    void theGeneListHashTellsGeneListsApart() {
        String a = Provenance.sha256(new String[] {"CD3E", "MS4A1"});
        assertEquals(a, Provenance.sha256(new String[] {"CD3E", "MS4A1"}));
        assertNotEquals(a, Provenance.sha256(new String[] {"MS4A1", "CD3E"}), "order matters: it is the model's column order");
        assertNotEquals(Provenance.sha256(new String[] {"AB", "C"}), Provenance.sha256(new String[] {"A", "BC"}));
        assertEquals(64, a.length());
    }
}
