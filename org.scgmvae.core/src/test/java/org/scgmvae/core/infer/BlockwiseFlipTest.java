package org.scgmvae.core.infer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer asks for X's blocks, then for the layer's: with a folder to spill to, every block is flipped once (the layer's
 * pass reads the scratch file back); without, twice. The file written is the same to the bit either way.
 */
class BlockwiseFlipTest {

    @TempDir
    Path dir;

    @Test
    void withAScratchFolderEveryBlockIsFlippedOnceAndTheOutputIsTheSame() throws Exception {
        AnnData cells = SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(300, 60));
        TrainingRequest req = TrainingRequest.of(cells).withPreprocess(InputKind.AUTO.resolve(cells, InputKind.DEFAULT_TOP_GENES).config())
                .withConditions("condition").withLabels("cell_type")
                .withArchitecture(ArchitectureOptions.defaults().withLatentDims(4, 2).withHidden(new int[] {16}, new int[] {16}))
                .withTraining(TrainingConfig.defaults().withEpochs(1));
        TrainedModel model = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER).model();
        String layer = OutputUnits.layerName(model);
        assertTrue(layer != null, "expression units differ from the model's: X and a layer are written");
        Path file = dir.resolve("cells.h5ad");
        H5adWriter.write(cells, file, true);

        AnnData[] written = new AnnData[2];
        int[] layerFlips = new int[2];
        for (int run = 0; run < 2; run++) {
            Path scratch = run == 0 ? Files.createDirectories(dir.resolve("scratch")) : null;
            AtomicInteger again = new AtomicInteger();
            Progress counting = Progress.of((f, m) -> again.addAndGet(m != null && m.contains("(the decoder's layer)") ? 1 : 0),
                    CancellationToken.NEVER);
            Path out = dir.resolve("flip" + run + ".h5ad");
            try (H5adCellBlocks blocks = H5adCellBlocks.open(file, ReadOptions.defaults());
                 BlockwiseFlip flip = new BlockwiseFlip(model, blocks, "condition", "cell_type", "stim", ConditionFlipper.Mode.DELTA,
                         OutputUnits.EXPRESSION, counting, scratch)) {
                assertEquals(scratch != null, flip.spills());
                H5adWriter.write(blocks.annotations().obs(), DataFrame.ofIndex(model.signature().features().toArray(String[]::new)),
                        flip.x(), flip.layers(), out, 64);
            }
            layerFlips[run] = again.get();
            written[run] = new H5adReader(new ReadOptions(false, false, Set.of("*"))).read(out);
        }
        assertEquals(0, layerFlips[0], "with a scratch folder the layer's pass flips nothing again");
        assertTrue(layerFlips[1] >= 4, "without one it flips the blocks again (300 cells in blocks of 64): " + layerFlips[1]);
        assertArrayEquals(DenseMatrix.copyOf(written[1].x()).values(), DenseMatrix.copyOf(written[0].x()).values(), 0f);
        assertArrayEquals(DenseMatrix.copyOf(written[1].layers().get(layer)).values(),
                DenseMatrix.copyOf(written[0].layers().get(layer)).values(), 0f);
    }
}
