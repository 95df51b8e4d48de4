package org.scgmvae.core.nn;

/**
 * log-Gamma, digamma and trigamma in plain Java for arguments x &gt; 0, for the hot loops of the Dirichlet KL and the
 * count likelihoods (called per cell x component and per value every step).
 *
 * <p>Method: shift the argument by 6 with the recurrences lgamma(x) = lgamma(x+6) - sum log(x+i), psi(x) = psi(x+6) -
 * sum 1/(x+i), then use the asymptotic (Stirling) series at y = x+6 &ge; 6, where the truncation error is below 1e-8,
 * far below float32 resolution. The tests' SameDiff reference builds the same series from elementary ops.
 */
public final class SpecialFunctions {

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final int SHIFT = 6;

    private SpecialFunctions() {
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
