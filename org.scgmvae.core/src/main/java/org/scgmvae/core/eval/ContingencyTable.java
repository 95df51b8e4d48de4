package org.scgmvae.core.eval;

/**
 * Counts of (predicted cluster, true class) pairs; cells with a negative code on either side
 * (missing label) are ignored. Basis of every clustering metric here.
 */
public final class ContingencyTable {

    private final long[][] counts;
    private final long total;

    public ContingencyTable(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("predicted (" + predicted.length + ") and true (" + truth.length + ") labels differ in length");
        }
        int p = 0;
        int t = 0;
        for (int i = 0; i < predicted.length; i++) {
            p = Math.max(p, predicted[i] + 1);
            t = Math.max(t, truth[i] + 1);
        }
        counts = new long[p][t];
        long n = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] >= 0 && truth[i] >= 0) {
                counts[predicted[i]][truth[i]]++;
                n++;
            }
        }
        total = n;
        if (n == 0) {
            throw new IllegalArgumentException("no cell has both a prediction and a true label");
        }
    }

    /** counts[predicted][true] (not a copy). */
    public long[][] counts() {
        return counts;
    }

    public long total() {
        return total;
    }

    public int nPredicted() {
        return counts.length;
    }

    public int nTrue() {
        return counts.length == 0 ? 0 : counts[0].length;
    }

    long[] rowSums() {
        long[] r = new long[nPredicted()];
        for (int i = 0; i < r.length; i++) {
            for (long c : counts[i]) {
                r[i] += c;
            }
        }
        return r;
    }

    long[] colSums() {
        long[] c = new long[nTrue()];
        for (long[] row : counts) {
            for (int j = 0; j < c.length; j++) {
                c[j] += row[j];
            }
        }
        return c;
    }
}
