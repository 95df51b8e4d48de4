package org.scgmvae.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's "silent science": a model applied to cells that share few of its genes, and a label column of measurements,
 * are refused with the numbers; a few missing genes are a warning that says how many.
 */
class InputChecksCliTest {

    @TempDir
    static Path dir;
    static AnnData toy;
    static Path model;

    @BeforeAll
    static void trainOnce() throws Exception {
        toy = ToyBlobs.generate(20, 2);
        Path data = dir.resolve("toy.h5ad");
        H5adWriter.write(toy, data, true);
        model = dir.resolve("toy.scgmvae");
        CliTest.Run r = CliTest.run("train", "-i", data.toString(), "--no-preprocess", "-k", "5", "--z-dim", "2", "--w-dim", "1",
                "--encoder", "16", "--decoder", "16", "-e", "2", "-o", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    /** The toy cells with the first {@code renamed} genes under names the model does not know. */
    private static Path withRenamedGenes(int renamed) throws Exception {
        String[] genes = toy.geneNames().clone();
        for (int j = 0; j < renamed; j++) {
            genes[j] = "OTHER" + j;
        }
        Path p = dir.resolve("renamed" + renamed + ".h5ad");
        H5adWriter.write(toy.withVar(DataFrame.ofIndex(genes)), p, true);
        return p;
    }

    @Test
    void cellsSharingFewOfTheModelsGenesAreRefused() throws Exception {
        int n = toy.nGenes();
        Path few = withRenamedGenes(n - 4);
        Path out = dir.resolve("p.h5ad");
        CliTest.Run r = CliTest.run("predict", "-i", few.toString(), "-m", model.toString(), "-o", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("only 4 of the model's " + n + " genes occur in the data (at least 50% are needed"), r.err());
        assertFalse(Files.exists(out));

        Path most = withRenamedGenes(3);
        r = CliTest.run("predict", "-i", most.toString(), "-m", model.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: 3 of " + n + " model genes missing in the data (filled with zeros)"), r.err());
    }

    @Test
    void aLabelColumnOfMeasurementsIsRefused() throws Exception {
        double[] size = new double[toy.nCells()];
        for (int i = 0; i < size.length; i++) {
            size[i] = 1.5 + i * 0.37;
        }
        Path p = dir.resolve("measured.h5ad");
        H5adWriter.write(toy.withObs(toy.obs().withColumn("size", new NumericColumn(size))), p, true);
        CliTest.Run r = CliTest.run("train", "-i", p.toString(), "--no-preprocess", "--labels", "size", "-e", "1",
                "-o", dir.resolve("m.scgmvae").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("obs column 'size' holds fractional numbers with " + toy.nCells() + " distinct values (e.g. 1.500, 1.870"),
                r.err());
        assertTrue(r.err().contains("the label column needs categories"), r.err());
        assertFalse(Files.exists(dir.resolve("m.scgmvae")));
    }
}
