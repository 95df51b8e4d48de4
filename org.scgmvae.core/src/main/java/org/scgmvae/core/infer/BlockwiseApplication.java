package org.scgmvae.core.infer;

import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.GeneAligner;
import org.scgmvae.core.preprocess.InputNotes;
import org.scgmvae.core.task.Progress;

import java.io.IOException;

/**
 * A model applied to an {@code .h5ad} one block of cells at a time, so that memory depends on the block and the
 * results, not on the matrix: each block is read from disk, prepared by the model's stored preprocessing (every step of
 * which acts on one cell at a time, so blocks give the same numbers as the whole file) and passed through the network.
 */
public final class BlockwiseApplication {

    /** Cells per block: a few MB of expression per block on 2,000 genes, and ~0.1 s of network time. */
    public static final int DEFAULT_BLOCK_CELLS = 8192;

    private BlockwiseApplication() {
    }

    /** What to do with one prepared block whose first cell is cell {@code from} of the file. */
    @FunctionalInterface
    public interface BlockAction {
        void apply(int from, InferenceInput block) throws IOException;
    }

    /**
     * Prepares and hands over every block in order; reports per block and stops between blocks when cancelled.
     *
     * @return how the file's genes matched the model's (the same for every block)
     */
    public static Checked forEachBlock(TrainedModel model, H5adCellBlocks cells, String conditionColumn, int blockCells,
                                       Progress progress, String message, BlockAction action) throws IOException {
        int n = cells.nCells();
        GeneAligner.Report alignment = null;
        InputNotes notes = null;
        progress.step(0, n, message);
        for (int from = 0; from < n; from += blockCells) {
            int to = Math.min(n, from + blockCells);
            InferenceInput in = InferenceInput.prepare(model, cells.block(from, to), conditionColumn, null);
            if (alignment == null) {
                alignment = in.alignment();
            }
            if (in.notes() != null) {
                notes = notes == null ? in.notes() : notes.merge(in.notes());
            }
            action.apply(from, in);
            progress.step(to, n, message);
        }
        return new Checked(alignment, notes);
    }

    /**
     * How a file's cells met the model: the genes' alignment (the same for every block) and the preprocessing's notes over
     * all blocks (null without a stored preprocessing).
     */
    public record Checked(GeneAligner.Report alignment, InputNotes notes) {
        public java.util.List<String> warnings() {
            return notes == null ? java.util.List.of() : notes.warnings();
        }
    }

    /** Predictions for every cell of the file, as {@link Predictor#predict} gives them for the whole file read at once. */
    public record Predicted(Predictor.Predictions predictions, Checked checked) {
    }

    public static Predicted predict(TrainedModel model, H5adCellBlocks cells, String conditionColumn, int blockCells, Progress progress)
            throws IOException {
        int n = cells.nCells();
        float[][] probs = new float[n][];
        int[] comp = new int[n];
        String[] labels = new String[n];
        Checked a = forEachBlock(model, cells, conditionColumn, blockCells, progress, "predicting " + n + " cells", (from, in) -> {
            Predictor.Predictions p = Predictor.predict(model, in.input());
            System.arraycopy(p.probabilities(), 0, probs, from, p.components().length);
            System.arraycopy(p.components(), 0, comp, from, p.components().length);
            System.arraycopy(p.labels(), 0, labels, from, p.components().length);
        });
        return new Predicted(new Predictor.Predictions(probs, comp, labels), a);
    }

    /** z and w of every cell of the file. With {@code sample}, one random stream runs through the blocks in order. */
    public record Encoded(LatentEncoder.Latents latents, Checked checked) {
    }

    public static Encoded encode(TrainedModel model, H5adCellBlocks cells, String conditionColumn, boolean sample, long seed, int blockCells,
                                 Progress progress) throws IOException {
        int n = cells.nCells();
        int dz = model.config().zDim();
        int dw = model.config().wDim();
        float[] z = new float[n * dz];
        float[] w = new float[n * dw];
        java.util.Random rnd = new java.util.Random(seed);
        Checked a = forEachBlock(model, cells, conditionColumn, blockCells, progress, "encoding " + n + " cells", (from, in) -> {
            LatentEncoder.Latents l = LatentEncoder.encode(model, in.input(), sample, rnd, Progress.NONE);
            System.arraycopy(l.z().values(), 0, z, from * dz, l.z().values().length);
            System.arraycopy(l.w().values(), 0, w, from * dw, l.w().values().length);
        });
        return new Encoded(new LatentEncoder.Latents(new DenseMatrix(n, dz, z), new DenseMatrix(n, dw, w)), a);
    }
}
