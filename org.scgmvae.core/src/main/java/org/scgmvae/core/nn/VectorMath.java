package org.scgmvae.core.nn;

/**
 * Element-wise kernels written so that HotSpot's C2 compiles them to SIMD code: only float
 * additions, multiplications, divisions, min and max, no branches, calls or int conversions.
 * ND4J's ELU and exp run scalar code (ELU ~2.3 ns per value on one core; the heads' exp plus a Java
 * pass ~3.9 ns) and {@code Math.expm1} is not an intrinsic (~18 ns); these loops take ~0.9 ns per value
 * including the copies to and from ND4J's memory (128 x 256 values: ELU 75 vs 30 us, the bounded head
 * 127 vs 31 us; see BENCHMARKS.md).
 */
public final class VectorMath {

    /** exp(17) still fits a float comfortably, and 1 + exp(-17) rounds to 1 in float. */
    private static final float RANGE = 17f;

    private VectorMath() {
    }

    /**
     * exp(x) - 1 for |x| <= 17 (x is clamped to that range; NaN stays NaN). With t = x / 32, a
     * degree-8 Taylor polynomial gives expm1(t) to float precision (|t| <= 0.54), then five
     * doublings expm1(2t) = e (e + 2). For x <= 0 every doubling shrinks the relative error
     * (factor 1 + e/(e+2) < 1), so the result is within ~4e-7 relative of exact; for x > 0 within
     * ~3e-6 (used there only inside e / (e + 2), which damps it).
     */
    public static float expm1(float x) {
        float t = Math.max(Math.min(x, RANGE), -RANGE) * (1f / 32f);
        float e = t * (1f + t * (1f / 2 + t * (1f / 6 + t * (1f / 24 + t * (1f / 120 + t * (1f / 720 + t * (1f / 5040
                + t * (1f / 40320))))))));
        e = e * (e + 2f);
        e = e * (e + 2f);
        e = e * (e + 2f);
        e = e * (e + 2f);
        e = e * (e + 2f);
        return e;
    }

    /**
     * exp(-x) for each value, |x| <= 17 (clamped beyond, see {@link #expm1}), as a new array: within ~3e-6 relative,
     * the accuracy of {@link #expm1} at positive arguments (a small fixed bias against float's 6e-8, harmless for the
     * KL terms it feeds; {@code VectorMathTest} bounds it over the whole range).
     * expm1 is only evaluated at |x| (expm1(-a) + 1 would cancel for large a): p = exp(|x|), and exp(-x) = 1/p for
     * x > 0; the choice is a blend with a 0/1 weight from min/max instead of a branch, to keep the loop vectorisable.
     */
    public static float[] expOfNegated(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float p = expm1(Math.abs(x[i])) + 1f;
            float positive = Math.min(Math.max(x[i] * 1e30f, 0f), 1f);
            out[i] = positive / p + (1f - positive) * p; // not p + w (1/p - p): that cancels for large p
        }
        return out;
    }

    /** ELU in place: x for x > 0, exp(x) - 1 otherwise (absolute error below 2e-7). */
    public static void elu(float[] v) {
        elu(v, v.length);
    }

    /** As {@link #elu(float[])} on the first {@code n} values. */
    public static void elu(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            float x = v[i];
            v[i] = Math.max(x, 0f) + expm1(Math.min(x, 0f));
        }
    }

    /**
     * In place, v -> b tanh(v / 2) (the caller folds 2/b into v): tanh(u) = expm1(2u) / (expm1(2u) + 2),
     * accurate near 0 (no cancellation) and saturating at +-b without overflow (|2u| clamped at 17).
     */
    public static void boundedTanhOfHalf(float[] v, float b) {
        boundedTanhOfHalf(v, v.length, b);
    }

    /** As {@link #boundedTanhOfHalf(float[], float)} on the first {@code n} values. */
    public static void boundedTanhOfHalf(float[] v, int n, float b) {
        for (int i = 0; i < n; i++) {
            float e = expm1(v[i]);
            v[i] = b * (e / (e + 2f));
        }
    }
}
