package org.scgmvae.core.train;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.model.ClassifierInput;
import org.scgmvae.core.model.GmvaeConfig;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.model.WPrior;
import org.scgmvae.core.preprocess.HighlyVariableGenes;
import org.scgmvae.core.preprocess.PreprocessConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configs' builders: a copy changes only what it names, and a built config is checked like a constructed one. */
class ConfigBuildersTest {

    @Test
    void trainingConfigBuilderChangesOnlyWhatItNames() {
        TrainingConfig d = TrainingConfig.defaults();
        assertEquals(d, d.toBuilder().build());
        TrainingConfig c = TrainingConfig.builder().epochs(7).seed(3).componentBalance(0.5).build();
        assertEquals(7, c.epochs());
        assertEquals(3, c.seed());
        assertEquals(0.5, c.componentBalance());
        assertEquals(d.batchSize(), c.batchSize());
        assertEquals(d.learningRate(), c.learningRate());
        assertEquals(d.classificationWeight(), c.classificationWeight());
        assertEquals(d.withEpochs(7).withSeed(3).withComponentBalance(0.5), c);
        assertEquals(d, c.toBuilder().epochs(d.epochs()).seed(d.seed()).componentBalance(0).build());
    }

    @Test
    void everyFieldSurvivesTheBuilder() {
        // all values distinct, so that two fields of one type swapped in build() would show
        TrainingConfig t = TrainingConfig.builder().epochs(11).batchSize(12).learningRate(0.013).lrDecay(0.914).warmupEpochs(15)
                .validationFraction(0.16).patience(17).seed(18).classificationWeight(19).rebalance(true).rebalanceNoise(0.21)
                .gradientClipNorm(22).componentBalance(0.23).restarts(24).build();
        assertEquals(t, t.toBuilder().build());
        assertEquals(List.of(11, 12, 0.013, 0.914, 15, 0.16, 17, 18L, 19.0, true, 0.21, 22.0, 0.23, 24),
                List.of(t.epochs(), t.batchSize(), t.learningRate(), t.lrDecay(), t.warmupEpochs(), t.validationFraction(), t.patience(),
                        t.seed(), t.classificationWeight(), t.rebalance(), t.rebalanceNoise(), t.gradientClipNorm(), t.componentBalance(),
                        t.restarts()));
        GmvaeConfig g = GmvaeConfig.builder(31, 2, 33).zDim(34).wDim(35).encoderHidden(new int[] {36}).decoderHidden(new int[] {37})
                .priorHidden(new int[] {38}).classifierHidden(new int[] {39}).alpha(0.41).likelihood(Likelihood.POISSON)
                .fixedVariance(0.42).wPrior(WPrior.LEARNED).classifierInput(ClassifierInput.Z_AND_X).latentBound(4.3).build();
        assertEquals(g, g.toBuilder().build());
        assertEquals("GmvaeConfig[features=31, conditions=2, K=33, Dz=34, Dw=35, encoder=[36], decoder=[37], prior=[38], classifier=[39],"
                + " alpha=0.41, likelihood=POISSON, fixedVariance=0.42, wPrior=LEARNED, classifierInput=Z_AND_X, latentBound=4.3]", g.toString());
        PreprocessConfig p = PreprocessConfig.asIs().toBuilder().countsLayer("raw").minCountsPerCell(51).minGenesPerCell(52)
                .minCellsPerGene(53).minCountsPerGene(54).normalizeTotal(true).targetSum(55.0).log1p(true)
                .hvgFlavor(HighlyVariableGenes.Flavor.CELL_RANGER).nTopGenes(56).scale(true).scaleMaxValue(57.0).build();
        assertEquals(p, p.toBuilder().build());
        assertEquals(new PreprocessConfig("raw", 51, 52, 53, 54, true, 55.0, true, HighlyVariableGenes.Flavor.CELL_RANGER, 56, true, 57.0), p);
        ArchitectureOptions a = ArchitectureOptions.builder().components(61).zDim(62).wDim(63).alpha(0.64).build();
        assertEquals(List.of(61, 62, 63, 0.64), List.of(a.components(), a.zDim(), a.wDim(), a.alpha()));
    }

    @Test
    void builtConfigsAreCheckedWithTheOptionsRanges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().batchSize(1).build());
        assertTrue(e.getMessage().contains("batch_size") && e.getMessage().contains("from 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArchitectureOptions.builder().decoderHidden(new int[0]).build());
        assertTrue(e.getMessage().contains("decoder_hidden"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PreprocessConfig.defaults().toBuilder().nTopGenes(-1).build());
        assertTrue(e.getMessage().contains("n_top_genes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GmvaeConfig.builder(5, 0, 3).wPrior(WPrior.LEARNED).build());
        assertTrue(e.getMessage().contains("needs conditions"), e.getMessage());
    }

    @Test
    void architectureOptionsBuildTheModelConfig() {
        ArchitectureOptions a = ArchitectureOptions.builder().components(4).zDim(8).wDim(3).encoderHidden(new int[] {32})
                .likelihood(Likelihood.NEGATIVE_BINOMIAL).classifierInput(ClassifierInput.Z_AND_X).build();
        assertEquals(a, a.toBuilder().build());
        GmvaeConfig g = a.toConfig(50, 2, 0);
        GmvaeConfig d = GmvaeConfig.defaults(50, 2, 4);
        assertEquals(4, g.nComponents());
        assertEquals(8, g.zDim());
        assertEquals(3, g.wDim());
        assertArrayEquals(new int[] {32}, g.encoderHidden());
        assertArrayEquals(d.decoderHidden(), g.decoderHidden());
        assertArrayEquals(d.priorHidden(), g.priorHidden());
        assertEquals(Likelihood.NEGATIVE_BINOMIAL, g.likelihood());
        assertEquals(ClassifierInput.Z_AND_X, g.classifierInput());
        assertEquals(d.latentBound(), g.latentBound());
        assertEquals(d, d.toBuilder().build());
    }

    @Test
    void preprocessingRoutesAreNamedCopies() {
        PreprocessConfig n = PreprocessConfig.alreadyNormalized();
        assertTrue(n.scale());
        assertEquals(10.0, n.scaleMaxValue());
        assertTrue(!n.normalizeTotal() && !n.log1p());
        assertNull(n.hvgFlavor());
        assertTrue(PreprocessConfig.asIs().isIdentity());
        PreprocessConfig c = PreprocessConfig.defaults().toBuilder().hvgFlavor(HighlyVariableGenes.Flavor.CELL_RANGER).nTopGenes(500).build();
        assertEquals(PreprocessConfig.defaults().withHvgFlavor(HighlyVariableGenes.Flavor.CELL_RANGER).withNTopGenes(500), c);
    }
}
