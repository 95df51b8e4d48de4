package org.scgmvae.core.train;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.BlockMatrix;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.model.LossTerms;
import org.scgmvae.core.options.UserOptions;
import org.scgmvae.core.model.GmvaeConfig;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.GmvaeParameters;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.task.CancellationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each epoch evaluates at most {@link ValidationCells#MAX_CELLS} held-out cells, spread evenly over them; with the cells on
 * disk they are read once and held, with the same figures as reading them from the file.
 */
class ValidationCellsTest {

    @Test
    void belowTheLimitEveryHeldOutCellIsEvaluated() {
        int[] validation = IntStream.range(0, 10_000).map(i -> 3 * i + 1).toArray();
        assertSame(validation, ValidationCells.evaluated(validation));
    }

    @Test
    void aboveTheLimitTheEvaluatedCellsAreSpreadEvenlyOverTheHeldOutOnes() {
        int[] validation = IntStream.range(0, 25_000).map(i -> 4 * i + 2).toArray(); // held-out rows of a 100,000-cell file
        int[] evaluated = ValidationCells.evaluated(validation);
        assertEquals(ValidationCells.MAX_CELLS, evaluated.length);
        assertEquals(2, evaluated[0]);
        for (int i = 1; i < evaluated.length; i++) {
            int gap = (evaluated[i] - evaluated[i - 1]) / 4; // in held-out cells
            assertTrue(gap == 2 || gap == 3, "held-out cells " + gap + " apart at " + i);
        }
        assertTrue(evaluated[evaluated.length - 1] >= 4 * 24_997, "the last held-out cells are reached: " + evaluated[evaluated.length - 1]);
        assertArrayEquals(evaluated, ValidationCells.evaluated(validation.clone()), "no random draw: the same cells every time");
    }

    @Test
    void everyEpochValidatesTheSameSpreadCellsAndTheOptionSaysHowMany() {
        int cells = 120_000; // 12,000 held out: above the limit
        float[] x = new float[cells * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7919) % 13 / 13f;
        }
        ModelInput data = new ModelInput(new DenseMatrix(cells, 2, x), null, 1, null, 2, null, null);
        GmvaeConfig cfg = GmvaeConfig.builder(2, 0, 2).zDim(1).wDim(1).encoderHidden(new int[] {2}).decoderHidden(new int[] {2})
                .priorHidden(new int[] {2}).classifierHidden(new int[] {2}).build();
        List<int[]> validated = new ArrayList<>();
        EpochEngine.Factory recording = (net, input, config, listener, cancel) -> new EpochEngine() {
            @Override
            public Steps run(GmvaeModule net, int[] trainRows, double[] noise, Random rnd, int epoch, double lr, double classWeight) {
                return new Steps(LossTerms.ZERO, 1, null); // no steps: only which cells are validated matters here
            }

            @Override
            public Validation validate(GmvaeModule net, int[] rows, double classWeight) {
                validated.add(rows);
                return new Validation(LossTerms.ZERO, rows.length, 0, 0);
            }

            @Override
            public void resetOptimizer() {
            }
        };
        Trainer.Result r = new Trainer(TrainingConfig.defaults().withEpochs(2).withWarmup(0), null, null, recording)
                .train(new GmvaeModule(cfg, GmvaeParameters.initialise(cfg, 1)), data);
        assertEquals(12_000, r.split().validation().length, "the split itself holds out a tenth");
        assertEquals(2, validated.size());
        assertArrayEquals(ValidationCells.evaluated(r.split().validation()), validated.get(0));
        assertArrayEquals(validated.get(0), validated.get(1), "the same cells every epoch");
        assertEquals(ValidationCells.MAX_CELLS, validated.get(0).length);
        assertTrue(UserOptions.VALIDATION.doc().contains(String.format(Locale.ROOT, "at most %,d of them", ValidationCells.MAX_CELLS)),
                UserOptions.VALIDATION.doc());
    }

    @Test
    void cellsOnDiskAreReadForTheFirstValidationOnlyWithTheSameFigures() {
        int cells = 240; // 12 blocks of 20: more than training holds (9), so a second pass would read again
        int genes = 6;
        Random rnd = new Random(5);
        CsrMatrix whole = sparse(cells, genes, () -> rnd.nextInt(3) > 0 ? (float) rnd.nextGaussian() : 0f);
        int[] produced = {0};
        BlockMatrix onDisk = countedBlocks(whole, produced);
        int[] labels = IntStream.range(0, cells).map(i -> i % 3 == 0 ? -1 : i % 3).toArray();
        int[] conditions = IntStream.range(0, cells).map(i -> i % 2).toArray();
        ModelInput disk = new ModelInput(onDisk, conditions, 2, labels, 3, null, null);
        ModelInput memory = new ModelInput(whole, conditions, 2, labels, 3, null, null);
        GmvaeModule net = smallNet(genes, 2, Likelihood.GAUSSIAN_FIXED);
        int[] validation = IntStream.range(0, cells).filter(i -> i % 7 == 2).toArray(); // in every block
        Twice twice = validatedTwice(net, disk, validation, produced, "the first validation reads each of the 12 blocks once");
        LocalEpochs engine = twice.engine();
        Validation fromMemory = Trainer.validate(net, memory, validation, 10);
        for (Validation v : new Validation[] {twice.first(), twice.again()}) {
            assertEquals(fromMemory.sums().asMap(), v.sums().asMap());
            assertEquals(validation.length, v.cells());
            assertEquals(fromMemory.correct(), v.correct());
            assertEquals(fromMemory.labelled(), v.labelled());
        }
        assertTrue(fromMemory.labelled() > 0 && fromMemory.labelled() < validation.length, "labelled and unlabelled cells");
        int[] others = {1, 50, 119, 230};
        assertEquals(Trainer.validate(net, memory, others, 10).sums().asMap(), engine.validate(net, others, 10).sums().asMap(),
                "other cells: read and held in their turn");
    }

    /** Said before the first epoch, the validation cells are taken from the blocks that epoch's batches read: no second pass. */
    @Test
    void theFirstEpochGathersTheValidationCellsFromTheBlocksItReads() {
        int cells = 240;
        int genes = 6;
        Random rnd = new Random(11);
        CsrMatrix whole = sparse(cells, genes, () -> rnd.nextInt(4) == 0 ? 0f : 1 + rnd.nextInt(20));
        int[] produced = {0};
        BlockMatrix countsOnDisk = countedBlocks(whole, produced);
        BlockMatrix.RowFunction logged = (cell, row) -> {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) Math.log1p(row[j]);
            }
        };
        double[] library = librarySizes(whole);
        int[] labels = IntStream.range(0, cells).map(i -> i % 4 == 0 ? -1 : i % 3).toArray();
        int[] conditions = new int[cells];
        ModelInput disk = new ModelInput(countsOnDisk.mapRows(logged), conditions, 1, labels, 3, countsOnDisk, library);
        ModelInput memory = new ModelInput(DenseMatrix.copyOf(countsOnDisk.mapRows(logged)), conditions, 1, labels, 3, whole, library);
        GmvaeModule net = smallNet(genes, 1, Likelihood.NEGATIVE_BINOMIAL);
        // the last block holds validation cells only: no batch reads it, so it is read at the validation
        int[] validation = IntStream.range(0, cells).filter(i -> i % 6 == 1 || i >= 220).toArray();
        int[] train = IntStream.range(0, cells).filter(i -> i % 6 != 1 && i < 220).toArray();
        LocalEpochs engine = new LocalEpochs(net, disk, TrainingConfig.defaults().withBatchSize(16), TrainingListener.NONE,
                CancellationToken.NEVER);
        engine.willValidate(validation);
        produced[0] = 0;
        assertEquals(null, engine.run(net, train, new double[train.length], new Random(3), 0, 1e-3, 10).failure());
        assertEquals(11, produced[0], "the epoch reads each of the 11 blocks with training cells once");
        Validation first = engine.validate(net, validation, 10);
        assertEquals(12, produced[0], "the validation reads only the block no batch read");
        assertEquals(Trainer.validate(net, memory, validation, 10).sums().asMap(), first.sums().asMap(), "the same figures as in memory");
        assertEquals(Trainer.validate(net, memory, validation, 10).correct(), first.correct());
        engine.validate(net, validation, 10);
        assertEquals(12, produced[0], "later validations read nothing");
    }

    @Test
    void countsOnDiskAreHeldWithTheirFeaturesInTheSamePass() {
        int cells = 240;
        int genes = 6;
        Random rnd = new Random(8);
        CsrMatrix whole = sparse(cells, genes, () -> rnd.nextInt(4) == 0 ? 0f : 1 + rnd.nextInt(20));
        int[] produced = {0};
        BlockMatrix countsOnDisk = countedBlocks(whole, produced);
        BlockMatrix.RowFunction logged = (cell, row) -> {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) Math.log1p(row[j]) - 1; // dense, as scaled features are
            }
        };
        double[] library = librarySizes(whole);
        int[] conditions = new int[cells];
        ModelInput disk = new ModelInput(countsOnDisk.mapRows(logged), conditions, 1, null, 3, countsOnDisk, library);
        ModelInput memory = new ModelInput(DenseMatrix.copyOf(countsOnDisk.mapRows(logged)), conditions, 1, null, 3, whole, library);
        GmvaeModule net = smallNet(genes, 1, Likelihood.NEGATIVE_BINOMIAL);
        int[] validation = IntStream.range(0, cells).filter(i -> i % 5 == 1).toArray();
        Twice twice = validatedTwice(net, disk, validation, produced, "features and counts of each cell read together: each block once");
        Map<String, Double> expected = Trainer.validate(net, memory, validation, 10).sums().asMap();
        assertTrue(Double.isFinite(expected.get("recon")) && expected.get("recon") > 0, "a count likelihood: " + expected);
        assertEquals(expected, twice.first().sums().asMap());
        assertEquals(expected, twice.again().sums().asMap());
    }

    /** Each cell's total count. */
    private static double[] librarySizes(CsrMatrix counts) {
        return IntStream.range(0, counts.nCells()).mapToDouble(i -> {
            double[] sum = {0};
            counts.forEachNonZero(i, (g, v) -> sum[0] += v);
            return sum[0];
        }).toArray();
    }

    /** A sparse matrix of values drawn in row order (zeros not stored). */
    private static CsrMatrix sparse(int cells, int genes, java.util.function.Supplier<Float> value) {
        CsrMatrix.Builder b = new CsrMatrix.Builder(genes);
        for (int i = 0; i < cells; i++) {
            for (int g = 0; g < genes; g++) {
                float v = value.get();
                if (v != 0f) {
                    b.add(g, v);
                }
            }
            b.endRow();
        }
        return b.build();
    }

    /** {@code whole} as cells on disk in blocks of 20, counting in {@code produced[0]} how often a block is read. */
    private static BlockMatrix countedBlocks(CsrMatrix whole, int[] produced) {
        return BlockMatrix.of(whole.nCells(), whole.nGenes(), 20, true, (from, to) -> {
            produced[0]++;
            return whole.selectCells(IntStream.range(from, to).toArray());
        });
    }

    private static GmvaeModule smallNet(int genes, int conditions, Likelihood likelihood) {
        GmvaeConfig cfg = GmvaeConfig.builder(genes, conditions, 3).zDim(2).wDim(2).encoderHidden(new int[] {5}).decoderHidden(new int[] {5})
                .priorHidden(new int[] {4}).classifierHidden(new int[] {4}).likelihood(likelihood).build();
        return new GmvaeModule(cfg, GmvaeParameters.initialise(cfg, 3));
    }

    private record Twice(LocalEpochs engine, Validation first, Validation again) {
    }

    /** The training engine's validation of the same cells on disk twice: the first reads the 12 blocks once, the second nothing. */
    private static Twice validatedTwice(GmvaeModule net, ModelInput disk, int[] validation, int[] produced, String firstRead) {
        LocalEpochs engine = new LocalEpochs(net, disk, TrainingConfig.defaults(), TrainingListener.NONE, CancellationToken.NEVER);
        produced[0] = 0;
        Validation first = engine.validate(net, validation, 10);
        assertEquals(12, produced[0], firstRead);
        Validation again = engine.validate(net, validation, 10);
        assertEquals(12, produced[0], "later validations read nothing from disk");
        return new Twice(engine, first, again);
    }
}
