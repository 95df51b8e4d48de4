package org.scgmvae.core.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Collections;
import java.util.List;

/**
 * Test reference: the same (c)GMVAE written as a SameDiff graph, so that SameDiff's automatic
 * differentiation checks the hand-derived gradients of {@link GmvaeModule}. Built from the same
 * {@link GmvaeParameters}. Too slow for training (SameDiff's per-op overhead), exact enough to test.
 */
public final class ReferenceGraph {

    // ---- placeholders (the parts of a production Batch, see placeholders(), plus the graph-only ones) ----
    public static final String X = "x";
    public static final String C = "c";
    public static final String Y = "y";
    public static final String COUNTS = "counts";
    public static final String LOG_LIBRARY = "logLibrary";
    public static final String LGAMMA_COUNTS = "lgammaCounts";
    public static final String EPS_Z = "epsZ";
    public static final String EPS_W = "epsW";
    public static final String BETA = "beta";
    public static final String Z_IN = "zIn";
    public static final String W_IN = "wIn";

    // ---- outputs ----
    public static final String LOSS = LossTerms.LOSS;
    public static final String RECON = LossTerms.RECON;
    public static final String KL_Z = LossTerms.KL_Z;
    public static final String KL_W = LossTerms.KL_W;
    public static final String KL_Y = LossTerms.KL_Y;
    public static final String KL_D = LossTerms.KL_D;
    public static final String CLASSIFICATION = LossTerms.CLASSIFICATION;
    public static final String MU_Z = "muZ";
    public static final String LOGVAR_Z = "logvarZ";
    public static final String MU_W = "muW";
    public static final String LOGVAR_W = "logvarW";
    public static final String QY_MEAN = "qyMean";
    public static final String DECODED = "decoded";
    public static final String DIRICHLET = "dirichletConcentration";
    public static final String PRIOR_MU = "priorMu";
    public static final String PRIOR_LOGVAR = "priorLogvar";
    public static final String PRIOR_W_MU = "priorWMu";
    public static final String PRIOR_W_LOGVAR = "priorWLogvar";

    /** Names of the loss terms, in reporting order. */
    public static final List<String> TERMS = LossTerms.NAMES;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** The production batch as this graph's placeholders (counts only where the likelihood reads them), with beta. */
    public Map<String, INDArray> placeholders(Batch batch, double beta) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(X, batch.x());
        if (batch.c() != null) {
            ph.put(C, batch.c());
        }
        ph.put(Y, batch.y());
        ph.put(EPS_Z, batch.epsZ());
        ph.put(EPS_W, batch.epsW());
        if (config.likelihood().usesCounts()) {
            ph.put(COUNTS, batch.observed().counts());
            ph.put(LOG_LIBRARY, batch.observed().logLibrary());
            ph.put(LGAMMA_COUNTS, batch.observed().lgammaCounts());
        }
        ph.put(BETA, Nd4j.scalar(DataType.FLOAT, beta));
        return ph;
    }

    private final GmvaeConfig config;
    private final SameDiff sd;
    private final List<String> parameterNames = new ArrayList<>();

    private final SdMlp encoder;
    private final SdDense muZHead;
    private final SdDense lvZHead;
    private final SdDense muWHead;
    private final SdDense lvWHead;
    private final SdMlp classifier;
    private final SdDense classifierHead;
    private final SdMlp dirichletNet;
    private final SdDense dirichletHead;
    private final SdMlp priorNet;
    private final SdDense priorMuHead;
    private final SdDense priorLvHead;
    private final SdMlp decoder;
    private final SdDense decoderHead;
    private final SdMlp wPriorNet;
    private final SdDense wPriorMuHead;
    private final SdDense wPriorLvHead;
    private final SDVariable logSigma;
    private final SDVariable logTheta;

    /** Builds the graph with parameters initialised from {@code seed}. */
    public ReferenceGraph(GmvaeConfig config, GmvaeParameters params) {
        this.config = config;
        this.sd = SameDiff.create();
        int g = config.nFeatures();
        int nc = config.nConditions();
        int k = config.nComponents();
        int dz = config.zDim();
        int dw = config.wDim();

        encoder = new SdMlp(sd, "enc", g + nc, config.encoderHidden(), params, parameterNames);
        muZHead = new SdDense(sd, "enc_muZ", params, parameterNames);
        lvZHead = new SdDense(sd, "enc_lvZ", params, parameterNames);
        muWHead = new SdDense(sd, "enc_muW", params, parameterNames);
        lvWHead = new SdDense(sd, "enc_lvW", params, parameterNames);
        int clsIn = dz + nc + (config.classifierInput() == ClassifierInput.Z_AND_X ? encoder.outDim() : 0);
        classifier = new SdMlp(sd, "qy", clsIn, config.classifierHidden(), params, parameterNames);
        classifierHead = new SdDense(sd, "qy_out", params, parameterNames);
        dirichletNet = new SdMlp(sd, "qd", dz + nc, config.classifierHidden(), params, parameterNames);
        dirichletHead = new SdDense(sd, "qd_out", params, parameterNames);
        priorNet = new SdMlp(sd, "pz", dw + nc, config.priorHidden(), params, parameterNames);
        priorMuHead = new SdDense(sd, "pz_mu", params, parameterNames);
        priorLvHead = new SdDense(sd, "pz_lv", params, parameterNames);
        decoder = new SdMlp(sd, "dec", dz + nc, config.decoderHidden(), params, parameterNames);
        decoderHead = new SdDense(sd, "dec_out", params, parameterNames);
        if (config.wPrior() == WPrior.LEARNED) {
            wPriorNet = new SdMlp(sd, "pw", nc, new int[] {Math.max(8, dw)}, params, parameterNames);
            wPriorMuHead = new SdDense(sd, "pw_mu", params, parameterNames);
            wPriorLvHead = new SdDense(sd, "pw_lv", params, parameterNames);
        } else {
            wPriorNet = null;
            wPriorMuHead = null;
            wPriorLvHead = null;
        }
        logSigma = switch (config.likelihood()) {
            case GAUSSIAN_SIGMA, GAUSSIAN_PER_GENE -> param("logSigma", params.get("logSigma").dup());
            case GAUSSIAN_FIXED -> sd.constant("logSigma", Nd4j.scalar(DataType.FLOAT, 0.5 * Math.log(config.fixedVariance())));
            default -> null;
        };
        logTheta = config.likelihood() == Likelihood.NEGATIVE_BINOMIAL
                ? param("logTheta", params.get("logTheta").dup()) : null;
        buildTrainingGraph();
        buildInferenceGraph();
    }

    private SDVariable param(String name, org.nd4j.linalg.api.ndarray.INDArray init) {
        SDVariable v = sd.var(name, init);
        parameterNames.add(name);
        return v;
    }

    private SDVariable withCondition(SDVariable in) {
        return config.conditional() ? sd.concat(1, in, sd.getVariable(C)) : in;
    }

    /**
     * log-softmax over dimension 1 as x - logsumexp(x). SameDiff's own LogSoftMax op cannot be
     * copied into the gradient graph in 1.0.0-M2.1 ("Error setting property ... LogSoftMax").
     */
    private SDVariable logSoftmax(SDVariable x) {
        SDVariable max = x.max(true, 1);
        SDVariable shifted = x.sub(max);
        return shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
    }

    private SDVariable bounded(SDVariable raw, double bound) {
        return sd.math.tanh(raw.div(bound)).mul(bound);
    }

    /** Encoder outputs: {muZ, lvZ, muW, lvW, hidden}. */
    private SDVariable[] encode(SDVariable x) {
        SDVariable h = encoder.apply(withCondition(x));
        double b = config.latentBound();
        return new SDVariable[] {
            bounded(muZHead.apply(h), b), bounded(lvZHead.apply(h), b / 2),
            bounded(muWHead.apply(h), b), bounded(lvWHead.apply(h), b / 2), h};
    }

    private SDVariable classifierLogits(SDVariable z, SDVariable encoderHidden) {
        SDVariable in = withCondition(z);
        if (config.classifierInput() == ClassifierInput.Z_AND_X) {
            in = sd.concat(1, in, encoderHidden);
        }
        return classifierHead.apply(classifier.apply(in));
    }

    /** Prior component means and log-variances, shape [B, K, Dz]. */
    private SDVariable[] prior(SDVariable w) {
        SDVariable h = priorNet.apply(withCondition(w));
        double b = config.latentBound();
        int k = config.nComponents();
        int dz = config.zDim();
        return new SDVariable[] {
            sd.reshape(bounded(priorMuHead.apply(h), b), -1, k, dz),
            sd.reshape(bounded(priorLvHead.apply(h), b / 2), -1, k, dz)};
    }

    private SDVariable decoderOutput(SDVariable z) {
        return decoderHead.apply(decoder.apply(withCondition(z)));
    }

    private void buildTrainingGraph() {
        int g = config.nFeatures();
        int k = config.nComponents();
        SDVariable x = sd.placeHolder(X, DataType.FLOAT, -1, g);
        if (config.conditional()) {
            sd.placeHolder(C, DataType.FLOAT, -1, config.nConditions());
        }
        SDVariable y = sd.placeHolder(Y, DataType.FLOAT, -1, k);
        SDVariable epsZ = sd.placeHolder(EPS_Z, DataType.FLOAT, -1, config.zDim());
        SDVariable epsW = sd.placeHolder(EPS_W, DataType.FLOAT, -1, config.wDim());
        SDVariable beta = sd.placeHolder(BETA, DataType.FLOAT);

        SDVariable[] enc = encode(x);
        SDVariable muZ = enc[0].rename(MU_Z);
        SDVariable lvZ = enc[1].rename(LOGVAR_Z);
        SDVariable muW = enc[2].rename(MU_W);
        SDVariable lvW = enc[3].rename(LOGVAR_W);
        SDVariable z = muZ.add(sd.math.exp(lvZ.mul(0.5)).mul(epsZ));
        SDVariable w = muW.add(sd.math.exp(lvW.mul(0.5)).mul(epsW));

        // q(y|z): log-probabilities [B, K]
        SDVariable logQy = logSoftmax(classifierLogits(z, enc[4]));
        SDVariable qy = sd.math.exp(logQy);

        // q(d|z) = Dir(gConc); E[log d_k] = psi(g_k) - psi(g_0)
        SDVariable gConc = sd.nn.softplus(dirichletHead.apply(dirichletNet.apply(withCondition(z)))).add(1e-3).rename(DIRICHLET);
        SDVariable g0 = gConc.sum(true, 1);
        SDVariable eLogD = SdSpecialFunctions.digamma(sd, gConc).sub(SdSpecialFunctions.digamma(sd, g0));

        // labelled cells have a one-hot y; m = 1 for them, 0 for unlabelled cells
        SDVariable m = y.sum(true, 1);
        SDVariable unlabelled = m.rsub(1.0);

        // z-term: sum_k weight_k KL(q(z|x) || N(mu_k(w), sigma_k(w))), weight = y (labelled) or q(y|z)
        SDVariable[] pri = prior(w);
        SDVariable muZ3 = sd.expandDims(muZ, 1);
        SDVariable lvZ3 = sd.expandDims(lvZ, 1);
        SDVariable diff = muZ3.sub(pri[0]);
        SDVariable klPerK = pri[1].sub(lvZ3).add(sd.math.exp(lvZ3).add(diff.mul(diff)).mul(sd.math.exp(pri[1].neg())))
                .sub(1.0).sum(2).mul(0.5);
        SDVariable weights = y.add(unlabelled.mul(qy));
        SDVariable klZ = weights.mul(klPerK).sum(1);

        // w-term: KL(q(w|x) || p(w)) with p(w) = N(0, I) or learned N(mu(c), sigma(c))
        SDVariable klW;
        if (config.wPrior() == WPrior.LEARNED) {
            SDVariable[] pw = wPrior();
            SDVariable dw = muW.sub(pw[0]);
            klW = pw[1].sub(lvW).add(sd.math.exp(lvW).add(dw.mul(dw)).mul(sd.math.exp(pw[1].neg()))).sub(1.0).sum(1).mul(0.5);
        } else {
            klW = muW.mul(muW).add(sd.math.exp(lvW)).sub(lvW).sub(1.0).sum(1).mul(0.5);
        }

        // y-term: unlabelled KL(q(y|z) || Cat(d)) in expectation over d; labelled -log q(y|z) - E[log d_y]
        SDVariable klYUnsup = qy.mul(logQy.sub(eLogD)).sum(1).mul(unlabelled.reshape(-1));
        SDVariable classification = y.mul(logQy).sum(1).neg();
        SDVariable supPrior = y.mul(eLogD).sum(1).neg();

        // d-term: KL(Dir(g) || Dir(alpha)), closed form
        double alpha = config.alpha();
        double constant = -org.apache.commons.math3.special.Gamma.logGamma(k * alpha)
                + k * org.apache.commons.math3.special.Gamma.logGamma(alpha);
        SDVariable klD = SdSpecialFunctions.lgamma(sd, g0).reshape(-1)
                .sub(SdSpecialFunctions.lgamma(sd, gConc).sum(1))
                .add(gConc.sub(alpha).mul(eLogD).sum(1))
                .add(constant);

        SDVariable recon = reconstruction(z);

        SDVariable kl = klZ.add(klW).add(klD).add(klYUnsup);
        SDVariable perCell = recon.add(beta.mul(kl)).add(classification).add(supPrior);
        perCell.mean().rename(LOSS);
        recon.mean().rename(RECON);
        klZ.mean().rename(KL_Z);
        klW.mean().rename(KL_W);
        klYUnsup.add(supPrior).mean().rename(KL_Y);
        klD.mean().rename(KL_D);
        classification.mean().rename(CLASSIFICATION);
        sd.setLossVariables(LOSS);
    }

    private SDVariable[] wPrior() {
        SDVariable h = wPriorNet.apply(sd.getVariable(C));
        double b = config.latentBound();
        return new SDVariable[] {bounded(wPriorMuHead.apply(h), b), bounded(wPriorLvHead.apply(h), b / 2)};
    }

    /** -log p(x|z) per cell, shape [B]. */
    private SDVariable reconstruction(SDVariable z) {
        SDVariable out = decoderOutput(z);
        SDVariable x = sd.getVariable(X);
        int g = config.nFeatures();
        return switch (config.likelihood()) {
            case GAUSSIAN_FIXED, GAUSSIAN_SIGMA, GAUSSIAN_PER_GENE -> {
                SDVariable d = x.sub(out);
                SDVariable perGene = d.mul(d).mul(sd.math.exp(logSigma.mul(-2.0))).mul(0.5).add(logSigma).add(0.5 * LOG_2PI);
                yield perGene.sum(1);
            }
            case BERNOULLI -> sd.nn.softplus(out).sub(x.mul(out)).sum(1);
            case NEGATIVE_BINOMIAL, POISSON -> {
                SDVariable counts = sd.placeHolder(COUNTS, DataType.FLOAT, -1, g);
                SDVariable logLib = sd.placeHolder(LOG_LIBRARY, DataType.FLOAT, -1, 1);
                SDVariable lgammaCounts = sd.placeHolder(LGAMMA_COUNTS, DataType.FLOAT, -1);
                SDVariable logMu = logSoftmax(out).add(logLib);
                if (config.likelihood() == Likelihood.POISSON) {
                    // log p = x log mu - mu - lgamma(x + 1)
                    yield counts.mul(logMu).sub(sd.math.exp(logMu)).sum(1).sub(lgammaCounts).neg();
                }
                SDVariable theta = sd.math.exp(logTheta);
                SDVariable logThetaMu = sd.math.log(theta.add(sd.math.exp(logMu)).add(1e-8));
                SDVariable ll = SdSpecialFunctions.lgamma(sd, counts.add(theta))
                        .sub(SdSpecialFunctions.lgamma(sd, theta))
                        .add(theta.mul(logTheta.sub(logThetaMu)))
                        .add(counts.mul(logMu.sub(logThetaMu)));
                yield ll.sum(1).sub(lgammaCounts).neg();
            }
        };
    }

    private void buildInferenceGraph() {
        SDVariable x = sd.getVariable(X);
        SDVariable[] enc = encode(x);
        // classifier on the posterior mean of z (what predict uses)
        sd.math.exp(logSoftmax(classifierLogits(enc[0], enc[4]))).rename(QY_MEAN);

        SDVariable zIn = sd.placeHolder(Z_IN, DataType.FLOAT, -1, config.zDim());
        SDVariable out = decoderOutput(zIn);
        switch (config.likelihood()) {
            case BERNOULLI -> sd.nn.sigmoid(out).rename(DECODED);
            case NEGATIVE_BINOMIAL, POISSON -> sd.math.exp(logSoftmax(out).add(sd.getVariable(LOG_LIBRARY))).rename(DECODED);
            default -> out.rename(DECODED);
        }
        SDVariable wIn = sd.placeHolder(W_IN, DataType.FLOAT, -1, config.wDim());
        SDVariable[] pri = prior(wIn);
        pri[0].rename(PRIOR_MU);
        pri[1].rename(PRIOR_LOGVAR);
        if (config.wPrior() == WPrior.LEARNED) {
            SDVariable[] pw = wPrior();
            pw[0].rename(PRIOR_W_MU);
            pw[1].rename(PRIOR_W_LOGVAR);
        }
    }

    public GmvaeConfig config() {
        return config;
    }

    public SameDiff sameDiff() {
        return sd;
    }

    /** Names of all trainable parameters, in a fixed order. */
    public List<String> parameterNames() {
        return Collections.unmodifiableList(parameterNames);
    }
}
