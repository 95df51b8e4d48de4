package org.scgmvae.core.model.terms;

import org.scgmvae.core.nn.VectorMath;

/**
 * The z-term: KL(q(z|x) || p(z|w, y=k)) between diagonal Gaussians, for every cell i and component k, q = N(mu_i,
 * exp(lv_i)) and p_k = N(pMu_ik, exp(pLv_ik)) ([B, Dz] against [B, K * Dz], component k in columns k*Dz..). The
 * caller weighs the components (labels, or q(y|z) for unlabelled cells).
 */
public final class MixtureKlZ {

    private final int cells;
    private final int components;
    private final int dz;

    public MixtureKlZ(int cells, int components, int dz) {
        this.cells = cells;
        this.components = components;
        this.dz = dz;
    }

    /**
     * The KL per cell and component [B, K]. With {@code coef} non-null (one weight per cell and component, [B, K]), also
     * the gradient of sum_ik coef_ik KL_ik: added into {@code dMu}, {@code dLv}, written into {@code dPMu},
     * {@code dPLv}. Inner loops run over the Dz contiguous values of one cell and component, in float and without
     * calls (the exps are taken beforehand in one vectorised pass; C2 vectorises the gradient loop, not the ordered sum).
     */
    public double[] valueAndGradient(float[] mu, float[] lv, float[] pMu, float[] pLv, float[] coef,
                                     float[] dMu, float[] dLv, float[] dPMu, float[] dPLv) {
        double[] kl = new double[cells * components];
        float[] invVarP = VectorMath.expOfNegated(pLv); // 1 / variance of every prior component: the costly exps
        float[] varZ = new float[dz];
        for (int i = 0; i < cells; i++) {
            for (int d = 0; d < dz; d++) {
                varZ[d] = (float) Math.exp(lv[i * dz + d]); // shared by all K components
            }
            int zi = i * dz;
            for (int j = 0; j < components; j++) {
                int pi = (i * components + j) * dz;
                float sum = 0;
                for (int d = 0; d < dz; d++) {
                    float diff = mu[zi + d] - pMu[pi + d];
                    sum += pLv[pi + d] - lv[zi + d] + (varZ[d] + diff * diff) * invVarP[pi + d] - 1f;
                }
                kl[i * components + j] = sum * 0.5f;
                if (coef != null) {
                    float c = coef[i * components + j];
                    for (int d = 0; d < dz; d++) {
                        float diff = mu[zi + d] - pMu[pi + d];
                        float iv = invVarP[pi + d];
                        float t = (varZ[d] + diff * diff) * iv;
                        dMu[zi + d] += c * diff * iv;
                        dPMu[pi + d] = -c * diff * iv;
                        dLv[zi + d] += c * 0.5f * (varZ[d] * iv - 1f);
                        dPLv[pi + d] = c * 0.5f * (1f - t);
                    }
                }
            }
        }
        return kl;
    }
}
