package org.scgmvae.core.train;

import org.scgmvae.core.model.Batch;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.LossTerms;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.nn.ComputeSettings;
import org.scgmvae.core.task.CancellationToken;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The steps of training on this machine: shuffled mini-batches (within windows of blocks for cells on disk), fresh
 * reparameterisation noise per batch, one Adam update per batch, which a non-finite loss or gradient never reaches.
 */
public final class LocalEpochs implements EpochEngine {

    private final ModelInput data;
    private final TrainingConfig config;
    private final TrainingListener listener;
    private final CancellationToken cancel;
    private final AdamOptimizer adam;
    /**
     * For cells on disk: the validation cells, held in memory so that epochs read the file once (for the training cells),
     * not twice (the validation cells lie in every block). Gathered block by block while the first epoch's batches read
     * those blocks ({@link #willValidate}), else read at the first validation.
     */
    private ModelInput held;
    private int[] heldRows;
    private Gathering gathering;
    /**
     * Validation cells are held when their values fit in 128 MB (10,000 cells of 3,300 features, or of 1,650 with counts beside
     * them); wider cells are read from the file each epoch.
     */
    static final long MAX_HELD_VALUES = 32L << 20;

    public LocalEpochs(GmvaeModule net, ModelInput data, TrainingConfig config, TrainingListener listener, CancellationToken cancel) {
        this.data = data;
        this.config = config;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.cancel = cancel == null ? CancellationToken.NEVER : cancel;
        this.adam = new AdamOptimizer(net.parameters().flat());
        data.holdBlocks(Trainer.WINDOW_BLOCKS + 1);
    }

    @Override
    public Steps run(GmvaeModule net, int[] trainRows, double[] noise, Random rnd, int epoch, double learningRate, double classWeight) {
        return run(net, trainRows, noise, rnd, epoch, 0, 1, learningRate, classWeight);
    }

    /**
     * The steps of the part {@code [from, to)} (fractions) of epoch {@code epoch} over {@code trainRows}: with the KL
     * warm-up, the KL weight follows the position in the whole epoch (data-parallel workers each run a part).
     */
    public Steps run(GmvaeModule net, int[] trainRows, double[] noise, Random rnd, int epoch, double from, double to, double learningRate,
                     double classWeight) {
        int batches = (trainRows.length + config.batchSize() - 1) / config.batchSize();
        int[] order = data.diskBlockSize() > 0 ? Trainer.windowShuffled(trainRows, data.diskBlockSize(), Trainer.WINDOW_BLOCKS, rnd)
                : Trainer.shuffled(trainRows.length, rnd);
        LossTerms sums = LossTerms.ZERO;
        double beta = 1.0;
        for (int b = 0; b < batches; b++) {
            cancel.check();
            int first = b * config.batchSize();
            int end = Math.min(trainRows.length, first + config.batchSize());
            if (end - first < 2) {
                continue; // a single cell gives a degenerate batch; it is seen again next epoch
            }
            int[] rows = new int[end - first];
            double[] rowNoise = new double[end - first];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = trainRows[order[first + r]];
                rowNoise[r] = noise[order[first + r]];
            }
            double position = from + (to - from) * (b + 1.0) / batches;
            beta = EpochEngine.klWeight(config, epoch, position);
            LossTerms out;
            try (var ws = ComputeSettings.stepWorkspace("gmvae-train-step")) {
                Batch batch = Trainer.withNoise(data.batch(rows, rowNoise, rnd), net.config(), rnd, false);
                GmvaeModule.LossAndGradients og = net.lossAndGradients(batch, beta, classWeight, config.componentBalance(), true);
                out = og.terms();
                double loss = og.loss();
                double norm = adam.loadGradient(og.gradients().flat());
                if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                    return new Steps(sums, beta, describeFailure(out, loss, norm, epoch, b));
                }
                adam.apply(norm, learningRate, config.gradientClipNorm());
            }
            if (gathering != null) {
                gathering.blocksOf(rows); // the blocks this batch just read are at hand: their validation cells cost no read
            }
            sums = sums.plus(out, rows.length);
            listener.onProgress((epoch + position) / config.epochs(),
                    "epoch " + (epoch + 1) + "/" + config.epochs() + ", loss " + Trainer.lossText(out.loss()));
        }
        return new Steps(sums, beta, null);
    }

    @Override
    public Validation validate(GmvaeModule net, int[] rows, double classWeight) {
        if (data.inMemory() || heldValues(rows.length) > MAX_HELD_VALUES) {
            return Trainer.validate(net, data, rows, classWeight);
        }
        if (heldRows == null || !Arrays.equals(heldRows, rows)) {
            held = gathering != null && Arrays.equals(gathering.rows, rows) ? gathering.all() : data.heldInMemory(rows);
            heldRows = rows.clone();
            gathering = null;
        }
        return Trainer.validate(net, held, IntStream.range(0, rows.length).toArray(), classWeight);
    }

    @Override
    public void willValidate(int[] rows) {
        if (!data.inMemory() && data.diskBlockSize() > 0 && rows.length > 0 && heldValues(rows.length) <= MAX_HELD_VALUES) {
            gathering = new Gathering(rows);
        }
    }

    /** The validation cells (sorted rows) of each block, taken into memory when a batch has read that block. */
    private final class Gathering {
        final int[] rows;
        private final int blockSize;
        /** Per block: where its validation cells begin in {@link #rows} (one more entry than blocks). */
        private final int[] start;
        private final ModelInput[] pieces;

        Gathering(int[] rows) {
            this.rows = rows.clone();
            this.blockSize = data.diskBlockSize();
            int blocks = (data.nCells() + blockSize - 1) / blockSize;
            this.start = new int[blocks + 1];
            for (int b = 0, i = 0; b <= blocks; b++) {
                while (i < this.rows.length && this.rows[i] < (long) b * blockSize) {
                    i++;
                }
                start[b] = i;
            }
            this.pieces = new ModelInput[blocks];
        }

        void blocksOf(int[] batchRows) {
            for (int r : batchRows) {
                take(r / blockSize);
            }
        }

        private void take(int b) {
            if (pieces[b] == null && start[b + 1] > start[b]) {
                pieces[b] = data.heldInMemory(Arrays.copyOfRange(rows, start[b], start[b + 1]));
            }
        }

        /** Every block's cells in row order; a block no batch read (only validation cells in it) is read now. */
        ModelInput all() {
            java.util.List<ModelInput> parts = new java.util.ArrayList<>();
            for (int b = 0; b < pieces.length; b++) {
                take(b);
                if (pieces[b] != null) {
                    parts.add(pieces[b]);
                }
            }
            return ModelInput.concat(parts);
        }
    }

    /** At most how many values the held validation cells take: features, and counts as many again (sparse: value and index). */
    private long heldValues(int cells) {
        return (long) cells * data.nFeatures() * (data.hasCounts() ? 2 : 1);
    }

    @Override
    public void resetOptimizer() {
        adam.reset();
    }

    /** Adam's state now (data-parallel workers send it back to be averaged). */
    public AdamOptimizer.State optimizerState() {
        return adam.state();
    }

    /** Continues from an averaged Adam state. */
    public void restoreOptimizer(AdamOptimizer.State state) {
        adam.restore(state);
    }

    private static String describeFailure(LossTerms out, double loss, double norm, int epoch, int batch) {
        return "non-finite " + (Double.isFinite(loss) ? "gradient (norm " + norm + ")" : "loss") + " in epoch " + (epoch + 1)
                + ", batch " + (batch + 1) + " (" + out + ")";
    }
}
