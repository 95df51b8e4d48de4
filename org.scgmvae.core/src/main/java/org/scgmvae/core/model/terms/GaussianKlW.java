package org.scgmvae.core.model.terms;

/**
 * The w-term: KL(q(w|x) || p(w|c)) between diagonal Gaussians, per cell, against N(0, I) or a learned p(w|c) =
 * N(pMu, exp(pLv)).
 */
public final class GaussianKlW {

    private final int cells;
    private final int dw;

    public GaussianKlW(int cells, int dw) {
        this.cells = cells;
        this.dw = dw;
    }

    /**
     * The KL per cell [B]; {@code pMu}/{@code pLv} null for N(0, I). With {@code dMu} non-null, also the gradient of
     * {@code coef} times the sum: added into {@code dMu}, {@code dLv} and, for a learned prior, {@code dPMu}, {@code dPLv}.
     */
    public double[] valueAndGradient(float[] mu, float[] lv, float[] pMu, float[] pLv, double coef,
                                     float[] dMu, float[] dLv, float[] dPMu, float[] dPLv) {
        double[] kl = new double[cells];
        for (int i = 0; i < cells; i++) {
            double sum = 0;
            for (int d = 0; d < dw; d++) {
                int wi = i * dw + d;
                double mu2 = pMu == null ? 0 : pMu[wi];
                double lv2 = pMu == null ? 0 : pLv[wi];
                double diff = mu[wi] - mu2;
                double invVar = Math.exp(-lv2);
                double var = Math.exp(lv[wi]);
                sum += 0.5 * (lv2 - lv[wi] + (var + diff * diff) * invVar - 1);
                if (dMu != null) {
                    dMu[wi] += (float) (coef * diff * invVar);
                    dLv[wi] += (float) (coef * 0.5 * (var * invVar - 1));
                    if (pMu != null) {
                        dPMu[wi] += (float) (-coef * diff * invVar);
                        dPLv[wi] += (float) (coef * 0.5 * (1 - (var + diff * diff) * invVar));
                    }
                }
            }
            kl[i] = sum;
        }
        return kl;
    }
}
