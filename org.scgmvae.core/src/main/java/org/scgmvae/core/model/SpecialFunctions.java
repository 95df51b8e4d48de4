package org.scgmvae.core.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * log-Gamma and digamma as graphs of elementary SameDiff ops, for arguments x &gt; 0.
 *
 * <p>Why: ND4J's SameDiff (1.0.0-M2.1) has no differentiable lgamma/digamma, yet the Dirichlet
 * KL and the negative-binomial likelihood need both, with gradients. Composing them from
 * log/reciprocal/add lets autodiff produce exact derivatives (digamma's derivative becomes the
 * matching trigamma series automatically).
 *
 * <p>Method: shift the argument by 6 with the recurrences lgamma(x) = lgamma(x+6) -
 * sum log(x+i), psi(x) = psi(x+6) - sum 1/(x+i), then use the asymptotic (Stirling) series at
 * y = x+6 &ge; 6, where the truncation error is below 1e-8 — far below float32 resolution.
 */
public final class SpecialFunctions {

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final int SHIFT = 6;

    private SpecialFunctions() {
    }

    public static SDVariable lgamma(SameDiff sd, SDVariable x) {
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

    public static SDVariable digamma(SameDiff sd, SDVariable x) {
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

    /** Plain-Java digamma with the same shift and asymptotic series. */
    public static double digamma(double x) {
        double recip = 0;
        for (int i = 0; i < SHIFT; i++) {
            recip += 1 / (x + i);
        }
        double y = x + SHIFT;
        double inv2 = 1 / (y * y);
        return Math.log(y) - 0.5 / y - inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 / 252)) - recip;
    }

    /** Plain-Java trigamma psi'(x): derivative of digamma, needed for the Dirichlet KL gradient. */
    public static double trigamma(double x) {
        double s = 0;
        for (int i = 0; i < SHIFT; i++) {
            s += 1 / ((x + i) * (x + i));
        }
        double y = x + SHIFT;
        double inv = 1 / y;
        double inv2 = inv * inv;
        // 1/y + 1/(2y^2) + 1/(6y^3) - 1/(30y^5) + 1/(42y^7) - 1/(30y^9)
        double series = inv + 0.5 * inv2 + inv * inv2 * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 / 30)));
        return s + series;
    }

    /**
     * Plain-Java lgamma with the same series. The shift's sum of six logs is the log of one product
     * (Math.log is the costly call: the Dirichlet KL evaluates lgamma for every cell and component each step);
     * from x = 6 on the series needs no shift, so the product cannot overflow.
     */
    public static double lgamma(double x) {
        if (!(x > 0)) {
            return x == 0 ? Double.POSITIVE_INFINITY : Double.NaN; // defined here for x > 0 only (as the class says)
        }
        double logProduct = 0;
        double y = x;
        if (x < SHIFT) {
            logProduct = Math.log(x * (x + 1) * (x + 2) * (x + 3) * (x + 4) * (x + 5));
            y = x + SHIFT;
        }
        double inv = 1 / y;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 / 1260));
        return (y - 0.5) * Math.log(y) - y + HALF_LOG_2PI + series - logProduct;
    }
}
