package org.scgmvae.core.model;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scgmvae.core.nn.SpecialFunctions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recomputes every loss term of the graph independently in double precision (commons-math
 * Gamma/digamma, closed-form Gaussian and Dirichlet KLs) from the graph's intermediate outputs,
 * with the noise set to zero so that z = mu_z and w = mu_w.
 */
class ReferenceGraphLossTest {

    private static final int B = 4;
    private static final int G = 5;
    private static final int K = 3;
    private static final int DZ = 2;
    private static final int DW = 2;
    private static final int C = 2;

    enum Variant { GAUSSIAN_FIXED, GAUSSIAN_PER_GENE, BERNOULLI, NEGATIVE_BINOMIAL, LEARNED_W_PRIOR, Z_AND_X_CLASSIFIER }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyLossTermMatchesAnIndependentComputation(Variant variant) {
        Likelihood lik = switch (variant) {
            case GAUSSIAN_PER_GENE -> Likelihood.GAUSSIAN_PER_GENE;
            case BERNOULLI -> Likelihood.BERNOULLI;
            case NEGATIVE_BINOMIAL -> Likelihood.NEGATIVE_BINOMIAL;
            default -> Likelihood.GAUSSIAN_FIXED;
        };
        GmvaeConfig cfg = GmvaeConfig.builder(G, C, K).zDim(DZ).wDim(DW).encoderHidden(new int[] {8}).decoderHidden(new int[] {8})
                .priorHidden(new int[] {6}).classifierHidden(new int[] {6}).alpha(0.7).likelihood(lik).fixedVariance(0.5)
                .wPrior(variant == Variant.LEARNED_W_PRIOR ? WPrior.LEARNED : WPrior.STANDARD_NORMAL)
                .classifierInput(variant == Variant.Z_AND_X_CLASSIFIER ? ClassifierInput.Z_AND_X : ClassifierInput.Z).latentBound(10.0).build();
        ReferenceGraph net = new ReferenceGraph(cfg, GmvaeParameters.initialise(cfg, 7));
        SameDiff sd = net.sameDiff();
        Random rnd = new Random(3);
        double[][] x = new double[B][G];
        double[][] counts = new double[B][G];
        for (int i = 0; i < B; i++) {
            for (int j = 0; j < G; j++) {
                counts[i][j] = rnd.nextInt(6);
                x[i][j] = lik == Likelihood.BERNOULLI ? rnd.nextDouble() : rnd.nextGaussian();
            }
        }
        double[][] c = {{1, 0}, {0, 1}, {1, 0}, {0, 1}};
        double[][] y = {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}, {0, 0, 0}};
        double beta = 0.7;
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(ReferenceGraph.X, Nd4j.create(x).castTo(DataType.FLOAT));
        ph.put(ReferenceGraph.C, Nd4j.create(c).castTo(DataType.FLOAT));
        ph.put(ReferenceGraph.Y, Nd4j.create(y).castTo(DataType.FLOAT));
        ph.put(ReferenceGraph.EPS_Z, Nd4j.zeros(DataType.FLOAT, B, DZ));
        ph.put(ReferenceGraph.EPS_W, Nd4j.zeros(DataType.FLOAT, B, DW));
        ph.put(ReferenceGraph.BETA, Nd4j.scalar(DataType.FLOAT, beta));
        double[] logLib = new double[B];
        double[] lgammaCounts = new double[B];
        if (lik == Likelihood.NEGATIVE_BINOMIAL) {
            for (int i = 0; i < B; i++) {
                double lib = 0;
                for (int j = 0; j < G; j++) {
                    lib += counts[i][j];
                    lgammaCounts[i] += Gamma.logGamma(counts[i][j] + 1);
                }
                logLib[i] = Math.log(Math.max(lib, 1));
            }
            ph.put(ReferenceGraph.COUNTS, Nd4j.create(counts).castTo(DataType.FLOAT));
            ph.put(ReferenceGraph.LOG_LIBRARY, Nd4j.create(logLib, new long[] {B, 1}).castTo(DataType.FLOAT));
            ph.put(ReferenceGraph.LGAMMA_COUNTS, Nd4j.create(lgammaCounts).castTo(DataType.FLOAT));
        }
        Map<String, INDArray> out = sd.output(ph, List.of(ReferenceGraph.LOSS, ReferenceGraph.RECON, ReferenceGraph.KL_Z,
                ReferenceGraph.KL_W, ReferenceGraph.KL_Y, ReferenceGraph.KL_D, ReferenceGraph.CLASSIFICATION,
                ReferenceGraph.MU_Z, ReferenceGraph.LOGVAR_Z, ReferenceGraph.MU_W, ReferenceGraph.LOGVAR_W,
                ReferenceGraph.DIRICHLET, ReferenceGraph.QY_MEAN));
        double[][] muZ = out.get(ReferenceGraph.MU_Z).toDoubleMatrix();
        double[][] lvZ = out.get(ReferenceGraph.LOGVAR_Z).toDoubleMatrix();
        double[][] muW = out.get(ReferenceGraph.MU_W).toDoubleMatrix();
        double[][] lvW = out.get(ReferenceGraph.LOGVAR_W).toDoubleMatrix();
        double[][] gc = out.get(ReferenceGraph.DIRICHLET).toDoubleMatrix();
        double[][] qy = out.get(ReferenceGraph.QY_MEAN).toDoubleMatrix();

        Map<String, INDArray> ph2 = new HashMap<>();
        ph2.put(ReferenceGraph.C, ph.get(ReferenceGraph.C));
        ph2.put(ReferenceGraph.W_IN, out.get(ReferenceGraph.MU_W));
        ph2.put(ReferenceGraph.Z_IN, out.get(ReferenceGraph.MU_Z));
        if (lik == Likelihood.NEGATIVE_BINOMIAL) {
            ph2.put(ReferenceGraph.LOG_LIBRARY, ph.get(ReferenceGraph.LOG_LIBRARY));
        }
        List<String> wanted = new java.util.ArrayList<>(List.of(ReferenceGraph.PRIOR_MU, ReferenceGraph.PRIOR_LOGVAR, ReferenceGraph.DECODED));
        if (cfg.wPrior() == WPrior.LEARNED) {
            wanted.add(ReferenceGraph.PRIOR_W_MU);
            wanted.add(ReferenceGraph.PRIOR_W_LOGVAR);
        }
        Map<String, INDArray> out2 = sd.output(ph2, wanted);
        double[] pMu = out2.get(ReferenceGraph.PRIOR_MU).dup().data().asDouble();
        double[] pLv = out2.get(ReferenceGraph.PRIOR_LOGVAR).dup().data().asDouble();
        double[][] dec = out2.get(ReferenceGraph.DECODED).toDoubleMatrix();

        double recon = 0;
        double klZ = 0;
        double klW = 0;
        double klY = 0;
        double klD = 0;
        double cls = 0;
        for (int i = 0; i < B; i++) {
            // reconstruction
            for (int j = 0; j < G; j++) {
                switch (lik) {
                    case GAUSSIAN_FIXED -> recon += 0.5 * Math.pow(x[i][j] - dec[i][j], 2) / 0.5 + 0.5 * Math.log(2 * Math.PI * 0.5);
                    case GAUSSIAN_PER_GENE -> {
                        double ls = sd.getVariable("logSigma").getArr().getDouble(0, j);
                        double var = Math.exp(2 * ls);
                        recon += 0.5 * Math.pow(x[i][j] - dec[i][j], 2) / var + 0.5 * Math.log(2 * Math.PI * var);
                    }
                    case BERNOULLI -> {
                        double p = dec[i][j];
                        recon -= x[i][j] * Math.log(p) + (1 - x[i][j]) * Math.log(1 - p);
                    }
                    case NEGATIVE_BINOMIAL -> {
                        double theta = Math.exp(sd.getVariable("logTheta").getArr().getDouble(0, j));
                        double mu = dec[i][j];
                        double k = counts[i][j];
                        recon -= Gamma.logGamma(k + theta) - Gamma.logGamma(theta) - Gamma.logGamma(k + 1)
                                + theta * Math.log(theta / (theta + mu)) + k * Math.log(mu / (theta + mu));
                    }
                    default -> throw new AssertionError();
                }
            }
            boolean labelled = y[i][0] + y[i][1] + y[i][2] > 0;
            double g0 = gc[i][0] + gc[i][1] + gc[i][2];
            double[] eLogD = new double[K];
            for (int k = 0; k < K; k++) {
                eLogD[k] = Gamma.digamma(gc[i][k]) - Gamma.digamma(g0);
            }
            // z-term: Gaussian KL to each component, weighted by y or q(y|z)
            for (int k = 0; k < K; k++) {
                double kl = 0;
                for (int d = 0; d < DZ; d++) {
                    double m2 = pMu[(i * K + k) * DZ + d];
                    double lv2 = pLv[(i * K + k) * DZ + d];
                    kl += 0.5 * (lv2 - lvZ[i][d] + (Math.exp(lvZ[i][d]) + Math.pow(muZ[i][d] - m2, 2)) / Math.exp(lv2) - 1);
                }
                klZ += (labelled ? y[i][k] : qy[i][k]) * kl;
            }
            // w-term
            for (int d = 0; d < DW; d++) {
                double m2 = 0;
                double lv2 = 0;
                if (cfg.wPrior() == WPrior.LEARNED) {
                    m2 = out2.get(ReferenceGraph.PRIOR_W_MU).getDouble(i, d);
                    lv2 = out2.get(ReferenceGraph.PRIOR_W_LOGVAR).getDouble(i, d);
                }
                klW += 0.5 * (lv2 - lvW[i][d] + (Math.exp(lvW[i][d]) + Math.pow(muW[i][d] - m2, 2)) / Math.exp(lv2) - 1);
            }
            // y-terms
            for (int k = 0; k < K; k++) {
                if (labelled) {
                    cls -= y[i][k] * Math.log(qy[i][k]);
                    klY -= y[i][k] * eLogD[k];
                } else {
                    klY += qy[i][k] * (Math.log(qy[i][k]) - eLogD[k]);
                }
            }
            // d-term: KL(Dir(g) || Dir(alpha))
            double a = cfg.alpha();
            double kd = Gamma.logGamma(g0) - Gamma.logGamma(K * a) + K * Gamma.logGamma(a);
            for (int k = 0; k < K; k++) {
                kd += -Gamma.logGamma(gc[i][k]) + (gc[i][k] - a) * eLogD[k];
            }
            klD += kd;
        }
        double tol = 2e-3;
        assertClose(recon / B, out.get(ReferenceGraph.RECON), tol, "reconstruction");
        assertClose(klZ / B, out.get(ReferenceGraph.KL_Z), tol, "z-KL");
        assertClose(klW / B, out.get(ReferenceGraph.KL_W), tol, "w-KL");
        assertClose(klY / B, out.get(ReferenceGraph.KL_Y), tol, "y-KL");
        assertClose(klD / B, out.get(ReferenceGraph.KL_D), tol, "d-KL");
        assertClose(cls / B, out.get(ReferenceGraph.CLASSIFICATION), tol, "classification");
        // the labelled part of the y-term (-E log d_y) is not warm-up weighted, the unlabelled part is
        double unsupY = 0;
        double supPrior = 0;
        for (int i = 0; i < B; i++) {
            boolean labelled = y[i][0] + y[i][1] + y[i][2] > 0;
            double g0 = gc[i][0] + gc[i][1] + gc[i][2];
            for (int k = 0; k < K; k++) {
                double e = Gamma.digamma(gc[i][k]) - Gamma.digamma(g0);
                if (labelled) {
                    supPrior -= y[i][k] * e;
                } else {
                    unsupY += qy[i][k] * (Math.log(qy[i][k]) - e);
                }
            }
        }
        double expectedLoss = (recon + beta * (klZ + klW + klD + unsupY) + cls + supPrior) / B;
        assertClose(expectedLoss, out.get(ReferenceGraph.LOSS), tol, "total loss");
    }

    private static void assertClose(double expected, INDArray actual, double relTol, String what) {
        double a = actual.getDouble(0);
        assertTrue(Double.isFinite(a), what + " is not finite: " + a);
        assertEquals(expected, a, relTol * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void specialFunctionsMatchCommonsMath() {
        SameDiff sd = SameDiff.create();
        double[] xs = {1e-3, 0.05, 0.5, 1, 2.5, 5.99, 6, 7, 30, 1000, 1e5, 1e30};
        var in = sd.constant("in", Nd4j.create(xs));
        INDArray lg = SdSpecialFunctions.lgamma(sd, in).eval();
        INDArray dg = SdSpecialFunctions.digamma(sd, in).eval();
        for (int i = 0; i < xs.length; i++) {
            assertEquals(Gamma.logGamma(xs[i]), lg.getDouble(i), 1e-7 * Math.max(1, Math.abs(Gamma.logGamma(xs[i]))), "lgamma(" + xs[i] + ")");
            assertEquals(Gamma.digamma(xs[i]), dg.getDouble(i), 1e-7 * Math.max(1, Math.abs(Gamma.digamma(xs[i]))), "digamma(" + xs[i] + ")");
            assertEquals(Gamma.logGamma(xs[i]), SpecialFunctions.lgamma(xs[i]), 1e-8 * Math.max(1, Math.abs(Gamma.logGamma(xs[i]))));
        }
        // outside the domain x > 0: infinity at 0, NaN below (never a finite log|Gamma| for some negative x and NaN for others)
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(0));
        assertTrue(Double.isNaN(SpecialFunctions.lgamma(-0.5)) && Double.isNaN(SpecialFunctions.lgamma(-1.5)));
    }
}
