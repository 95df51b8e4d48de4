package org.scgmvae.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;


import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data-parallel training in Spark's local mode (2 partitions, parameters averaged 4 times per epoch) on the real Kang
 * control cells reaches the accuracy of training on one machine with the same settings.
 */
class DataParallelTrainingTest {

    static Path kang;
    static SparkSession spark;

    @BeforeAll
    static void setUp() {
        kang = LocalSpark.kangControl();
        spark = LocalSpark.start("scgmvae-training-test");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static TrainingRequest request(org.scgmvae.core.data.AnnData cells) {
        return TrainingRequest.of(cells).withPreprocess(InputKind.AUTO.resolve(cells, InputKind.DEFAULT_TOP_GENES).config())
                .withLabels("cell_type")
                .withArchitecture(ArchitectureOptions.defaults().withHidden(new int[] {128}, new int[] {128}))
                .withTraining(TrainingConfig.defaults().withEpochs(8).withSeed(42));
    }

    @Test
    void submitEntryPointWritesAModelFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path model = dir.resolve("kang.scgmvae");
        assertEquals(0, ScGmvaeSpark.execute("train", "--master", "local[2]", "-i", kang.toString(), "-o", model.toString(), "--labels",
                "cell_type", "-e", "2", "--partitions", "3", "--rounds", "2"));
        var m = org.scgmvae.core.io.ModelFile.load(model);
        assertEquals(8, m.labelNames().size());
        assertEquals(2, m.summary().epochs());
        assertEquals(1, ScGmvaeSpark.execute("train", "-i", dir.resolve("none.h5ad").toString(), "-o", model.toString()));
    }

    @Test
    void withoutLabelsTheEntryPointTakesTheCommandLinesLeidenGuidedRoute(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // 3,000 of the real cells, so that the 20 guided epochs stay short; both phases run on the data-parallel engine
        Path small = dir.resolve("kang_3000.h5ad");
        org.scgmvae.core.io.h5ad.H5adWriter.write(new org.scgmvae.core.io.h5ad.H5adReader().read(kang)
                .selectCells(java.util.stream.IntStream.range(0, 3000).toArray()), small, true);
        Path model = dir.resolve("guided.scgmvae");
        // Leiden on the driver clusters a sample of 1,000 of them (--guide-cells); the others train unlabelled in the guided phase
        assertEquals(0, ScGmvaeSpark.execute("train", "--master", "local[2]", "-i", small.toString(), "-o", model.toString(), "-k", "8",
                "-e", "1", "--partitions", "2", "--guide-cells", "1000"));
        var m = org.scgmvae.core.io.ModelFile.load(model);
        assertEquals("GUIDED", m.summary().mode());
        assertEquals(8, m.config().nComponents());
        assertEquals(org.scgmvae.core.train.TrainingRequest.DEFAULT_GUIDED_EPOCHS + 1, m.summary().history().size(), "both phases' epochs");
        assertEquals("leiden", m.summary().provenance().settings().get("guidedLabelColumn"), "" + m.summary().provenance().settings());
        assertEquals(1000, m.summary().provenance().settings().get("guideCells"));
        // an out-of-range guide is refused before Spark starts
        assertEquals(1, ScGmvaeSpark.execute("train", "--master", "local[2]", "-i", small.toString(), "-o", dir.resolve("x.scgmvae").toString(),
                "--guide-cells", "50"));
    }

    /** The same genes, target and count share; the scaling to within the rounding of sums merged in another order. */
    private static void assertSamePreprocessing(org.scgmvae.core.preprocess.FittedPreprocessing here,
                                                org.scgmvae.core.preprocess.FittedPreprocessing there) {
        assertArrayEquals(here.inputGenes(), there.inputGenes());
        assertArrayEquals(here.selectedGenes(), there.selectedGenes(), "the same 2,000 highly variable genes");
        assertEquals(here.targetSum(), there.targetSum(), "normalize_total's median");
        assertEquals(here.countShare(), there.countShare(), 1e-12);
        for (int j = 0; j < here.selectedGenes().length; j++) {
            assertEquals(here.scaler().means()[j], there.scaler().means()[j], 1e-9 * Math.max(1, Math.abs(here.scaler().means()[j])));
            assertEquals(here.scaler().stds()[j], there.scaler().stds()[j], 1e-9 * here.scaler().stds()[j]);
            assertEquals(here.scaler().minimums()[j], there.scaler().minimums()[j]);
        }
    }

    @Test
    void preprocessingStatisticsAsSparkAggregationsEqualTheOneMachineFit() throws Exception {
        try (H5adCellBlocks cells = H5adCellBlocks.open(kang, ReadOptions.defaults())) {
            org.scgmvae.core.data.AnnData data = cells.onDisk(4096);
            org.scgmvae.core.preprocess.PreprocessConfig cfg = InputKind.AUTO.resolve(data, InputKind.DEFAULT_TOP_GENES).config();
            org.scgmvae.core.preprocess.FittedPreprocessing here = org.scgmvae.core.preprocess.FittedPreprocessing.fit(data, cfg).preprocessing();
            // blocks of 1,500 cells: nine tasks' sums merged on the driver
            SparkStatisticsPasses passes = new SparkStatisticsPasses(
                    org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()), kang, ReadOptions.defaults(), 1500);
            org.scgmvae.core.preprocess.FittedPreprocessing there = org.scgmvae.core.preprocess.FittedPreprocessing
                    .fit(data, cfg, passes, org.scgmvae.core.task.Progress.NONE).preprocessing();
            assertSamePreprocessing(here, there);
            // the same input, the same sums to the bit: merged in partition order
            assertEquals(there, org.scgmvae.core.preprocess.FittedPreprocessing.fit(data, cfg, passes,
                    org.scgmvae.core.task.Progress.NONE).preprocessing());
        }
    }

    @Test
    void aFixedSeedGivesTheSameModelAndCellFiltersAreRefused() throws Exception {
        try (H5adCellBlocks cells = H5adCellBlocks.open(kang, ReadOptions.defaults())) {
            TrainingRequest req = request(cells.onDisk(4096)).withTraining(TrainingConfig.defaults().withEpochs(2).withSeed(7));
            ModelTrainer.Outcome a = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER, DataParallelTraining.on(spark, kang, 3, 2));
            ModelTrainer.Outcome b = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER, DataParallelTraining.on(spark, kang, 3, 2));
            assertArrayEquals(a.model().module().parameters().flat().toFloatVector(), b.model().module().parameters().flat().toFloatVector(),
                    "same seed, same partitions: the same parameters");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelTrainer.train(
                    req.withPreprocess(req.preprocess().withCellFilter(0, 400)), TrainingListener.NONE, CancellationToken.NEVER,
                    DataParallelTraining.on(spark, kang, 2, 1)));
            assertTrue(e.getMessage().contains("cell filters (min counts or genes per cell) are not available"), e.getMessage());
        }
    }

    @Test
    void theLastPassOnTheExecutorsEqualsTheDriversPass() throws Exception {
        // a cGMVAE with the donors as the condition, so that every range takes its own slice of the condition codes
        try (H5adCellBlocks cells = H5adCellBlocks.open(kang, ReadOptions.defaults())) {
            org.scgmvae.core.data.AnnData data = cells.onDisk(4096);
            TrainingRequest req = request(data).withConditions("sample_id").withTraining(TrainingConfig.defaults().withEpochs(1).withSeed(3));
            java.util.List<String> jobs = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
                @Override
                public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
                    jobs.add(String.valueOf(start.properties().getProperty("spark.job.description")));
                }
            };
            spark.sparkContext().addSparkListener(listener);
            org.scgmvae.core.model.TrainedModel model;
            try {
                model = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER, DataParallelTraining.on(spark, kang, 3, 1)).model();
            } finally {
                spark.sparkContext().removeSparkListener(listener);
            }
            assertTrue(jobs.contains(FinalEncoding.DESCRIPTION + " (12261 cells)"), "training's last pass ran as a Spark job: " + jobs);
            org.scgmvae.core.model.ModelInput input = org.scgmvae.core.infer.InferenceInput.prepare(model, data, "sample_id", null).input();
            org.scgmvae.core.train.EpochEngine.Encoded here = org.scgmvae.core.train.EpochEngine.Choice.LOCAL.encodeAll(model, input,
                    org.scgmvae.core.task.Progress.NONE);
            // 7 ranges of 1,751-1,752 cells, each read, prepared and encoded by its own task
            org.scgmvae.core.train.EpochEngine.Encoded there = FinalEncoding.run(
                    org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()), kang, ReadOptions.defaults(), 7, model, input);
            assertEquals(12261, there.components().length);
            assertArrayEquals(here.components(), there.components(), "every cell's component");
            float[] z = here.latents().z().values();
            float[] zThere = there.latents().z().values();
            float[] w = here.latents().w().values();
            float[] wThere = there.latents().w().values();
            assertEquals(z.length, zThere.length);
            assertEquals(w.length, wThere.length);
            for (int i = 0; i < z.length; i++) {
                assertEquals(z[i], zThere[i], 1e-4, "z value " + i);
            }
            for (int i = 0; i < w.length; i++) {
                assertEquals(w[i], wThere[i], 1e-4, "w value " + i);
            }
            assertTrue(model.shifts() != null && model.styles() != null, "the shifts and styles come from the executors' pass");
        }
    }

    @Test
    void reachesTheAccuracyOfOneMachine() throws Exception {
        ModelTrainer.Outcome single = ModelTrainer.train(request(new H5adReader().read(kang)), TrainingListener.NONE, CancellationToken.NEVER);
        ModelTrainer.Outcome parallel;
        try (H5adCellBlocks cells = H5adCellBlocks.open(kang, ReadOptions.defaults())) {
            parallel = ModelTrainer.train(request(cells.onDisk(4096)), TrainingListener.NONE, CancellationToken.NEVER,
                    DataParallelTraining.on(spark, kang, 2, 4));
        }
        // fitted by Spark aggregations in the parallel run: the same preprocessing to within rounding
        assertSamePreprocessing(single.model().preprocessing(), parallel.model().preprocessing());
        double a = single.result().best().validationAccuracy();
        double b = parallel.result().best().validationAccuracy();
        System.out.printf("validation accuracy: one machine %.4f, Spark 2 partitions %.4f; training set %.4f vs %.4f%n", a, b,
                single.evaluationAccuracy(), parallel.evaluationAccuracy());
        assertTrue(a > 0.9, "one machine " + a);
        assertTrue(b >= a - 0.01, "Spark " + b + " vs one machine " + a);
        assertTrue(parallel.evaluationAccuracy() >= single.evaluationAccuracy() - 0.01,
                "training set: Spark " + parallel.evaluationAccuracy() + " vs one machine " + single.evaluationAccuracy());
    }
}
