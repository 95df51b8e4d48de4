package org.scgmvae.core.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.scgmvae.core.model.likelihood.Observed;
import org.scgmvae.core.nn.HostArrays;
import org.scgmvae.core.nn.SpecialFunctions;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-derived gradients of {@link GmvaeModule} against SameDiff's automatic differentiation of
 * the same model ({@link ReferenceGraph}), for every parameter, with random noise, labelled and
 * unlabelled cells and a partial KL weight.
 */
class GmvaeModuleGradientTest {

    /**
     * NO_HIDDEN: every network a single layer on its (block) input, with q(y|z,x) and a learned w prior (whose p(w|c)
     * network always has a hidden layer, see {@link GmvaeParameters#wPriorHidden}).
     */
    enum Variant { GAUSSIAN_FIXED, GAUSSIAN_SIGMA, GAUSSIAN_PER_GENE, BERNOULLI, NEGATIVE_BINOMIAL, POISSON, LEARNED_W_PRIOR, Z_AND_X, UNCONDITIONAL, NO_HIDDEN }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void gradientsMatchAutodiff(Variant v) {
        int b = 6;
        int g = 7;
        int k = 3;
        int nc = v == Variant.UNCONDITIONAL ? 0 : 2;
        Likelihood lik = switch (v) {
            case GAUSSIAN_SIGMA -> Likelihood.GAUSSIAN_SIGMA;
            case GAUSSIAN_PER_GENE -> Likelihood.GAUSSIAN_PER_GENE;
            case BERNOULLI -> Likelihood.BERNOULLI;
            case NEGATIVE_BINOMIAL -> Likelihood.NEGATIVE_BINOMIAL;
            case POISSON -> Likelihood.POISSON;
            default -> Likelihood.GAUSSIAN_FIXED;
        };
        boolean flat = v == Variant.NO_HIDDEN;
        GmvaeConfig cfg = GmvaeConfig.builder(g, nc, k).zDim(2).wDim(3)
                .encoderHidden(flat ? new int[0] : new int[] {8, 5}).decoderHidden(flat ? new int[0] : new int[] {6})
                .priorHidden(flat ? new int[0] : new int[] {5}).classifierHidden(flat ? new int[0] : new int[] {4})
                .alpha(0.6).likelihood(lik).fixedVariance(0.8)
                .wPrior(v == Variant.LEARNED_W_PRIOR || flat ? WPrior.LEARNED : WPrior.STANDARD_NORMAL)
                .classifierInput(v == Variant.Z_AND_X || flat ? ClassifierInput.Z_AND_X : ClassifierInput.Z).latentBound(4.0).build();
        GmvaeParameters params = GmvaeParameters.initialise(cfg, 11);
        // Move log-variance parameters away from zero so that their gradients are exercised.
        if (params.has("logSigma")) {
            params.get("logSigma").assign(Nd4j.rand(DataType.FLOAT, params.get("logSigma").shape()).subi(0.5));
        }
        Random rnd = new Random(5);
        float[] x = new float[b * g];
        float[] counts = new float[b * g];
        float[] logLib = new float[b];
        float[] lgc = new float[b];
        for (int i = 0; i < b; i++) {
            double lib = 0;
            for (int j = 0; j < g; j++) {
                counts[i * g + j] = rnd.nextInt(9);
                lib += counts[i * g + j];
                lgc[i] += (float) SpecialFunctions.lgamma(counts[i * g + j] + 1.0);
                x[i * g + j] = (float) (lik == Likelihood.BERNOULLI ? rnd.nextDouble() : rnd.nextGaussian());
            }
            logLib[i] = (float) Math.log(Math.max(1, lib));
        }
        int[] rows = {0, 1, 2, 3, 4, 5};
        Observed observed = new Observed(Nd4j.create(x, new long[] {b, g}, 'c'), Nd4j.create(counts, new long[] {b, g}, 'c'),
                Nd4j.create(logLib, new long[] {b, 1}, 'c'), Nd4j.create(lgc, new long[] {b}, 'c'));
        Batch batch = new Batch(observed, nc > 0 ? ModelInput.oneHot(rows, new int[] {0, 1, 0, 1, 1, 0}, 2) : null,
                ModelInput.oneHot(rows, new int[] {2, -1, 0, -1, 1, -1}, k),
                Nd4j.randn(DataType.FLOAT, b, cfg.zDim()), Nd4j.randn(DataType.FLOAT, b, cfg.wDim()));
        double beta = 0.7;

        GmvaeModule module = new GmvaeModule(cfg, params);
        // a first call on other values fills the reused gradient buffer: the checked call must not see its leftovers
        Batch other = new Batch(new Observed(observed.x().mul(-2), observed.counts(), observed.logLibrary(), observed.lgammaCounts()),
                batch.c(), batch.y(), batch.epsZ().mul(3), batch.epsW());
        module.lossAndGradients(other, 1.0, 5.0, true);
        // and a shorter batch in between (an epoch's last one) has its own reused arrays, which must not disturb the full batches'
        module.lossAndGradients(firstRows(other, 4), 1.0, 5.0, true);
        GmvaeModule.LossAndGradients mine = module.lossAndGradients(batch, beta, 1.0, true);

        ReferenceGraph ref = new ReferenceGraph(cfg, params);
        Map<String, INDArray> ph = ref.placeholders(batch, beta);
        var og = ref.sameDiff().calculateGradientsAndOutputs(ph, List.of(ReferenceGraph.LOSS, ReferenceGraph.RECON,
                ReferenceGraph.KL_Z, ReferenceGraph.KL_W, ReferenceGraph.KL_Y, ReferenceGraph.KL_D), ref.parameterNames());
        for (String term : List.of(LossTerms.LOSS, LossTerms.RECON, LossTerms.KL_Z, LossTerms.KL_W, LossTerms.KL_Y, LossTerms.KL_D)) {
            double expected = og.getOutputs().get(term).getDouble(0);
            assertEquals(expected, mine.terms().asMap().get(term), 1e-3 * Math.max(1, Math.abs(expected)), term);
        }
        assertEquals(params.arrays().keySet(), mine.gradients().arrays().keySet(), "a gradient for every parameter");
        for (String p : ref.parameterNames()) {
            INDArray expected = og.getGradients().get(p);
            INDArray actual = mine.gradients().get(p);
            assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), p + " shape");
            double scale = Math.max(1e-2, expected.norm2Number().doubleValue());
            double err = expected.sub(actual).norm2Number().doubleValue();
            assertTrue(err / scale < 2e-3, "gradient of " + p + " differs: relative error " + err / scale
                    + "\nexpected " + expected + "\nactual   " + actual);
        }
    }

    /** The component-balance term -lambda H(qbar) against central finite differences, on every classifier output bias. */
    @org.junit.jupiter.api.Test
    void componentBalanceGradientMatchesFiniteDifferences() {
        int b = 6;
        int g = 5;
        int k = 4;
        GmvaeConfig cfg = smallConfig(g, k, ClassifierInput.Z);
        GmvaeParameters params = GmvaeParameters.initialise(cfg, 3);
        Random rnd = new Random(9);
        float[] x = new float[b * g];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        int[] rows = {0, 1, 2, 3, 4, 5};
        // two labelled cells: the term must only see the four unlabelled ones
        Batch batch = new Batch(Observed.values(Nd4j.create(x, new long[] {b, g}, 'c')),
                ModelInput.oneHot(rows, new int[] {0, 1, 0, 1, 1, 0}, 2), ModelInput.oneHot(rows, new int[] {-1, 2, -1, -1, 0, -1}, k),
                Nd4j.randn(DataType.FLOAT, b, cfg.zDim()), Nd4j.randn(DataType.FLOAT, b, cfg.wDim()));
        GmvaeModule module = new GmvaeModule(cfg, params);
        double lambda = 0.8;
        INDArray with = module.lossAndGradients(batch, 0.9, 1.0, lambda, true).gradients().get("qy_out_b").dup();
        INDArray without = module.lossAndGradients(batch, 0.9, 1.0, 0, true).gradients().get("qy_out_b").dup();
        INDArray bias = params.get("qy_out_b");
        double h = 1e-2;
        for (int j = 0; j < k; j++) {
            double orig = bias.getDouble(0, j);
            bias.putScalar(0, j, orig + h);
            double plus = penalty(module, batch, lambda);
            bias.putScalar(0, j, orig - h);
            double minus = penalty(module, batch, lambda);
            bias.putScalar(0, j, orig);
            double numeric = (plus - minus) / (2 * h);
            double analytic = with.getDouble(0, j) - without.getDouble(0, j);
            assertEquals(numeric, analytic, 2e-3 + 0.05 * Math.abs(numeric), "d balance / d qy_out_b[" + j + "]");
        }
        assertTrue(penalty(module, batch, lambda) < 0, "the term is -lambda H, negative");
    }

    /** The batch's first {@code n} cells (copies). */
    private static Batch firstRows(Batch batch, int n) {
        Observed o = batch.observed();
        return new Batch(new Observed(rows(o.x(), n), rows(o.counts(), n), rows(o.logLibrary(), n), rows(o.lgammaCounts(), n)),
                rows(batch.c(), n), rows(batch.y(), n), rows(batch.epsZ(), n), rows(batch.epsW(), n));
    }

    private static INDArray rows(INDArray a, int n) {
        if (a == null) {
            return null;
        }
        return a.rank() == 1 ? a.get(NDArrayIndex.interval(0, n)).dup() : a.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup();
    }

    /** A small conditional model with q(y|z,x) (5 genes, K=4). */
    private static GmvaeModule smallModule() {
        GmvaeConfig cfg = smallConfig(5, 4, ClassifierInput.Z_AND_X);
        return new GmvaeModule(cfg, GmvaeParameters.initialise(cfg, 3));
    }

    /** Two conditions, Dz = Dw = 2, one small layer per network, the Gaussian with fixed unit variance, latents bounded at 4. */
    private static GmvaeConfig smallConfig(int genes, int k, ClassifierInput classifierInput) {
        return GmvaeConfig.builder(genes, 2, k).zDim(2).wDim(2).encoderHidden(new int[] {6}).decoderHidden(new int[] {6})
                .priorHidden(new int[] {5}).classifierHidden(new int[] {4}).classifierInput(classifierInput).latentBound(4.0).build();
    }

    /** A batch of 6 cells for {@link #smallModule} (2 labelled), random expression and noise from {@code seed}. */
    private static Batch smallBatch(GmvaeConfig cfg, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[6 * cfg.nFeatures()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        int[] rows = {0, 1, 2, 3, 4, 5};
        Nd4j.getRandom().setSeed(seed);
        INDArray epsZ = Nd4j.randn(DataType.FLOAT, 6, cfg.zDim());
        INDArray epsW = Nd4j.randn(DataType.FLOAT, 6, cfg.wDim());
        Batch batch = new Batch(Observed.values(Nd4j.create(x, new long[] {6, cfg.nFeatures()}, 'c')),
                ModelInput.oneHot(rows, new int[] {0, 1, 0, 1, 1, 0}, 2),
                ModelInput.oneHot(rows, new int[] {-1, 2, -1, -1, 0, -1}, cfg.nComponents()), epsZ, epsW);
        return batch;
    }

    /** Training steps reuse their intermediate arrays; what inference returned must not change under them. */
    @org.junit.jupiter.api.Test
    void inferenceResultsSurviveLaterTrainingSteps() {
        GmvaeModule module = smallModule();
        Batch batch = smallBatch(module.config(), 1);
        module.lossAndGradients(batch, 1.0, 1.0, true); // the step's arrays exist before inference runs
        GmvaeModule.Encoding enc = module.encode(batch.x(), batch.c());
        INDArray probs = module.classify(enc.muZ(), batch.c(), enc.hidden());
        float[] muZ = HostArrays.read(enc.muZ());
        float[] q = HostArrays.read(probs);
        module.lossAndGradients(smallBatch(module.config(), 2), 1.0, 1.0, true);
        module.lossAndGradients(smallBatch(module.config(), 3), 1.0, 1.0, true);
        assertArrayEquals(muZ, HostArrays.read(enc.muZ()), 0f);
        assertArrayEquals(q, HostArrays.read(probs), 0f);
    }

    /** Releasing the reused buffers after training changes nothing but memory: the next step computes the same. */
    @org.junit.jupiter.api.Test
    void releasedTrainingBuffersAreMadeAgain() {
        GmvaeModule module = smallModule();
        Batch batch = smallBatch(module.config(), 4);
        module.lossAndGradients(smallBatch(module.config(), 5), 1.0, 1.0, true);
        GmvaeModule.LossAndGradients before = module.lossAndGradients(batch, 0.8, 1.0, true);
        float[] expected = HostArrays.read(before.gradients().flat());
        module.releaseTrainingBuffers();
        GmvaeModule.LossAndGradients after = module.lossAndGradients(batch, 0.8, 1.0, true);
        assertEquals(before.loss(), after.loss(), 0.0);
        assertArrayEquals(expected, HostArrays.read(after.gradients().flat()), 0f);
    }

    private static double penalty(GmvaeModule m, Batch batch, double lambda) {
        var with = m.lossAndGradients(batch, 0.9, 1.0, lambda, false).terms();
        var without = m.lossAndGradients(batch, 0.9, 1.0, 0, false).terms();
        assertEquals(without.loss(), with.loss(), 1e-12, "the loss itself stays -ELBO");
        assertEquals(0.0, without.balance(), 0.0);
        return with.balance();
    }
}
