package org.scgmvae.core.data.synthetic;

import java.util.Random;

/** Random draws shared by the simulators, the benchmarks' data generators and the tests, so that each exists once. */
public final class Sampling {

    /** Above this mean a Poisson draw uses the normal approximation (its skew is below 0.2 there). */
    static final double NORMAL_APPROXIMATION_ABOVE = 30;

    private Sampling() {
    }

    /** Poisson(lambda): Knuth's product method for small means, a rounded normal approximation above 30; 0 for lambda <= 0. */
    public static int poisson(Random rnd, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > NORMAL_APPROXIMATION_ABOVE) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rnd.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
