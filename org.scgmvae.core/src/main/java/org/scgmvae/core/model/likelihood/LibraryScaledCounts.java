package org.scgmvae.core.model.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.scgmvae.core.nn.ArrayAllocator;
import org.scgmvae.core.nn.HostArrays;
import org.scgmvae.core.nn.LogSoftmax;
import org.scgmvae.core.nn.Parameters;

/**
 * A count model whose mean is the cell's library size times a softmax over genes, mu = l * softmax(out) (scVI's
 * parameterisation): the decoder decides each gene's share, the data its depth. Subclasses give the log-likelihood
 * as a function of log mu; the chain through the softmax is here.
 */
abstract class LibraryScaledCounts implements ObservationModel {

    protected final int nFeatures;

    LibraryScaledCounts(int nFeatures) {
        this.nFeatures = nFeatures;
    }

    @Override
    public final boolean needsCounts() {
        return true;
    }

    @Override
    public final INDArray mean(INDArray out, INDArray logLibrary) {
        return Transforms.exp(LogSoftmax.rows(out).addiColumnVector(logLibrary), false);
    }

    @Override
    public final Reconstruction negLogLikelihood(ArrayAllocator alloc, INDArray out, Observed observed, double scale,
                                                 Parameters params, Parameters grads) {
        if (!observed.hasCounts()) {
            throw new IllegalArgumentException("the " + name() + " likelihood needs raw counts and library sizes in the batch");
        }
        int b = (int) out.size(0);
        int g = nFeatures;
        INDArray logRho = LogSoftmax.rows(out);
        float[] logMu = HostArrays.read(logRho.addColumnVector(observed.logLibrary()));
        float[] x = HostArrays.read(observed.counts());
        double[] dLogMu = grads == null ? null : new double[b * g];
        double ll = logLikelihood(logMu, x, b, scale, params, grads, dLogMu);
        double sum = -(ll - observed.lgammaCounts().sumNumber().doubleValue());
        if (grads == null) {
            return new Reconstruction(sum, null);
        }
        float[] rho = HostArrays.read(Transforms.exp(logRho, false));
        // logMu = out - logsumexp(out) + logLib: d out = dLogMu - rho * sum_g dLogMu
        return new Reconstruction(sum, alloc.of(LogSoftmax.backward(dLogMu, j -> rho[j], b, g), b, g));
    }

    /** Name in messages. */
    abstract String name();

    /**
     * sum over the batch of log p(x; mu) + lgamma(x + 1) (the constant is added back by the caller from the batch).
     * With {@code grads}: {@code dLogMu} receives scale * d(-log p)/d(log mu) per value, and the model's own parameters'
     * gradients (times scale) go into {@code grads}.
     */
    abstract double logLikelihood(float[] logMu, float[] x, int cells, double scale, Parameters params, Parameters grads,
                                  double[] dLogMu);
}
