package org.scgmvae.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without labels a model's components have numbers, not names: predict says where the answer is instead of leaving an
 * empty label column unexplained, and leiden's own figures point to a comparison at the same number of clusters.
 */
class UnnamedComponentsCliTest {

    @TempDir
    Path dir;

    @Test
    void predictWithAnUnsupervisedModelSaysWhereTheComponentsAre() throws Exception {
        Path cells = dir.resolve("cells.h5ad");
        H5adWriter.write(SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(200, 40)), cells, true);
        Path plain = dir.resolve("plain.scgmvae");
        assertEquals(0, CliTest.run("train", "-i", cells.toString(), "-k", "4", "--guided", "none", "--z-dim", "2", "--w-dim", "1",
                "--encoder", "8", "--decoder", "8", "-e", "1", "-o", plain.toString()).code());
        CliTest.Run p = CliTest.run("predict", "-i", cells.toString(), "-m", plain.toString(), "-o", dir.resolve("p.csv").toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.err().contains("note: the model names no components (trained without --labels or --evaluate), so gmvae_label is"
                + " empty: each cell's component is gmvae_component"), p.err());

        Path named = dir.resolve("named.scgmvae");
        assertEquals(0, CliTest.run("train", "-i", cells.toString(), "--labels", "cell_type", "--z-dim", "2", "--w-dim", "1",
                "--encoder", "8", "--decoder", "8", "-e", "1", "-o", named.toString()).code());
        CliTest.Run q = CliTest.run("predict", "-i", cells.toString(), "-m", named.toString(), "-o", dir.resolve("q.h5ad").toString());
        assertEquals(0, q.code(), q.err());
        assertFalse(q.err().contains("names no components"), q.err());

        CliTest.Run l = CliTest.run("leiden", "-i", cells.toString(), "--evaluate", "cell_type", "--no-x", "-o", dir.resolve("l.h5ad").toString());
        assertEquals(0, l.code(), l.err());
        assertTrue(l.err().contains("cluster at the same number with --clusters K"), l.err());
    }
}
