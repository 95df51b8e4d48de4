package org.scgmvae.core.model.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scgmvae.core.nn.HostArrays;
import org.scgmvae.core.nn.Parameters;
import org.scgmvae.core.nn.SpecialFunctions;

import java.util.Map;

/**
 * Negative binomial NB(x; mu, theta) on raw counts with a per-gene inverse dispersion theta = exp(logTheta),
 * initialised at 10 (scVI's {@code gene} dispersion). The element-wise lgamma/digamma run in Java.
 */
public final class NegativeBinomialObservation extends LibraryScaledCounts {

    static final String LOG_THETA = "logTheta";

    public NegativeBinomialObservation(int nFeatures) {
        super(nFeatures);
    }

    @Override
    String name() {
        return "negative-binomial";
    }

    @Override
    public Map<String, INDArray> initialParameters() {
        return Map.of(LOG_THETA, Nd4j.valueArrayOf(new long[] {1, nFeatures}, (float) Math.log(10.0)));
    }

    @Override
    double logLikelihood(float[] logMu, float[] x, int cells, double scale, Parameters params, Parameters grads, double[] dLogMu) {
        int g = nFeatures;
        float[] logTheta = HostArrays.read(params.get(LOG_THETA));
        double[] theta = new double[g];
        double[] lgTheta = new double[g];
        double[] psiTheta = new double[g];
        for (int j = 0; j < g; j++) {
            theta[j] = Math.exp(logTheta[j]);
            lgTheta[j] = SpecialFunctions.lgamma(theta[j]);
            psiTheta[j] = SpecialFunctions.digamma(theta[j]);
        }
        double ll = 0;
        double[] dLogTheta = grads == null ? null : new double[g];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < g; j++) {
                int idx = i * g + j;
                double mu = Math.exp(logMu[idx]);
                double th = theta[j];
                double xv = x[idx];
                double logThMu = Math.log(th + mu);
                ll += SpecialFunctions.lgamma(xv + th) - lgTheta[j] + th * (logTheta[j] - logThMu) + xv * (logMu[idx] - logThMu);
                if (grads != null) {
                    dLogMu[idx] = -scale * (xv - (th + xv) * mu / (th + mu));
                    double dTh = SpecialFunctions.digamma(xv + th) - psiTheta[j] + logTheta[j] - logThMu + (mu - xv) / (th + mu);
                    dLogTheta[j] -= scale * dTh * th;
                }
            }
        }
        if (grads != null) {
            float[] dLt = new float[g];
            for (int j = 0; j < g; j++) {
                dLt[j] = (float) dLogTheta[j];
            }
            HostArrays.write(dLt, grads.get(LOG_THETA));
        }
        return ll;
    }
}
