package org.scgmvae.core.train;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.model.ClassifierInput;
import org.scgmvae.core.model.GmvaeConfig;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.model.WPrior;
import org.scgmvae.core.preprocess.HighlyVariableGenes;
import org.scgmvae.core.preprocess.PreprocessConfig;

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
