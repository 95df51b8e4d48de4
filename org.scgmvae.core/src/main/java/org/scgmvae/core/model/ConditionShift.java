package org.scgmvae.core.model;

import java.util.Arrays;

/**
 * Where the training cells of each component lie in z under each condition: the mean of the posterior means of z per
 * component and condition, kept with the model so that a flip can move a cell by the condition's effect in latent space
 * (scGen's latent arithmetic) as well as switch the decoder's condition. Why: on real data z still separates the
 * conditions although the condition enters the encoder (scGen's Kang file: control and stimulated monocytes lie apart in
 * z), so a control cell's own z decoded under 'stimulated' stays close to a control cell where the decoder never saw the
 * type stimulated. A component seen in both conditions moves by its own shift; one seen in only one (the held-out type of
 * scGen's protocol) by the shift of the nearest component seen in both, since similar types respond alike (the
 * monocytes' interferon response is larger than the lymphocytes'; one mean shift over all types, scGen's delta, fits
 * neither well: BENCHMARKS.md).
 *
 * @param means per component and condition the mean of z (K x C x Dz), null where fewer than {@value #MIN_CELLS} cells
 * @param cells per component and condition the number of training cells
 */
public record ConditionShift(double[][][] means, int[][] cells) {

    /** Fewer cells than this in a component and condition leave it without a mean. */
    public static final int MIN_CELLS = 10;

    public ConditionShift {
        if (means.length != cells.length) {
            throw new IllegalArgumentException("condition shift: " + means.length + " components of means, " + cells.length + " of cell counts");
        }
    }

    /**
     * @param z          cells x Dz, posterior means of z
     * @param groups     per cell its component (a known label or the most probable component)
     * @param conditions per cell its condition code
     */
    public static ConditionShift fit(float[] z, int dz, int[] groups, int nComponents, int[] conditions, int nConditions) {
        int n = groups.length;
        if (z.length != n * dz || conditions.length != n) {
            throw new IllegalArgumentException(z.length + " values of z and " + conditions.length + " conditions for " + n
                    + " cells x " + dz + " dimensions");
        }
        double[][][] sums = new double[nComponents][nConditions][dz];
        int[][] cells = new int[nComponents][nConditions];
        for (int i = 0; i < n; i++) {
            cells[groups[i]][conditions[i]]++;
            double[] s = sums[groups[i]][conditions[i]];
            for (int d = 0; d < dz; d++) {
                s[d] += z[i * dz + d];
            }
        }
        double[][][] means = new double[nComponents][nConditions][];
        for (int k = 0; k < nComponents; k++) {
            for (int c = 0; c < nConditions; c++) {
                if (cells[k][c] >= MIN_CELLS) {
                    double[] m = sums[k][c];
                    for (int d = 0; d < dz; d++) {
                        m[d] /= cells[k][c];
                    }
                    means[k][c] = m;
                }
            }
        }
        return new ConditionShift(means, cells);
    }

    /** Whether the component has a mean under both conditions (its own shift). */
    public boolean seenInBoth(int component, int from, int to) {
        return means[component][from] != null && means[component][to] != null;
    }

    /**
     * The shift of z from condition {@code from} to {@code to} for a cell of the component: its own where it was seen in
     * both conditions; else that of the nearest component seen in both (nearest by the mean z under {@code from}: the type
     * most like it, whose response it most likely shares); else, for a component without a mean under {@code from}, the
     * mean shift of all components seen in both. Zero when no component was seen in both.
     */
    public double[] shift(int component, int from, int to) {
        int lender = lender(component, from, to);
        if (lender >= 0) {
            return difference(lender, from, to);
        }
        return means[component][from] == null ? balanced(from, to) : new double[dimension()];
    }

    /**
     * Whose shift a cell of the component takes ({@link #shift}): the component itself where it was seen in both conditions,
     * else the nearest component seen in both; -1 for the mean shift (no mean under {@code from}) or none (no component seen
     * in both). What a user is told of a flip of a type the model never saw under the target.
     */
    public int lender(int component, int from, int to) {
        if (seenInBoth(component, from, to)) {
            return component;
        }
        double[] here = means[component][from];
        if (here == null) {
            return -1;
        }
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < means.length; k++) {
            if (seenInBoth(k, from, to)) {
                double d2 = 0;
                for (int j = 0; j < here.length; j++) {
                    double e = means[k][from][j] - here[j];
                    d2 += e * e;
                }
                if (d2 < best) {
                    best = d2;
                    nearest = k;
                }
            }
        }
        return nearest;
    }

    /** The mean over the components seen in both conditions of their shifts, each component counted once (zero when none). */
    double[] balanced(int from, int to) {
        double[] out = new double[dimension()];
        int used = 0;
        for (int k = 0; k < means.length; k++) {
            if (seenInBoth(k, from, to)) {
                double[] d = difference(k, from, to);
                for (int j = 0; j < d.length; j++) {
                    out[j] += d[j];
                }
                used++;
            }
        }
        for (int j = 0; used > 0 && j < out.length; j++) {
            out[j] /= used;
        }
        return out;
    }

    private double[] difference(int k, int from, int to) {
        double[] a = means[k][from];
        double[] b = means[k][to];
        double[] d = new double[a.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = b[j] - a[j];
        }
        return d;
    }

    private int dimension() {
        for (double[][] perCondition : means) {
            for (double[] m : perCondition) {
                if (m != null) {
                    return m.length;
                }
            }
        }
        return 0;
    }

    public int nComponents() {
        return means.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConditionShift s && Arrays.deepEquals(means, s.means) && Arrays.deepEquals(cells, s.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(means) * 31 + Arrays.deepHashCode(cells);
    }

    @Override
    public String toString() {
        return "ConditionShift[" + means.length + " components, cells " + Arrays.deepToString(cells) + "]";
    }
}
