package org.scgmvae.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.scgmvae.core.model.likelihood.ObservationModel;
import org.scgmvae.core.model.likelihood.Reconstruction;
import org.scgmvae.core.model.terms.CategoricalTerms;
import org.scgmvae.core.model.terms.ComponentBalance;
import org.scgmvae.core.model.terms.DirichletTerm;
import org.scgmvae.core.model.terms.GaussianKlW;
import org.scgmvae.core.model.terms.MixtureKlZ;
import org.scgmvae.core.nn.ArrayAllocator;
import org.scgmvae.core.nn.ComputeSettings;
import org.scgmvae.core.nn.DenseOps;
import org.scgmvae.core.nn.HostArrays;
import org.scgmvae.core.nn.LogSoftmax;
import org.scgmvae.core.nn.StackActivations;
import org.scgmvae.core.nn.StepArrays;

import java.util.function.Predicate;

import static org.scgmvae.core.nn.ArrayAllocator.FRESH;

/**
 * The (c)GMVAE of MODEL.md: forward pass, -ELBO with its five terms and hand-derived gradients
 * of every parameter, on ND4J arrays.
 *
 * <p>Why not SameDiff: the graph has ~340 ops (five networks, Gaussian/Dirichlet/categorical KLs,
 * series for lgamma/digamma) and SameDiff 1.0.0-M2.1 spends 60-150 microseconds of bookkeeping per
 * op, i.e. 80-170 ms per mini-batch even for a tiny network. Here the matrix products go straight
 * to OpenBLAS ({@link org.scgmvae.core.nn.Blas}), the activations (ELU, the heads' bounded tanh) are SIMD-compiled Java
 * loops ({@link org.scgmvae.core.nn.VectorMath}), and the small per-cell terms ([B, K] and [B, K, Dz]) and the likelihood are
 * plain Java loops over bulk host copies ({@link HostArrays}) in the kernels of {@code model.terms} and
 * {@code model.likelihood}, so a step costs about what its
 * arithmetic costs (more than half of it in the matrix products; see BENCHMARKS.md). The gradients
 * are verified against a SameDiff autodiff build of the same model in the tests.
 *
 * <p>Noise (epsZ, epsW) comes in with the batch, so all randomness is owned by the caller's
 * seeded generator. d ~ q(d|z) = Dir(g) enters the loss only through E[log d_k] = psi(g_k) -
 * psi(sum g), used in closed form: the exact expectation of the one-sample Monte-Carlo estimate,
 * without its variance.
 */
public final class GmvaeModule {

    private final GmvaeConfig cfg;
    private final GmvaeParameters params;
    private final double dirichletConstant;
    /** p(x|z,c): its parameters, -log-likelihood and decoded mean. */
    private final ObservationModel observation;
    /** Reused gradient buffer (zeroed per call): allocating the per-parameter views is costly in ND4J. */
    private GmvaeParameters gradientBuffer;
    /** The training step's intermediate arrays, reused by the next step (see {@link StepArrays}). */
    private StepArrays stepArrays = new StepArrays();

    public GmvaeModule(GmvaeConfig cfg, GmvaeParameters params) {
        ComputeSettings.apply();
        this.cfg = cfg;
        this.params = params;
        this.dirichletConstant = DirichletTerm.priorConstant(cfg.nComponents(), cfg.alpha());
        this.observation = cfg.observationModel();
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
        return observation.mean(decoderOutput(z, c)[0], logLibrary);
    }

    // ------------------------------------------------------------------ training

    /**
     * Loss terms (batch means) and, when requested, gradients of {@code loss} w.r.t. every
     * parameter (same layout as the parameters). The gradient buffer is reused by the next call, as are the
     * step's intermediate arrays ({@link StepArrays}): calls with gradients must not run concurrently on one module.
     */
    public record LossAndGradients(LossTerms terms, GmvaeParameters gradients) {

        public double loss() {
            return terms.loss();
        }
    }

    /**
     * @param batch                the cells with labels and noise (see {@link Batch})
     * @param beta                 KL warm-up weight (multiplies the z-, w-, d- and unlabelled y-terms)
     * @param classificationWeight weight of -log q(y|z) for labelled cells
     */
    public LossAndGradients lossAndGradients(Batch batch, double beta, double classificationWeight, boolean withGradients) {
        return lossAndGradients(batch, beta, classificationWeight, 0, withGradients);
    }

    /** As above, plus the component-balance term (see {@link org.scgmvae.core.train.TrainingConfig#componentBalance}). */
    public LossAndGradients lossAndGradients(Batch batch, double beta, double classificationWeight,
                                             double componentBalance, boolean withGradients) {
        INDArray x = batch.x();
        INDArray c = cfg.conditional() ? batch.c() : null;
        int bsz = batch.size();
        int k = cfg.nComponents();
        int dz = cfg.zDim();
        int dw = cfg.wDim();
        double s = 1.0 / bsz;
        float[] y = flat(batch.y());
        float[] epsZ = flat(batch.epsZ());
        float[] epsW = flat(batch.epsW());
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
        INDArray zArr = alloc.of(reparameterised(muZ, lvZ, epsZ), bsz, dz);
        INDArray wArr = alloc.of(reparameterised(muW, lvW, epsW), bsz, dw);

        // ---- q(y|z): log-probabilities
        StackActivations clsActs = DenseOps.mlp(alloc, classifierInput(zArr, c, enc.hidden()), params, "qy", cfg.classifierHidden().length);
        float[] logits = flat(DenseOps.linear(alloc, clsActs.last(), params, "qy_out"));
        double[] logQ = new double[bsz * k];
        double[] q = new double[bsz * k];
        LogSoftmax.rows(logits, bsz, k, logQ, q);

        // ---- q(d|z) = Dir(g)
        StackActivations dActs = DenseOps.mlp(alloc, withCondition(zArr, c), params, "qd", cfg.classifierHidden().length);
        DirichletTerm dirichlet = new DirichletTerm(flat(DenseOps.linear(alloc, dActs.last(), params, "qd_out")), bsz, k);
        double[] eLogD = dirichlet.expectedLogD();

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

        // ---- the per-cell terms and their gradients w.r.t. the small tensors
        double[] unlabelled = unlabelled(y, bsz, k);
        double[] weight = componentWeights(y, unlabelled, q, k);
        float[] zCoef = withGradients ? scaled(weight, s * beta) : null;
        float[] dMuZ = new float[bsz * dz];
        float[] dLvZ = new float[bsz * dz];
        float[] dMuW = new float[bsz * dw];
        float[] dLvW = new float[bsz * dw];
        float[] dPMu = new float[bsz * k * dz];
        float[] dPLv = new float[bsz * k * dz];
        float[] dPwMu = pwMu == null ? null : new float[bsz * dw];
        float[] dPwLv = pwMu == null ? null : new float[bsz * dw];
        double[] dLogQ = withGradients ? new double[bsz * k] : null;
        double[] dELogD = withGradients ? new double[bsz * k] : null;
        double[] klZk = new MixtureKlZ(bsz, k, dz).valueAndGradient(muZ, lvZ, pMu, pLv, zCoef, dMuZ, dLvZ, dPMu, dPLv);
        double[] klW = new GaussianKlW(bsz, dw).valueAndGradient(muW, lvW, pwMu, pwLv, s * beta,
                withGradients ? dMuW : null, dLvW, dPwMu, dPwLv);
        double[] klZ = weightedKlZ(weight, klZk, bsz, k);
        if (withGradients) {
            addKlZThroughWeights(dLogQ, klZk, q, unlabelled, s * beta, k);
        }
        CategoricalTerms.Values yTerms = new CategoricalTerms(bsz, k).valueAndGradient(q, logQ, eLogD, y, unlabelled, s, beta,
                classificationWeight, dLogQ, dELogD);
        double[] klD = dirichlet.kl(cfg.alpha(), dirichletConstant);
        double[] sums = batchSums(klZ, klW, klD, yTerms, beta, classificationWeight);
        double sumKlZ = sums[0];
        double sumKlW = sums[1];
        double sumKlY = sums[2];
        double sumKlD = sums[3];
        double sumCls = sums[4];
        double sumLossNoRecon = sums[5];
        double balance = ComponentBalance.valueAndGradient(componentBalance, q, unlabelled, bsz, k, dLogQ);

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
        Reconstruction rec = observation.negLogLikelihood(alloc, out, batch.observed(), s, params, grads);

        LossTerms terms = new LossTerms((rec.sum() + sumLossNoRecon) / bsz, rec.sum() / bsz, sumKlZ / bsz, sumKlW / bsz,
                sumKlY / bsz, sumKlD / bsz, sumCls / bsz, balance);
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
        addInto(dZ, backThroughHead(alloc, decActs, rec.dOut(), "dec_out", "dec", grads, notCondition)[0]);
        // classifier: d logits = dLogQ - q * sum(dLogQ)
        float[] dLogits = LogSoftmax.backward(dLogQ, j -> q[j], bsz, k);
        INDArray[] dClsIn = backThroughHead(alloc, clsActs, alloc.of(dLogits, bsz, k), "qy_out", "qy", grads, classifierNeeds);
        addInto(dZ, dClsIn[0]);
        if (trunk && cfg.classifierInput() == ClassifierInput.Z_AND_X) {
            dEncHidden = dClsIn[dClsIn.length - 1]; // the encoder's hidden layer is the last input block
        }
        // Dirichlet net
        float[] dRawG = dirichlet.rawGradient(cfg.alpha(), s * beta, dELogD);
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
        reparameterisedBackward(dZ, epsZ, lvZ, dMuZ, dLvZ);
        reparameterisedBackward(dWlat, epsW, lvW, dMuW, dLvW);
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

    // The loops of lossAndGradients live in small methods of their own: the JIT compiles each quickly, where loops inside
    // the long method made it compile that method several times over (on-stack replacement at each loop, ~0.3 s of a
    // core each), which kept the first epochs of a small data set at up to twice the steady epoch time.

    /** Per cell: 1 for an unlabelled cell, 0 for a labelled one (1 - the sum of its label one-hot). */
    private static double[] unlabelled(float[] y, int cells, int k) {
        double[] u = new double[cells];
        for (int i = 0; i < cells; i++) {
            double m = 0;
            for (int j = 0; j < k; j++) {
                m += y[i * k + j];
            }
            u[i] = 1 - m;
        }
        return u;
    }

    /** A component's weight in the z-term: its label, or q(y|z) for an unlabelled cell. */
    private static double[] componentWeights(float[] y, double[] unlabelled, double[] q, int k) {
        double[] weight = new double[y.length];
        for (int idx = 0; idx < weight.length; idx++) {
            weight[idx] = y[idx] + unlabelled[idx / k] * q[idx];
        }
        return weight;
    }

    private static float[] scaled(double[] v, double factor) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (factor * v[i]);
        }
        return out;
    }

    /** Per cell: sum over components of weight * KL(q(z|x) || p(z|w,k)). */
    private static double[] weightedKlZ(double[] weight, double[] klZk, int cells, int k) {
        double[] klZ = new double[cells];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < k; j++) {
                klZ[i] += weight[i * k + j] * klZk[i * k + j];
            }
        }
        return klZ;
    }

    /** The z-term's gradient w.r.t. log q(y|z) through the weight q(y|z) of unlabelled cells, added into {@code dLogQ}. */
    private static void addKlZThroughWeights(double[] dLogQ, double[] klZk, double[] q, double[] unlabelled, double sBeta, int k) {
        for (int idx = 0; idx < dLogQ.length; idx++) {
            dLogQ[idx] += sBeta * unlabelled[idx / k] * klZk[idx] * q[idx];
        }
    }

    /** Sums over the batch: KL of z, w, y (with the labels' prior term), d, the classification term, and the loss without reconstruction. */
    private static double[] batchSums(double[] klZ, double[] klW, double[] klD, CategoricalTerms.Values yTerms, double beta,
                                      double classificationWeight) {
        double sumKlZ = 0;
        double sumKlW = 0;
        double sumKlY = 0;
        double sumKlD = 0;
        double sumCls = 0;
        double sumLossNoRecon = 0;
        for (int i = 0; i < klZ.length; i++) {
            double klYu = yTerms.unlabelledKl()[i];
            double cls = yTerms.classification()[i];
            double supPrior = yTerms.labelPrior()[i];
            sumKlZ += klZ[i];
            sumKlW += klW[i];
            sumKlY += klYu + supPrior;
            sumKlD += klD[i];
            sumCls += cls;
            sumLossNoRecon += beta * (klZ[i] + klW[i] + klD[i] + klYu) + classificationWeight * cls + supPrior;
        }
        return new double[] {sumKlZ, sumKlW, sumKlY, sumKlD, sumCls, sumLossNoRecon};
    }

    /** Through z = mu + exp(lv/2) eps: adds dZ to dMu and dZ eps exp(lv/2) / 2 to dLv. */
    private static void reparameterisedBackward(float[] dZ, float[] eps, float[] lv, float[] dMu, float[] dLv) {
        for (int i = 0; i < dZ.length; i++) {
            dMu[i] += dZ[i];
            dLv[i] += (float) (dZ[i] * eps[i] * 0.5 * Math.exp(0.5 * lv[i]));
        }
    }

    /** mu + exp(lv / 2) eps, element-wise. */
    private static float[] reparameterised(float[] mu, float[] lv, float[] eps) {
        float[] v = new float[mu.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mu[i] + Math.exp(0.5 * lv[i]) * eps[i]);
        }
        return v;
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

    /** Row-major copy of any array's values. */
    static float[] flat(INDArray a) {
        return HostArrays.read(a);
    }
}
