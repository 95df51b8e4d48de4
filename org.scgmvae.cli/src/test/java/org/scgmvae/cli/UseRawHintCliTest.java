package org.scgmvae.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model trained on every gene of a file's raw meets the same file's X, which scanpy left with fewer genes: the missing
 * genes are a warning, and where raw holds them the command says that --use-raw reads them.
 */
class UseRawHintCliTest {

    @TempDir
    Path dir;

    @Test
    void missingGenesThatRawHoldsPointToUseRaw() throws Exception {
        Path cells = dir.resolve("kang_raw.h5ad"); // 41 real Kang cells: X 30 genes log-normalised, raw 50 genes of counts
        try (InputStream in = UseRawHintCliTest.class.getResourceAsStream("/org/scgmvae/core/io/h5ad/kang_raw.h5ad")) {
            Files.copy(in, cells);
        }
        Path model = dir.resolve("raw.scgmvae");
        CliTest.Run t = CliTest.run("train", "-i", cells.toString(), "--use-raw", "--labels", "cell_type", "-k", "0", "--z-dim", "2",
                "--w-dim", "1", "--encoder", "8", "--decoder", "8", "-e", "1", "-o", model.toString());
        assertEquals(0, t.code(), t.err());
        for (String out : new String[] {"p.csv", "p.h5ad"}) { // read whole, and a block at a time
            CliTest.Run p = CliTest.run("predict", "-i", cells.toString(), "-m", model.toString(), "-o", dir.resolve(out).toString());
            assertEquals(0, p.code(), p.err());
            assertTrue(p.err().contains("warning: 20 of 50 model genes missing in the data"), p.err());
            assertTrue(p.err().contains("note: 20 of the model's 50 genes are not in X of kang_raw.h5ad but 20 of them are in raw/var:"
                    + " --use-raw reads raw/X"), p.err());
            assertTrue(p.err().indexOf("note: 20 of the model's") < p.err().indexOf("warning: 20 of 50 model genes missing"),
                    "the hint comes before the cells are prepared (which may refuse them): " + p.err());
        }
        CliTest.Run eval = CliTest.run("evaluate", "-i", cells.toString(), "-m", model.toString(), "--labels", "cell_type");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.err().contains("are in raw/var: --use-raw reads raw/X"), "evaluate gives the same hint: " + eval.err());
        CliTest.Run withRaw = CliTest.run("predict", "-i", cells.toString(), "--use-raw", "-m", model.toString(), "-o",
                dir.resolve("q.csv").toString());
        assertEquals(0, withRaw.code(), withRaw.err());
        assertFalse(withRaw.err().contains("missing"), withRaw.err());
    }
}
