package org.scgmvae.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import static org.scgmvae.core.model.ArrayAllocator.FRESH;

/**
 * The (c)GMVAE of MODEL.md: forward pass, -ELBO with its five terms and hand-derived gradients
 * of every parameter, on ND4J arrays.
 *
 * <p>Why not SameDiff: the graph has ~340 ops (five networks, Gaussian/Dirichlet/categorical KLs,
 * series for lgamma/digamma) and SameDiff 1.0.0-M2.1 spends 60-150 microseconds of bookkeeping per
 * op, i.e. 80-170 ms per mini-batch even for a tiny network. Here the matrix products go straight
 * to OpenBLAS ({@link Blas}), the activations (ELU, the heads' bounded tanh) are SIMD-compiled Java
 * loops ({@link VectorMath}), and the small per-cell terms ([B, K] and [B, K, Dz]) and the likelihood are
 * plain Java loops over bulk host copies ({@link HostArrays}), so a step costs about what its
 * arithmetic costs (more than half of it in the matrix products; see BENCHMARKS.md). The gradients
 * are verified against a SameDiff autodiff build of the same model in the tests.
 *
 * <p>Noise (epsZ, epsW) comes in with the batch, so all randomness is owned by the caller's
 * seeded generator. d ~ q(d|z) = Dir(g) enters the loss only through E[log d_k] = psi(g_k) -
 * psi(sum g), used in closed form: the exact expectation of the one-sample Monte-Carlo estimate,
 * without its variance.
 */
public final class GmvaeModule {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double DIRICHLET_FLOOR = 1e-3;

    private final GmvaeConfig cfg;
    private final GmvaeParameters params;
    private final double dirichletConstant;
    /** Reused gradient buffer (zeroed per call): allocating the per-parameter views is costly in ND4J. */
    private GmvaeParameters gradientBuffer;
    /** The training step's intermediate arrays, reused by the next step (see {@link StepArrays}). */
    private StepArrays stepArrays = new StepArrays();

    public GmvaeModule(GmvaeConfig cfg, GmvaeParameters params) {
        ComputeSettings.apply();
        this.cfg = cfg;
        this.params = params;
        int k = cfg.nComponents();
        double a = cfg.alpha();
        this.dirichletConstant = -SpecialFunctions.lgamma(k * a) + k * SpecialFunctions.lgamma(a);
    }

    public GmvaeConfig config() {
        return cfg;
    }

    public GmvaeParameters parameters() {
        return params;
    }

    /**
     * Drops the buffers that training steps reuse (the gradient buffer and the step's arrays, ~7-8 MB for 2,000 genes),
     * so that a trained model kept for inference (a KNIME port object, say) does not hold them; the next training
     * step makes them again.
     */
    public void releaseTrainingBuffers() {
        gradientBuffer = null;
        stepArrays = new StepArrays();
    }

    // ------------------------------------------------------------------ inference building blocks

    /**
     * Encoder outputs for a batch. {@code hidden} is the encoder's last hidden layer (its input, concatenated,
     * when it has none; null then unless q(y|z,x) needs it), the extra classifier input of q(y|z,x);
     * {@code acts} are kept for the backward pass.
     */
    public record Encoding(INDArray muZ, INDArray logvarZ, INDArray muW, INDArray logvarW, INDArray hidden, StackActivations acts) {
    }

    public Encoding encode(INDArray x, INDArray c) {
        return encode(FRESH, x, c);
    }

    private Encoding encode(ArrayAllocator alloc, INDArray x, INDArray c) {
        StackActivations acts = DenseOps.mlp(alloc, withCondition(x, c), params, "enc", cfg.encoderHidden().length);
        INDArray[] h = acts.last();
        double b = cfg.latentBound();
        // q(y|z,x)'s extra input; only an encoder without hidden layers needs its input blocks concatenated for it
        INDArray hidden = h.length == 1 ? h[0] : cfg.classifierInput() == ClassifierInput.Z_AND_X ? Nd4j.hstack(h) : null;
        return new Encoding(boundedHead(alloc, h, "enc_muZ", b), boundedHead(alloc, h, "enc_lvZ", b / 2),
                boundedHead(alloc, h, "enc_muW", b), boundedHead(alloc, h, "enc_lvW", b / 2), hidden, acts);
    }

    /** q(y|z) probabilities [B, K]. {@code hidden} is the encoder's last hidden layer (used by q(y|z,x)). */
    public INDArray classify(INDArray z, INDArray c, INDArray hidden) {
        StackActivations acts = DenseOps.mlp(FRESH, classifierInput(z, c, hidden), params, "qy", cfg.classifierHidden().length);
        INDArray logits = DenseOps.linear(FRESH, acts.last(), params, "qy_out");
        return Transforms.softmax(logits, false);
    }

    /** Prior component means and log-variances, each [B, K * Dz] (component k occupies columns k*Dz..). */
    public INDArray[] prior(INDArray w, INDArray c) {
        INDArray[] last = DenseOps.mlp(FRESH, withCondition(w, c), params, "pz", cfg.priorHidden().length).last();
        double b = cfg.latentBound();
        return new INDArray[] {boundedHead(FRESH, last, "pz_mu", b), boundedHead(FRESH, last, "pz_lv", b / 2)};
    }

    /** p(w|c) means and log-variances (learned prior only). */
    public INDArray[] wPrior(INDArray c) {
        INDArray[] last = DenseOps.mlp(FRESH, new INDArray[] {c}, params, "pw", GmvaeParameters.wPriorHidden(cfg).length).last();
        double b = cfg.latentBound();
        return new INDArray[] {boundedHead(FRESH, last, "pw_mu", b), boundedHead(FRESH, last, "pw_lv", b / 2)};
    }

    /**
     * Decoder mean: model-input units (Gaussian), probabilities (Bernoulli) or expected counts for
     * the given log library sizes [B, 1] (negative binomial).
     */
    public INDArray decode(INDArray z, INDArray c, INDArray logLibrary) {
        INDArray out = decoderOutput(z, c)[0];
        return switch (cfg.likelihood()) {
            case BERNOULLI -> Transforms.sigmoid(out, false);
            case NEGATIVE_BINOMIAL -> Transforms.exp(logSoftmax(out).addiColumnVector(logLibrary), false);
            default -> out;
        };
    }

    // ------------------------------------------------------------------ training

    /**
     * Loss terms (batch means) and, when requested, gradients of {@code loss} w.r.t. every
     * parameter (same layout as the parameters). The gradient buffer is reused by the next call, as are the
     * step's intermediate arrays ({@link StepArrays}): calls with gradients must not run concurrently on one module.
     */
    public record LossAndGradients(Map<String, Double> terms, GmvaeParameters gradients) {

        public double loss() {
            return terms.get(BatchKeys.LOSS);
        }
    }

    /**
     * @param batch                arrays named as in {@link BatchKeys} (x, c, y, epsZ, epsW and for counts models
     *                             counts, logLibrary, lgammaCounts)
     * @param beta                 KL warm-up weight (multiplies the z-, w-, d- and unlabelled y-terms)
     * @param classificationWeight weight of -log q(y|z) for labelled cells
     */
    public LossAndGradients lossAndGradients(Map<String, INDArray> batch, double beta, double classificationWeight,
                                             boolean withGradients) {
        return lossAndGradients(batch, beta, classificationWeight, 0, withGradients);
    }

    /** As above, plus the component-balance term (see {@link org.scgmvae.core.train.TrainingConfig#componentBalance}). */
    public LossAndGradients lossAndGradients(Map<String, INDArray> batch, double beta, double classificationWeight,
                                             double componentBalance, boolean withGradients) {
        INDArray x = batch.get(BatchKeys.X);
        INDArray c = cfg.conditional() ? batch.get(BatchKeys.C) : null;
        int bsz = (int) x.size(0);
        int k = cfg.nComponents();
        int dz = cfg.zDim();
        int dw = cfg.wDim();
        double s = 1.0 / bsz;
        float[] y = flat(batch.get(BatchKeys.Y));
        float[] epsZ = flat(batch.get(BatchKeys.EPS_Z));
        float[] epsW = flat(batch.get(BatchKeys.EPS_W));
        ArrayAllocator alloc = FRESH;
        if (withGradients) {
            stepArrays.rewind(bsz);
            alloc = stepArrays;
        }

        // ---- encoder and reparameterised samples
        Encoding enc = encode(alloc, x, c);
        float[] muZ = flat(enc.muZ());
        float[] lvZ = flat(enc.logvarZ());
        float[] muW = flat(enc.muW());
        float[] lvW = flat(enc.logvarW());
        float[] z = new float[bsz * dz];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (muZ[i] + Math.exp(0.5 * lvZ[i]) * epsZ[i]);
        }
        float[] w = new float[bsz * dw];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (muW[i] + Math.exp(0.5 * lvW[i]) * epsW[i]);
        }
        INDArray zArr = alloc.of(z, bsz, dz);
        INDArray wArr = alloc.of(w, bsz, dw);

        // ---- q(y|z): log-probabilities
        StackActivations clsActs = DenseOps.mlp(alloc, classifierInput(zArr, c, enc.hidden()), params, "qy", cfg.classifierHidden().length);
        float[] logits = flat(DenseOps.linear(alloc, clsActs.last(), params, "qy_out"));
        double[] logQ = new double[bsz * k];
        double[] q = new double[bsz * k];
        for (int i = 0; i < bsz; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits[i * k + j] - max);
            }
            double lse = max + Math.log(sum);
            for (int j = 0; j < k; j++) {
                logQ[i * k + j] = logits[i * k + j] - lse;
                q[i * k + j] = Math.exp(logQ[i * k + j]);
            }
        }

        // ---- q(d|z) = Dir(g)
        StackActivations dActs = DenseOps.mlp(alloc, withCondition(zArr, c), params, "qd", cfg.classifierHidden().length);
        float[] rawG = flat(DenseOps.linear(alloc, dActs.last(), params, "qd_out"));
        double[] g = new double[bsz * k];
        double[] g0 = new double[bsz];
        for (int i = 0; i < g.length; i++) {
            g[i] = softplus(rawG[i]) + DIRICHLET_FLOOR;
            g0[i / k] += g[i];
        }
        double[] eLogD = new double[bsz * k];
        for (int i = 0; i < bsz; i++) {
            double psi0 = SpecialFunctions.digamma(g0[i]);
            for (int j = 0; j < k; j++) {
                eLogD[i * k + j] = SpecialFunctions.digamma(g[i * k + j]) - psi0;
            }
        }

        // ---- prior p(z|w,y,c)
        StackActivations pActs = DenseOps.mlp(alloc, withCondition(wArr, c), params, "pz", cfg.priorHidden().length);
        INDArray[] pLast = pActs.last();
        double bnd = cfg.latentBound();
        float[] pMu = flat(boundedHead(alloc, pLast, "pz_mu", bnd));
        float[] pLv = flat(boundedHead(alloc, pLast, "pz_lv", bnd / 2));

        // ---- learned w prior
        float[] pwMu = null;
        float[] pwLv = null;
        StackActivations pwActs = null;
        if (cfg.wPrior() == WPrior.LEARNED) {
            pwActs = DenseOps.mlp(alloc, new INDArray[] {c}, params, "pw", GmvaeParameters.wPriorHidden(cfg).length);
            INDArray[] last = pwActs.last();
            pwMu = flat(boundedHead(alloc, last, "pw_mu", bnd));
            pwLv = flat(boundedHead(alloc, last, "pw_lv", bnd / 2));
        }

        // ---- per-cell terms and their gradients w.r.t. the small tensors
        double sumKlZ = 0;
        double sumKlW = 0;
        double sumKlY = 0;
        double sumKlD = 0;
        double sumCls = 0;
        double sumLossNoRecon = 0;
        float[] dMuZ = new float[bsz * dz];
        float[] dLvZ = new float[bsz * dz];
        float[] dMuW = new float[bsz * dw];
        float[] dLvW = new float[bsz * dw];
        float[] dPMu = new float[bsz * k * dz];
        float[] dPLv = new float[bsz * k * dz];
        float[] dPwMu = pwMu == null ? null : new float[bsz * dw];
        float[] dPwLv = pwMu == null ? null : new float[bsz * dw];
        double[] dLogQ = new double[bsz * k];
        double[] dE = new double[bsz * k];
        double[] dG = new double[bsz * k];
        float[] varZ = new float[dz];
        // 1 / variance of every prior component in one vectorised pass (exp is the costly part of the z-term)
        float[] invVarP = VectorMath.expOfNegated(pLv);
        double[] unlabelled = new double[bsz]; // 1 for unlabelled cells, 0 for labelled ones
        for (int i = 0; i < bsz; i++) {
            double m = 0;
            for (int j = 0; j < k; j++) {
                m += y[i * k + j];
            }
            double u = 1 - m;
            unlabelled[i] = u;
            for (int d = 0; d < dz; d++) {
                varZ[d] = (float) Math.exp(lvZ[i * dz + d]); // shared by all K components
            }
            // z-term: value and gradients, inner loops over the Dz contiguous values of cell i and component j in float
            // without calls (the exp is precomputed; C2 can vectorise the gradient loop, not the ordered float sum of the
            // value); the weight y + u q is known beforehand
            double klZ = 0;
            int zi = i * dz;
            for (int j = 0; j < k; j++) {
                double wt = y[i * k + j] + u * q[i * k + j];
                int pi = (i * k + j) * dz;
                float kl = 0;
                for (int d = 0; d < dz; d++) {
                    float diff = muZ[zi + d] - pMu[pi + d];
                    kl += pLv[pi + d] - lvZ[zi + d] + (varZ[d] + diff * diff) * invVarP[pi + d] - 1f;
                }
                kl *= 0.5f;
                klZ += wt * kl;
                if (withGradients) {
                    float coef = (float) (s * beta * wt);
                    for (int d = 0; d < dz; d++) {
                        float diff = muZ[zi + d] - pMu[pi + d];
                        float iv = invVarP[pi + d];
                        float t = (varZ[d] + diff * diff) * iv;
                        dMuZ[zi + d] += coef * diff * iv;
                        dPMu[pi + d] = -coef * diff * iv;
                        dLvZ[zi + d] += coef * 0.5f * (varZ[d] * iv - 1f);
                        dPLv[pi + d] = coef * 0.5f * (1f - t);
                    }
                    // through the weight q(y|z) of unlabelled cells
                    dLogQ[i * k + j] += s * beta * u * kl * q[i * k + j];
                }
            }
            // w-term
            double klW = 0;
            for (int d = 0; d < dw; d++) {
                int wi = i * dw + d;
                double mu2 = pwMu == null ? 0 : pwMu[wi];
                double lv2 = pwMu == null ? 0 : pwLv[wi];
                double diff = muW[wi] - mu2;
                double invVar = Math.exp(-lv2);
                double varW = Math.exp(lvW[wi]);
                klW += 0.5 * (lv2 - lvW[wi] + (varW + diff * diff) * invVar - 1);
                if (withGradients) {
                    double coef = s * beta;
                    dMuW[wi] += (float) (coef * diff * invVar);
                    dLvW[wi] += (float) (coef * 0.5 * (varW * invVar - 1));
                    if (pwMu != null) {
                        dPwMu[wi] += (float) (-coef * diff * invVar);
                        dPwLv[wi] += (float) (coef * 0.5 * (1 - (varW + diff * diff) * invVar));
                    }
                }
            }
            // y-terms
            double klYu = 0;
            double cls = 0;
            double supPrior = 0;
            for (int j = 0; j < k; j++) {
                int idx = i * k + j;
                klYu += q[idx] * (logQ[idx] - eLogD[idx]);
                cls -= y[idx] * logQ[idx];
                supPrior -= y[idx] * eLogD[idx];
                if (withGradients) {
                    dLogQ[idx] += s * (beta * u * q[idx] * (logQ[idx] - eLogD[idx] + 1) - classificationWeight * y[idx]);
                    dE[idx] += s * (-beta * u * q[idx] - y[idx]);
                }
            }
            klYu *= u;
            // d-term: KL(Dir(g) || Dir(alpha))
            double klD = SpecialFunctions.lgamma(g0[i]) + dirichletConstant;
            double sumGMinusA = 0;
            for (int j = 0; j < k; j++) {
                int idx = i * k + j;
                klD += -SpecialFunctions.lgamma(g[idx]) + (g[idx] - cfg.alpha()) * eLogD[idx];
                sumGMinusA += g[idx] - cfg.alpha();
            }
            if (withGradients) {
                double tri0 = SpecialFunctions.trigamma(g0[i]);
                double sumDE = 0;
                for (int j = 0; j < k; j++) {
                    sumDE += dE[i * k + j];
                }
                for (int j = 0; j < k; j++) {
                    int idx = i * k + j;
                    double tri = SpecialFunctions.trigamma(g[idx]);
                    double dKlD = (g[idx] - cfg.alpha()) * tri - tri0 * sumGMinusA;
                    dG[idx] = s * beta * dKlD + dE[idx] * tri - tri0 * sumDE;
                }
            }
            sumKlZ += klZ;
            sumKlW += klW;
            sumKlY += klYu + supPrior;
            sumKlD += klD;
            sumCls += cls;
            sumLossNoRecon += beta * (klZ + klW + klD + klYu) + classificationWeight * cls + supPrior;
        }

        double balance = componentBalance(componentBalance, q, unlabelled, dLogQ, bsz, k, withGradients);

        // ---- reconstruction (and its gradient w.r.t. the decoder output)
        StackActivations decActs = DenseOps.mlp(alloc, withCondition(zArr, c), params, "dec", cfg.decoderHidden().length);
        INDArray out = DenseOps.linear(alloc, decActs.last(), params, "dec_out");
        GmvaeParameters grads = null;
        if (withGradients) {
            if (gradientBuffer == null) {
                try (var ws = ComputeSettings.outsideWorkspaces()) {
                    gradientBuffer = params.zerosLike();
                }
            }
            grads = gradientBuffer;
            HostArrays.fillZero(grads.flat());
        }
        Reconstruction rec = reconstruction(alloc, out, x, batch, s, withGradients, grads);

        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put(BatchKeys.LOSS, (rec.sum + sumLossNoRecon) / bsz);
        terms.put(BatchKeys.RECON, rec.sum / bsz);
        terms.put(BatchKeys.KL_Z, sumKlZ / bsz);
        terms.put(BatchKeys.KL_W, sumKlW / bsz);
        terms.put(BatchKeys.KL_Y, sumKlY / bsz);
        terms.put(BatchKeys.KL_D, sumKlD / bsz);
        terms.put(BatchKeys.CLASSIFICATION, sumCls / bsz);
        terms.put(BatchKeys.BALANCE, balance);
        if (!withGradients) {
            return new LossAndGradients(terms, null);
        }

        // ---- backward through the networks; the condition one-hot is an input, never needs a gradient
        Predicate<INDArray> notCondition = a -> a != c;
        // without encoder hidden layers, q(y|z,x)'s encoder-side input is the expression itself: no gradient to pass on
        boolean trunk = cfg.encoderHidden().length > 0;
        INDArray encoderSide = enc.hidden();
        Predicate<INDArray> classifierNeeds = a -> a != c && (trunk || a != encoderSide);
        float[] dZ = new float[bsz * dz];
        float[] dWlat = new float[bsz * dw];
        INDArray dEncHidden = null;
        // decoder
        addInto(dZ, backThroughHead(alloc, decActs, rec.dOut, "dec_out", "dec", grads, notCondition)[0]);
        // classifier: d logits = dLogQ - q * sum(dLogQ)
        float[] dLogits = logSoftmaxBackward(dLogQ, j -> q[j], bsz, k);
        INDArray[] dClsIn = backThroughHead(alloc, clsActs, alloc.of(dLogits, bsz, k), "qy_out", "qy", grads, classifierNeeds);
        addInto(dZ, dClsIn[0]);
        if (trunk && cfg.classifierInput() == ClassifierInput.Z_AND_X) {
            dEncHidden = dClsIn[dClsIn.length - 1]; // the encoder's hidden layer is the last input block
        }
        // Dirichlet net: g = softplus(raw) + floor
        float[] dRawG = new float[bsz * k];
        for (int i = 0; i < dRawG.length; i++) {
            dRawG[i] = (float) (dG[i] * sigmoid(rawG[i]));
        }
        addInto(dZ, backThroughHead(alloc, dActs, alloc.of(dRawG, bsz, k), "qd_out", "qd", grads, notCondition)[0]);
        // prior net (two heads on the same trunk)
        INDArray[] dPLast = headsBackward(alloc, pLast, grads, notCondition, new String[] {"pz_mu", "pz_lv"},
                boundBackward(alloc, dPMu, pMu, bnd, bsz, k * dz), boundBackward(alloc, dPLv, pLv, bnd / 2, bsz, k * dz));
        addInto(dWlat, DenseOps.mlpBackward(alloc, pActs, dPLast, params, "pz", grads, notCondition)[0]);
        if (pwActs != null) {
            INDArray[] dLast = headsBackward(alloc, pwActs.last(), grads, notCondition, new String[] {"pw_mu", "pw_lv"},
                    boundBackward(alloc, dPwMu, pwMu, bnd, bsz, dw), boundBackward(alloc, dPwLv, pwLv, bnd / 2, bsz, dw));
            DenseOps.mlpBackward(alloc, pwActs, dLast, params, "pw", grads, DenseOps.NONE);
        }
        // reparameterisation: z = mu + exp(lv/2) eps
        for (int i = 0; i < dZ.length; i++) {
            dMuZ[i] += dZ[i];
            dLvZ[i] += (float) (dZ[i] * epsZ[i] * 0.5 * Math.exp(0.5 * lvZ[i]));
        }
        for (int i = 0; i < dWlat.length; i++) {
            dMuW[i] += dWlat[i];
            dLvW[i] += (float) (dWlat[i] * epsW[i] * 0.5 * Math.exp(0.5 * lvW[i]));
        }
        // encoder heads and trunk; without hidden layers the heads sit on the input: nothing upstream needs their input gradient.
        // The heads' input gradients add to q(y|z,x)'s gradient w.r.t. the same hidden layer.
        INDArray[] dH = headsBackward(alloc, enc.acts().last(), grads, trunk ? notCondition : DenseOps.NONE,
                new String[] {"enc_muZ", "enc_lvZ", "enc_muW", "enc_lvW"}, dEncHidden != null ? new INDArray[] {dEncHidden} : null,
                boundBackward(alloc, dMuZ, muZ, bnd, bsz, dz), boundBackward(alloc, dLvZ, lvZ, bnd / 2, bsz, dz),
                boundBackward(alloc, dMuW, muW, bnd, bsz, dw), boundBackward(alloc, dLvW, lvW, bnd / 2, bsz, dw));
        if (trunk) {
            DenseOps.mlpBackward(alloc, enc.acts(), dH, params, "enc", grads, DenseOps.NONE);
        }
        return new LossAndGradients(terms, grads);
    }

    private record Reconstruction(double sum, INDArray dOut) {
    }

    /** Sum over the batch of -log p(x|z); dOut = gradient (scaled by s) w.r.t. the decoder output. */
    private Reconstruction reconstruction(ArrayAllocator alloc, INDArray out, INDArray x, Map<String, INDArray> batch, double s,
                                          boolean withGradients, GmvaeParameters grads) {
        switch (cfg.likelihood()) {
            case GAUSSIAN_FIXED, GAUSSIAN_SIGMA, GAUSSIAN_PER_GENE -> {
                return gaussian(out, x, s, withGradients, grads);
            }
            case BERNOULLI -> {
                INDArray softplus = Transforms.softPlus(out, true);
                double sum = softplus.sumNumber().doubleValue() - x.mul(out).sumNumber().doubleValue();
                return new Reconstruction(sum, withGradients ? Transforms.sigmoid(out, true).subi(x).muli(s) : null);
            }
            case NEGATIVE_BINOMIAL -> {
                return negativeBinomial(alloc, out, batch, s, withGradients, grads);
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * Gaussian -log N(x; out, sigma^2) with a fixed, one learned or a per-gene learned sigma, in one pass
     * over host copies (the four ND4J operations it replaces each cost a full pass plus fixed overhead
     * on 128 x 2,000 values). The gradient w.r.t. the decoder output overwrites {@code out}.
     */
    private Reconstruction gaussian(INDArray out, INDArray x, double s, boolean withGradients, GmvaeParameters grads) {
        int g = cfg.nFeatures();
        float[] o = flat(out);
        float[] xv = flat(x);
        int b = o.length / g;
        double[] logSigma = new double[g];
        if (cfg.likelihood() == Likelihood.GAUSSIAN_FIXED) {
            java.util.Arrays.fill(logSigma, 0.5 * Math.log(cfg.fixedVariance()));
        } else {
            float[] ls = flat(params.get("logSigma"));
            for (int j = 0; j < g; j++) {
                logSigma[j] = ls[ls.length == 1 ? 0 : j];
            }
        }
        float[] inv = new float[g];
        double constant = 0;
        for (int j = 0; j < g; j++) {
            inv[j] = (float) Math.exp(-2 * logSigma[j]);
            constant += logSigma[j] + 0.5 * LOG_2PI;
        }
        // float arithmetic in a plain loop over genes, which the JIT vectorises; per-gene sums over <= a batch of cells
        float[] weightedSq = new float[g]; // sum over cells of resid^2 / sigma^2, per gene
        float scale = (float) s;
        for (int i = 0; i < b; i++) {
            int row = i * g;
            for (int j = 0; j < g; j++) {
                float r = o[row + j] - xv[row + j];
                float ri = r * inv[j];
                weightedSq[j] += r * ri;
                o[row + j] = ri * scale;
            }
        }
        double sum = b * constant;
        for (float v : weightedSq) {
            sum += 0.5 * v;
        }
        if (!withGradients) {
            return new Reconstruction(sum, null);
        }
        if (cfg.likelihood() != Likelihood.GAUSSIAN_FIXED) {
            // d/d logSigma_g = sum_i [1 - resid^2 exp(-2 ls)], scaled by s
            INDArray dLs = grads.get("logSigma");
            float[] d = new float[(int) dLs.length()];
            for (int j = 0; j < g; j++) {
                d[d.length == 1 ? 0 : j] += (float) (s * (b - weightedSq[j]));
            }
            HostArrays.write(d, dLs);
        }
        HostArrays.write(o, out);
        return new Reconstruction(sum, out);
    }

    /**
     * -log NB(counts; mu, theta) with mu = library * softmax(out) (scVI's parameterisation) and a
     * per-gene dispersion theta = exp(logTheta). The element-wise lgamma/digamma run in Java.
     */
    private Reconstruction negativeBinomial(ArrayAllocator alloc, INDArray out, Map<String, INDArray> batch, double s,
                                            boolean withGradients, GmvaeParameters grads) {
        INDArray counts = batch.get(BatchKeys.COUNTS);
        INDArray logLib = batch.get(BatchKeys.LOG_LIBRARY);
        INDArray lgammaCounts = batch.get(BatchKeys.LGAMMA_COUNTS);
        if (counts == null || logLib == null || lgammaCounts == null) {
            throw new IllegalArgumentException("the negative-binomial likelihood needs raw counts and library sizes in the batch");
        }
        int b = (int) out.size(0);
        int g = cfg.nFeatures();
        INDArray logRho = logSoftmax(out);
        float[] logMu = flat(logRho.addColumnVector(logLib));
        float[] rho = flat(Transforms.exp(logRho, false));
        float[] x = flat(counts);
        float[] logTheta = flat(params.get("logTheta"));
        double[] theta = new double[g];
        double[] lgTheta = new double[g];
        double[] psiTheta = new double[g];
        for (int j = 0; j < g; j++) {
            theta[j] = Math.exp(logTheta[j]);
            lgTheta[j] = SpecialFunctions.lgamma(theta[j]);
            psiTheta[j] = SpecialFunctions.digamma(theta[j]);
        }
        double ll = 0;
        double[] dLogMu = withGradients ? new double[b * g] : null;
        double[] dLogTheta = withGradients ? new double[g] : null;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < g; j++) {
                int idx = i * g + j;
                double mu = Math.exp(logMu[idx]);
                double th = theta[j];
                double xv = x[idx];
                double logThMu = Math.log(th + mu);
                ll += SpecialFunctions.lgamma(xv + th) - lgTheta[j] + th * (logTheta[j] - logThMu) + xv * (logMu[idx] - logThMu);
                if (withGradients) {
                    dLogMu[idx] = -s * (xv - (th + xv) * mu / (th + mu));
                    double dTh = SpecialFunctions.digamma(xv + th) - psiTheta[j] + logTheta[j] - logThMu + (mu - xv) / (th + mu);
                    dLogTheta[j] -= s * dTh * th;
                }
            }
        }
        double sum = -(ll - lgammaCounts.sumNumber().doubleValue());
        if (!withGradients) {
            return new Reconstruction(sum, null);
        }
        // logMu = out - logsumexp(out) + logLib: d out = dLogMu - rho * sum_g dLogMu
        float[] dOut = logSoftmaxBackward(dLogMu, j -> rho[j], b, g);
        float[] dLt = new float[g];
        for (int j = 0; j < g; j++) {
            dLt[j] = (float) dLogTheta[j];
        }
        HostArrays.write(dLt, grads.get("logTheta"));
        return new Reconstruction(sum, alloc.of(dOut, b, g));
    }

    // ------------------------------------------------------------------ helpers

    private INDArray[] decoderOutput(INDArray z, INDArray c) {
        StackActivations acts = DenseOps.mlp(FRESH, withCondition(z, c), params, "dec", cfg.decoderHidden().length);
        return new INDArray[] {DenseOps.linear(FRESH, acts.last(), params, "dec_out")};
    }

    /** Input blocks of q(y|.): z, the condition, and for q(y|z,x) the encoder's hidden layer. */
    private INDArray[] classifierInput(INDArray z, INDArray c, INDArray hidden) {
        INDArray[] in = withCondition(z, c);
        if (cfg.classifierInput() != ClassifierInput.Z_AND_X) {
            return in;
        }
        INDArray[] out = java.util.Arrays.copyOf(in, in.length + 1);
        out[in.length] = hidden;
        return out;
    }

    /** A network's input blocks: the latent (or expression) and, for a conditional model, the condition one-hot. */
    private INDArray[] withCondition(INDArray in, INDArray c) {
        return cfg.conditional() ? new INDArray[] {in, c} : new INDArray[] {in};
    }

    /** Head, then trunk: returns the gradient w.r.t. each of the trunk's input blocks that {@code needsGrad} accepts. */
    private INDArray[] backThroughHead(ArrayAllocator alloc, StackActivations acts, INDArray dHeadOut, String head, String trunk,
                                       GmvaeParameters grads, Predicate<INDArray> needsGrad) {
        INDArray[] dLast = DenseOps.linearBackward(alloc, acts.last(), dHeadOut, params, head, grads, needsGrad);
        return DenseOps.mlpBackward(alloc, acts, dLast, params, trunk, grads, needsGrad);
    }

    /**
     * Backward through several heads on the same input blocks ({@code heads[i]} receiving {@code dOut[i]});
     * returns the summed gradient w.r.t. each input block that {@code needsGrad} accepts (see {@link DenseOps#linearBackward}).
     */
    private INDArray[] headsBackward(ArrayAllocator alloc, INDArray[] input, GmvaeParameters grads, Predicate<INDArray> needsGrad,
                                     String[] heads, INDArray... dOut) {
        return headsBackward(alloc, input, grads, needsGrad, heads, null, dOut);
    }

    /** As above, adding the input gradients to {@code into} (see {@link DenseOps#linearBackward}). */
    private INDArray[] headsBackward(ArrayAllocator alloc, INDArray[] input, GmvaeParameters grads, Predicate<INDArray> needsGrad,
                                     String[] heads, INDArray[] into, INDArray... dOut) {
        INDArray[] dIn = into;
        for (int i = 0; i < heads.length; i++) {
            dIn = DenseOps.linearBackward(alloc, input, dOut[i], params, heads[i], grads, needsGrad, dIn);
        }
        return dIn;
    }

    /**
     * Gradient through a row-wise log-softmax: given dL/d(log p) and p, dL/d(logits) =
     * dL/d(log p) - p * sum over the row of dL/d(log p).
     */
    private static float[] logSoftmaxBackward(double[] dLog, java.util.function.IntToDoubleFunction prob, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += dLog[i * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) (dLog[i * cols + j] - prob.applyAsDouble(i * cols + j) * sum);
            }
        }
        return out;
    }

    /** dest += src's values (same length, row-major). */
    private static void addInto(float[] dest, INDArray src) {
        float[] v = flat(src);
        for (int i = 0; i < dest.length; i++) {
            dest[i] += v[i];
        }
    }

    /** Gradient through y = b tanh(r / b), expressed with y: dr = dy (1 - (y/b)^2); overwrites {@code dy} (not used after). */
    private static INDArray boundBackward(ArrayAllocator alloc, float[] dy, float[] y, double b, int rows, int cols) {
        // float arithmetic in a plain loop the JIT vectorises (in double it took ~1 ns per value, 2 x 128 x 320 for the prior)
        float invB = (float) (1 / b);
        for (int i = 0; i < dy.length; i++) {
            float t = y[i] * invB;
            dy[i] *= 1f - t * t;
        }
        return alloc.of(dy, rows, cols);
    }

    /**
     * The head {@code b tanh((h W + bias) / b)}: a soft clamp to (-b, b). The factor 2/b is folded into the
     * product, and b tanh(v/2) is one vectorised pass ({@link DenseOps#boundedTanhOfHalf}): ND4J's tanh costs
     * ~6 ns per value on one core, its exp plus a Java pass ~3.9 ns (128 x 320 prior means per batch), this pass under 1 ns.
     */
    private INDArray boundedHead(ArrayAllocator alloc, INDArray[] h, String layer, double b) {
        return DenseOps.boundedTanhOfHalf(DenseOps.linear(alloc, h, params, layer, 2 / b), b);
    }

    private static INDArray logSoftmax(INDArray x) {
        INDArray max = x.max(true, 1);
        INDArray shifted = x.subColumnVector(max);
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(lse);
    }

    /**
     * Component balance -lambda (T/B) H(qbar), qbar = mean of q(y|z) over the batch's T unlabelled cells
     * (of B): rewards using many components, against one component absorbing several clusters (the
     * failure of plain unsupervised training on the toy blobs). Weighted by the unlabelled share so that
     * a few unlabelled cells in a labelled batch are not pushed hard. Optimised together with the loss
     * but reported separately (the loss stays -ELBO, comparable with and without it). Adds its gradient
     * w.r.t. log q to {@code dLogQ}; returns its value.
     */
    private static double componentBalance(double lambda, double[] q, double[] u, double[] dLogQ, int bsz, int k,
                                           boolean withGradients) {
        if (lambda <= 0) {
            return 0;
        }
        double total = 0;
        for (double ui : u) {
            total += ui;
        }
        if (total <= 0) {
            return 0;
        }
        double[] qbar = new double[k];
        for (int i = 0; i < bsz; i++) {
            for (int j = 0; j < k; j++) {
                qbar[j] += u[i] * q[i * k + j] / total;
            }
        }
        double h = 0;
        for (int j = 0; j < k; j++) {
            if (qbar[j] > 0) {
                h -= qbar[j] * Math.log(qbar[j]);
            }
        }
        if (withGradients) {
            for (int i = 0; i < bsz; i++) {
                for (int j = 0; j < k; j++) {
                    dLogQ[i * k + j] += lambda * u[i] / bsz * q[i * k + j] * (Math.log(Math.max(qbar[j], 1e-30)) + 1);
                }
            }
        }
        return -lambda * total / bsz * h;
    }

    /** Row-major copy of any array's values. */
    static float[] flat(INDArray a) {
        return HostArrays.read(a);
    }

    private static double softplus(double v) {
        return v > 20 ? v : Math.log1p(Math.exp(v));
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

}
