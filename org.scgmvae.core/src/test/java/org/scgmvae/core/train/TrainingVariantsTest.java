package org.scgmvae.core.train;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.infer.CellGenerator;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.model.WPrior;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.task.CancellationToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The less common options train end to end and do what they promise. */
class TrainingVariantsTest {

    private static AnnData smallCounts() {
        SimulatedCounts.Spec d = SimulatedCounts.Spec.defaults();
        return SimulatedCounts.generate(new SimulatedCounts.Spec(400, 120, new double[] {0.5, 0.3, 0.2}, 15, 2.0, 10, 5, 1.5,
                2000, 5.0, 9));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Likelihood.class, names = {"NEGATIVE_BINOMIAL", "POISSON"})
    void countLikelihoodOnRawCountsDecodesCounts(Likelihood likelihood) {
        AnnData counts = smallCounts();
        TrainingRequest req = TrainingRequest.of(counts).withConditions("condition").withEvaluation("cell_type")
                .withPreprocess(PreprocessConfig.defaults().withNTopGenes(0).withHvgFlavor(null))
                .withArchitecture(ArchitectureOptions.defaults().withComponents(8).withLatentDims(8, 2)
                        .withHidden(new int[] {64}, new int[] {64}).withLikelihood(likelihood))
                .withTraining(TrainingConfig.defaults().withEpochs(15).withBatchSize(64));
        ModelTrainer.Outcome o = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
        List<EpochReport> h = o.result().history();
        assertTrue(h.get(h.size() - 1).trainLoss() < h.get(0).trainLoss(), likelihood + " loss decreases");
        assertTrue(o.evaluationAccuracy() > 0.9, likelihood + " model separates the simulated types: " + o.evaluationAccuracy());
        // decoded values are expected counts at the training library size: non-negative, summing to it
        InferenceInput in = InferenceInput.prepare(o.model(), counts, null, null);
        DenseMatrix flipped = ConditionFlipper.flip(o.model(), in.input().select(new int[] {0, 1, 2}), "stim");
        double lib = in.input().librarySize()[0];
        double sum = 0;
        for (int j = 0; j < flipped.nGenes(); j++) {
            assertTrue(flipped.get(0, j) >= 0);
            sum += flipped.get(0, j);
        }
        assertEquals(lib, sum, 1e-3 * lib, "expected counts add up to the cell's library size");
    }

    @Test
    void learnedWPriorAndBernoulliTrain() {
        AnnData toy = ToyBlobs.generate(20, 4);
        TrainingRequest req = ToyModelFixture.request(toy, 3)
                .withArchitecture(ArchitectureOptions.defaults().withComponents(10).withLatentDims(4, 2)
                        .withHidden(new int[] {32}, new int[] {32}).withWPrior(WPrior.LEARNED))
                .withTraining(TrainingConfig.defaults().withEpochs(6).withBatchSize(32));
        ModelTrainer.Outcome o = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
        assertTrue(Double.isFinite(o.result().best().trainLoss()));
        AnnData gen = CellGenerator.generate(o.model(), 4, true, 1);
        assertEquals(4 * 10 * 2, gen.nCells());

        // Bernoulli on values in [0, 1]
        DenseMatrix x = (DenseMatrix) toy.x();
        float[] v = x.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0 ? 1f : 0f;
        }
        AnnData binary = toy.withX(new DenseMatrix(x.nCells(), x.nGenes(), v));
        ModelTrainer.Outcome b = ModelTrainer.train(ToyModelFixture.request(binary, 3)
                .withArchitecture(ArchitectureOptions.defaults().withComponents(5).withLatentDims(4, 2)
                        .withHidden(new int[] {32}, new int[] {32}).withLikelihood(Likelihood.BERNOULLI))
                .withTraining(TrainingConfig.defaults().withEpochs(6).withBatchSize(32)), TrainingListener.NONE, CancellationToken.NEVER);
        AnnData decoded = CellGenerator.generate(b.model(), 2, false, 1);
        for (int i = 0; i < decoded.nCells(); i++) {
            for (int j = 0; j < decoded.nGenes(); j++) {
                float p = decoded.x().get(i, j);
                assertTrue(p >= 0 && p <= 1, "Bernoulli decoder gives probabilities");
            }
        }
    }

    @Test
    void guidedTrainingPretrainsOnClustererLabelsThenFineTunes() {
        AnnData toy = ToyBlobs.generate(30, 6);
        List<String> messages = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onProgress(double fraction, String message) {
                if (messages.isEmpty() || !messages.get(messages.size() - 1).equals(message.split(",")[0])) {
                    messages.add(message.split(",")[0]);
                }
            }
        };
        // "another clusterer": here the true classes, as Leiden would give on well-separated blobs
        AnnData withClusters = toy.withObs(toy.obs().withColumn("leiden", toy.obs().categorical("cell_type")));
        TrainingRequest req = ToyModelFixture.request(withClusters, 2).withGuidance("leiden", 8)
                .withArchitecture(ArchitectureOptions.defaults().withComponents(5).withLatentDims(4, 1)
                        .withHidden(new int[] {32}, new int[] {32}))
                .withTraining(TrainingConfig.defaults().withEpochs(10).withBatchSize(32));
        ModelTrainer.Outcome o = ModelTrainer.train(req, l, CancellationToken.NEVER);
        assertEquals("GUIDED", o.model().summary().mode());
        assertTrue(messages.get(0).startsWith("guided phase"), messages.toString());
        assertEquals(1.0, o.evaluationAccuracy(), 1e-12, "guided K=5 model keeps the 5 classes apart after fine-tuning");
    }

    @Test
    void guidedByComputedLeidenClusters() {
        AnnData counts = smallCounts();
        TrainingRequest req = TrainingRequest.of(counts).withConditions("condition").withEvaluation("cell_type")
                .withGuidance(ModelTrainer.LEIDEN, 5)
                .withArchitecture(ArchitectureOptions.defaults().withLatentDims(8, 2).withHidden(new int[] {64}, new int[] {64}))
                .withTraining(TrainingConfig.defaults().withEpochs(8).withBatchSize(64));
        ModelTrainer.Outcome o = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
        assertEquals("GUIDED", o.model().summary().mode());
        assertTrue(o.trainingData().obs().has(ModelTrainer.LEIDEN), "Leiden clusters were computed");
        int clusters = o.trainingData().obs().categorical(ModelTrainer.LEIDEN).categories().size();
        assertEquals(clusters, o.model().config().nComponents(), "one component per Leiden cluster");
        assertTrue(o.evaluationAccuracy() > 0.95, "guided accuracy " + o.evaluationAccuracy());
    }

    @Test
    void guidedLeidenWithGivenComponentsClustersIntoThatMany() {
        // 3 cell types; K = 6 asks Leiden for 6 clusters (resolution chosen), so every component is pre-trained
        TrainingRequest req = TrainingRequest.of(smallCounts()).withConditions("condition").withEvaluation("cell_type")
                .withGuidance(ModelTrainer.LEIDEN, 5)
                .withArchitecture(ArchitectureOptions.defaults().withComponents(6).withLatentDims(8, 2).withHidden(new int[] {64}, new int[] {64}))
                .withTraining(TrainingConfig.defaults().withEpochs(8).withBatchSize(64));
        ModelTrainer.Outcome o = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
        assertEquals(6, o.trainingData().obs().categorical(ModelTrainer.LEIDEN).categories().size(), "Leiden clusters");
        assertEquals(6, o.model().config().nComponents());
        assertTrue(o.evaluationAccuracy() > 0.95, "guided accuracy " + o.evaluationAccuracy());

        // 8 far-apart blobs share no kNN edge: Leiden cannot make 4 clusters of them, and says so
        AnnData blobs = ToyBlobs.generate(8, 1, 16, 30, 6.0, 0, 0.5, 5);
        TrainingRequest four = TrainingRequest.of(blobs).withPreprocess(null).withGuidance(ModelTrainer.LEIDEN, 2)
                .withArchitecture(ArchitectureOptions.defaults().withComponents(4)).withTraining(TrainingConfig.defaults().withEpochs(1));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelTrainer.train(four, TrainingListener.NONE, CancellationToken.NEVER));
        assertEquals("even at the lowest resolution Leiden finds 8 clusters (groups of cells without kNN neighbours in common are"
                + " never merged), more than the 4 components requested; ask for at least 8 components (or 0: one per Leiden cluster)",
                e.getMessage());
    }

    @Test
    void aSampleOfTheCellsGuidesLargeDataTheOthersTrainUnlabelledInTheGuidedPhase() {
        AnnData cells = smallCounts(); // 400 cells of 3 types
        List<String> messages = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onProgress(double fraction, String message) {
                messages.add(message);
            }

            @Override
            public void onNote(String message) {
                notes.add(message);
            }
        };
        TrainingRequest req = TrainingRequest.of(cells).withConditions("condition").withEvaluation("cell_type").withGuideCells(150)
                .withArchitecture(ArchitectureOptions.defaults().withComponents(3).withLatentDims(8, 2).withHidden(new int[] {64}, new int[] {64}))
                .withTraining(TrainingConfig.defaults().withEpochs(8).withBatchSize(64)).withDefaultGuidance().toBuilder().guidedEpochs(5).build();
        ModelTrainer.Outcome o = ModelTrainer.train(req, l, CancellationToken.NEVER);
        assertEquals("GUIDED", o.model().summary().mode());
        CategoricalColumn guide = o.trainingData().obs().categorical(ModelTrainer.LEIDEN);
        long guided = java.util.stream.IntStream.range(0, guide.size()).filter(i -> !guide.isMissing(i)).count();
        assertEquals(150, guided, "Leiden clustered the sample only; the other 250 cells are unlabelled in the guided phase");
        assertEquals(3, guide.categories().size(), "no '-1' category for the cells outside the sample");
        assertTrue(messages.contains("Leiden clustering for guided training (3 clusters) on a sample of 150 of 400 cells"), messages.toString());
        assertEquals(List.of("Leiden's guide is a seeded sample of 150 of the 400 cells (the guide-cells setting); the others train"
                + " unlabelled in the guided phase, whose validation accuracy is measured on the sampled cells"), notes);
        assertTrue(o.evaluationAccuracy() > 0.95, "the guide of 150 cells still separates the 3 types: " + o.evaluationAccuracy());
        assertEquals(150, o.model().summary().provenance().settings().get("guideCells"));

        // at or above the cells' number, every cell is clustered, as before the limit existed
        TrainingRequest all = req.withGuideCells(400).toBuilder().training(req.training().withEpochs(1)).guidedEpochs(1).build();
        CategoricalColumn every = ModelTrainer.train(all, TrainingListener.NONE, CancellationToken.NEVER).trainingData().obs()
                .categorical(ModelTrainer.LEIDEN);
        assertTrue(java.util.stream.IntStream.range(0, every.size()).noneMatch(every::isMissing));
        assertThrows(IllegalArgumentException.class, () -> req.withGuideCells(99), "--guide-cells ranges from 100");
        // a sample too small for the components is refused before Leiden, with the remedy
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> ModelTrainer.train(req.withGuideCells(100)
                .withArchitecture(req.architecture().withComponents(120)), TrainingListener.NONE, CancellationToken.NEVER));
        assertEquals("Leiden's guide is a sample of 100 cells (the guide-cells setting), fewer than the 120 components it should give"
                + " clusters for; guide with at least 120 cells, or train with fewer components", few.getMessage());
    }

    @Test
    void trainingWithoutLabelsIsLeidenGuidedByDefault() {
        AnnData cells = smallCounts();
        TrainingRequest plain = TrainingRequest.of(cells).withConditions("condition").withEvaluation("cell_type")
                .withArchitecture(ArchitectureOptions.defaults().withComponents(6).withLatentDims(8, 2).withHidden(new int[] {64}, new int[] {64}))
                .withTraining(TrainingConfig.defaults().withEpochs(8).withBatchSize(64));
        TrainingRequest route = plain.withDefaultGuidance();
        assertEquals(ModelTrainer.LEIDEN, route.guidedLabelColumn());
        assertTrue(route.guidanceByDefault());
        assertEquals(TrainingRequest.DEFAULT_GUIDED_EPOCHS, route.guidedEpochs());
        assertEquals(6, route.architecture().components(), "the components asked for");
        assertEquals(ArchitectureOptions.OVER_CLUSTERING,
                TrainingRequest.of(cells).withDefaultGuidance().architecture().components(), "else over-clustering, into Leiden's 20 clusters");
        // labels, an explicit guidance column and 'none' are kept as asked
        assertEquals(plain.withLabels("cell_type"), plain.withLabels("cell_type").withDefaultGuidance());
        assertEquals(plain.withGuidance("my_clusters", 5), plain.withGuidance("my_clusters", 5).withDefaultGuidance());
        assertNull(plain.withGuidance(TrainingRequest.UNGUIDED, 5).withDefaultGuidance().guidedLabelColumn());

        // a 'leiden' column already in obs (e.g. written by 'scgmvae leiden' at another resolution) does not steer the default route
        String[] stale = new String[cells.nCells()];
        java.util.Arrays.fill(stale, "only");
        TrainingRequest withColumn = route.toBuilder().data(cells.withObs(cells.obs().withColumn(ModelTrainer.LEIDEN,
                org.scgmvae.core.data.CategoricalColumn.fromStrings(stale)))).guidedEpochs(3).build();
        ModelTrainer.Outcome o = ModelTrainer.train(withColumn, TrainingListener.NONE, CancellationToken.NEVER);
        assertEquals("GUIDED", o.model().summary().mode());
        assertEquals(6, o.trainingData().obs().categorical(ModelTrainer.LEIDEN).categories().size(), "Leiden's 6 clusters, computed anew");
        // one history for both phases, numbered on; the provenance names the guidance that ran
        var history = o.result().history();
        assertEquals(3 + 8, history.size(), "3 guided epochs, then 8");
        for (int e = 0; e < history.size(); e++) {
            assertEquals(e + 1, history.get(e).epoch());
        }
        assertTrue(o.result().bestEpoch() > 3, "the kept epoch is one of the unsupervised phase: " + o.result().bestEpoch());
        assertEquals(ModelTrainer.LEIDEN, o.model().summary().provenance().settings().get("guidedLabelColumn"));
        assertEquals(Boolean.TRUE, o.model().summary().provenance().settings().get("guidanceByDefault"));

        // where Leiden cannot give K clusters, the default route steps aside with a warning instead of failing
        AnnData blobs = ToyBlobs.generate(8, 1, 16, 30, 6.0, 0, 0.5, 5);
        java.util.List<String> warnings = new java.util.ArrayList<>();
        TrainingListener listen = new TrainingListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        };
        // a 'leiden' column of the file (here 8 clusters, more than the 4 components) is not used after the fallback either
        String[] eight = new String[blobs.nCells()];
        for (int i = 0; i < eight.length; i++) {
            eight[i] = "c" + (i % 8);
        }
        blobs = blobs.withObs(blobs.obs().withColumn(ModelTrainer.LEIDEN, org.scgmvae.core.data.CategoricalColumn.fromStrings(eight)));
        ModelTrainer.Outcome unguided = ModelTrainer.train(TrainingRequest.of(blobs).withPreprocess(null)
                .withArchitecture(ArchitectureOptions.defaults().withComponents(4)).withTraining(TrainingConfig.defaults().withEpochs(1))
                .withDefaultGuidance(), listen, CancellationToken.NEVER);
        assertEquals("UNSUPERVISED", unguided.model().summary().mode());
        assertNull(unguided.model().summary().provenance().settings().get("guidedLabelColumn"), "no guidance ran");
        assertEquals(4, unguided.model().config().nComponents());
        assertEquals("even at the lowest resolution Leiden finds 8 clusters, more than the 4 components: training"
                + " without Leiden guidance (ask for at least 8 components to have it)", warnings.get(0));
    }

    @Test
    void countLikelihoodRejectsNonCountsAndGuidanceExcludesLabels() {
        AnnData toy = ToyBlobs.generate(10, 4); // Gaussian blobs: negative, non-integer values
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelTrainer.train(ToyModelFixture.request(toy, 1).withArchitecture(ArchitectureOptions.defaults()
                        .withLikelihood(Likelihood.NEGATIVE_BINOMIAL)), TrainingListener.NONE, CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("raw counts") && e.getMessage().contains("NEGATIVE_BINOMIAL"), e.getMessage());

        IllegalArgumentException g = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelTrainer.train(ToyModelFixture.request(toy, 1).withLabels("cell_type").withGuidance(ModelTrainer.LEIDEN, 3),
                        TrainingListener.NONE, CancellationToken.NEVER));
        assertTrue(g.getMessage().contains("cannot be combined"), g.getMessage());
    }

    private static TrainingListener counter(int[] counts, int slot) {
        return new TrainingListener() {
            @Override
            public void onProgress(double fraction, String message) {
                counts[slot]++;
            }
        };
    }

    @Test
    void rebalancingOversamplesRareLabelledClasses() {
        AnnData toy = ToyBlobs.generate(40, 8);
        // make class4 rare: keep only 4 of its 80 cells
        CategoricalColumn t = toy.obs().categorical("cell_type");
        int[] keep = java.util.stream.IntStream.range(0, toy.nCells())
                .filter(i -> !"class4".equals(t.stringValue(i)) || i % 20 == 0).toArray();
        AnnData rare = toy.selectCells(keep);
        TrainingRequest base = ToyModelFixture.request(rare, 5).withLabels("cell_type").withEvaluation(null)
                .withArchitecture(ArchitectureOptions.defaults().withLatentDims(4, 1).withHidden(new int[] {32}, new int[] {32}))
                .withTraining(TrainingConfig.defaults().withEpochs(3).withBatchSize(32).withValidation(0, 0));
        int[] batches = new int[2];
        ModelTrainer.train(base, counter(batches, 0), CancellationToken.NEVER);
        ModelTrainer.Outcome balanced = ModelTrainer.train(base.withTraining(base.training().withRebalance(true, 0.1)),
                counter(batches, 1), CancellationToken.NEVER);
        // every class is seen as often as the largest: 4 x 80 cells + class4's 4 cells + 76 noisy copies
        int rareCells = keep.length - 4 * 80;
        assertEquals(4, rareCells);
        assertEquals(3 * (int) Math.ceil(keep.length / 32.0), batches[0], "mini-batches without rebalancing");
        assertEquals(3 * (int) Math.ceil((4 * 80 + 80) / 32.0), batches[1], "mini-batches with rebalancing");
        assertTrue(Double.isFinite(balanced.result().best().trainLoss()));
    }

    /** Seed 2 of the toy benchmark merged types into shared components without the balance term (BENCHMARKS.md); with it, it does not. */
    @Test
    void componentBalanceKeepsToyTypesApart() {
        AnnData toy = ToyBlobs.generate(100, 2);
        TrainingRequest req = TrainingRequest.of(toy).withPreprocess(null).withConditions("condition").withEvaluation("cell_type")
                .withArchitecture(ArchitectureOptions.defaults().withComponents(20).withLatentDims(4, 1)
                        .withHidden(new int[] {64}, new int[] {64}))
                .withTraining(TrainingConfig.defaults().withEpochs(50).withBatchSize(32).withWarmup(5).withSeed(2));
        double balanced = ModelTrainer.train(req.withTraining(req.training().withComponentBalance(0.5)), TrainingListener.NONE,
                CancellationToken.NEVER).evaluationAccuracy();
        assertEquals(1.0, balanced, 1e-9, "with component balance every component is pure");
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withComponentBalance(-1));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withComponentBalance(Double.POSITIVE_INFINITY));
    }
}
