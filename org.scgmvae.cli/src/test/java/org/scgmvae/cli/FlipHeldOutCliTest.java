package org.scgmvae.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scGen's protocol from the command line: one type's 'stim' cells left out of training, its 'ctrl' cells flipped. The user
 * is told the flip mode and that the type was never seen under the target (a held-out prediction, and whose shift DELTA
 * borrows); a type the model saw under the target gets no such note.
 */
class FlipHeldOutCliTest {

    @TempDir
    Path dir;

    @Test
    void aTypeNeverSeenUnderTheTargetIsNamedWithTheShiftItBorrows() throws Exception {
        AnnData cells = SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(400, 60));
        CategoricalColumn type = cells.obs().categorical("cell_type");
        CategoricalColumn cond = cells.obs().categorical("condition");
        int[] train = IntStream.range(0, cells.nCells()).filter(i -> !("typeA".equals(type.stringValue(i)) && "stim".equals(cond.stringValue(i))))
                .toArray();
        int[] ctrl = IntStream.range(0, cells.nCells()).filter(i -> "ctrl".equals(cond.stringValue(i))).toArray();
        Path trainFile = dir.resolve("train.h5ad");
        Path ctrlFile = dir.resolve("ctrl.h5ad");
        H5adWriter.write(cells.selectCells(train), trainFile, true);
        H5adWriter.write(cells.selectCells(ctrl), ctrlFile, true);
        Path model = dir.resolve("m.scgmvae");
        CliTest.Run t = CliTest.run("train", "-i", trainFile.toString(), "--condition", "condition", "--labels", "cell_type", "-k", "0",
                "--z-dim", "4", "--w-dim", "2", "--encoder", "16", "--decoder", "16", "-e", "2", "-o", model.toString());
        assertEquals(0, t.code(), t.err());
        for (String out : new String[] {"flip.csv", "flip.h5ad"}) { // read whole, and a block at a time
            CliTest.Run r = CliTest.run("flip", "-i", ctrlFile.toString(), "-m", model.toString(), "--labels", "cell_type", "--target", "stim",
                    "-o", dir.resolve(out).toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("decoded under condition 'stim' (flip mode DELTA) written to"), r.out());
            assertTrue(r.err().contains("note: typeA: the model saw no 'stim' typeA cells in training, so their flip is a held-out"
                    + " prediction; DELTA moves them by the shift in z of type"), r.err());
            assertFalse(r.err().contains("note: typeB"), "types seen under 'stim' get no note: " + r.err());
        }
        CliTest.Run gen = CliTest.run("generate", "-m", model.toString(), "-n", "2", "-o", dir.resolve("gen.csv").toString());
        assertEquals(0, gen.code(), gen.err());
        assertTrue(gen.err().contains("note: the model saw no 'stim' typeA cells in training: its generated 'stim' typeA cells are the"
                + " model's extrapolation"), gen.err());
        assertFalse(gen.err().contains("'ctrl' typeA") || gen.err().contains("typeB"), gen.err());
        CliTest.Run encoded = CliTest.run("flip", "-i", ctrlFile.toString(), "-m", model.toString(), "--labels", "cell_type", "--target",
                "stim", "--flip-mode", "ENCODED", "-o", dir.resolve("enc.csv").toString());
        assertTrue(encoded.err().contains("so their flip is a held-out prediction\n") || encoded.err().contains("so their flip is a held-out prediction\r\n"),
                "no shift is borrowed outside DELTA: " + encoded.err());
    }
}
