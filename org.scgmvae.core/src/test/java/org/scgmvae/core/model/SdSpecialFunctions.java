package org.scgmvae.core.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * log-Gamma and digamma as graphs of elementary SameDiff ops, for arguments x &gt; 0, for the autodiff reference.
 *
 * <p>Why: ND4J's SameDiff (1.0.0-M2.1) has no differentiable lgamma/digamma, yet the Dirichlet KL and the
 * negative-binomial likelihood need both, with gradients. Composing them from log/reciprocal/add lets autodiff produce
 * exact derivatives (digamma's derivative becomes the matching trigamma series automatically). Same shift-6 Stirling
 * series as {@link org.scgmvae.core.nn.SpecialFunctions}.
 */
final class SdSpecialFunctions {

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final int SHIFT = 6;

    private SdSpecialFunctions() {
    }

    static SDVariable lgamma(SameDiff sd, SDVariable x) {
        SDVariable logProduct = sd.math.log(x);
        for (int i = 1; i < SHIFT; i++) {
            logProduct = logProduct.add(sd.math.log(x.add(i)));
        }
        SDVariable y = x.add(SHIFT);
        SDVariable inv = y.rdiv(1.0);
        SDVariable inv2 = inv.mul(inv);
        // 1/(12y) - 1/(360y^3) + 1/(1260y^5)
        SDVariable series = inv.mul(inv2.mul(inv2.mul(1.0 / 1260).sub(1.0 / 360)).add(1.0 / 12));
        SDVariable stirling = y.sub(0.5).mul(sd.math.log(y)).sub(y).add(HALF_LOG_2PI).add(series);
        return stirling.sub(logProduct);
    }

    static SDVariable digamma(SameDiff sd, SDVariable x) {
        SDVariable recip = x.rdiv(1.0);
        for (int i = 1; i < SHIFT; i++) {
            recip = recip.add(x.add(i).rdiv(1.0));
        }
        SDVariable y = x.add(SHIFT);
        SDVariable inv = y.rdiv(1.0);
        SDVariable inv2 = inv.mul(inv);
        // log y - 1/(2y) - 1/(12y^2) + 1/(120y^4) - 1/(252y^6)
        SDVariable series = inv2.mul(inv2.mul(inv2.mul(-1.0 / 252).add(1.0 / 120)).sub(1.0 / 12));
        SDVariable asym = sd.math.log(y).sub(inv.mul(0.5)).add(series);
        return asym.sub(recip);
    }
}
