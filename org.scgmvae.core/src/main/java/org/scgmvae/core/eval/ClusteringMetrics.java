package org.scgmvae.core.eval;

import java.util.Arrays;

/**
 * Agreement between predicted clusters/components and true labels (integer codes, negative =
 * missing, ignored).
 */
public final class ClusteringMetrics {

    private ClusteringMetrics() {
    }

    /**
     * Majority mapping, as in the thesis: each predicted cluster is assigned the true class most
     * frequent in it (several clusters may map to the same class). Returns cluster -> class, -1
     * for clusters without labelled cells.
     */
    public static int[] majorityMapping(ContingencyTable t) {
        int[] map = new int[t.nPredicted()];
        for (int p = 0; p < map.length; p++) {
            long best = 0;
            map[p] = -1;
            for (int c = 0; c < t.nTrue(); c++) {
                if (t.counts()[p][c] > best) {
                    best = t.counts()[p][c];
                    map[p] = c;
                }
            }
        }
        return map;
    }

    /** Accuracy after majority mapping. */
    public static double majorityAccuracy(int[] predicted, int[] truth) {
        ContingencyTable t = new ContingencyTable(predicted, truth);
        long correct = 0;
        for (long[] row : t.counts()) {
            correct += Arrays.stream(row).max().orElse(0);
        }
        return (double) correct / t.total();
    }

    /**
     * Accuracy under the best one-to-one mapping of clusters to classes (Hungarian algorithm): the smaller side is assigned
     * to the larger, so many clusters against few classes stay cheap.
     */
    public static double hungarianAccuracy(int[] predicted, int[] truth) {
        ContingencyTable t = new ContingencyTable(predicted, truth);
        boolean clustersAsRows = t.nPredicted() <= t.nTrue();
        int rows = clustersAsRows ? t.nPredicted() : t.nTrue();
        int cols = clustersAsRows ? t.nTrue() : t.nPredicted();
        long max = 0;
        for (long[] row : t.counts()) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        long[][] cost = new long[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                cost[i][j] = max - (clustersAsRows ? t.counts()[i][j] : t.counts()[j][i]);
            }
        }
        int[] assignment = Hungarian.minimumCostAssignment(cost);
        long correct = 0;
        for (int i = 0; i < rows; i++) {
            correct += clustersAsRows ? t.counts()[i][assignment[i]] : t.counts()[assignment[i]][i];
        }
        return (double) correct / t.total();
    }

    /** Adjusted Rand index (Hubert and Arabie). */
    public static double adjustedRandIndex(int[] predicted, int[] truth) {
        ContingencyTable t = new ContingencyTable(predicted, truth);
        if (t.total() < 2) {
            return 1.0; // a single labelled cell: no pairs, both partitions trivially agree (scikit-learn's convention)
        }
        double sumCells = 0;
        for (long[] row : t.counts()) {
            for (long c : row) {
                sumCells += choose2(c);
            }
        }
        double sumRows = Arrays.stream(t.rowSums()).mapToDouble(ClusteringMetrics::choose2).sum();
        double sumCols = Arrays.stream(t.colSums()).mapToDouble(ClusteringMetrics::choose2).sum();
        double expected = sumRows * sumCols / choose2(t.total());
        double maxIndex = 0.5 * (sumRows + sumCols);
        if (maxIndex == expected) {
            return 1.0; // both partitions trivial and identical
        }
        return (sumCells - expected) / (maxIndex - expected);
    }

    /** Normalised mutual information with arithmetic-mean normalisation (scikit-learn's default). */
    public static double normalizedMutualInfo(int[] predicted, int[] truth) {
        ContingencyTable t = new ContingencyTable(predicted, truth);
        double n = t.total();
        long[] rows = t.rowSums();
        long[] cols = t.colSums();
        double mi = 0;
        for (int i = 0; i < t.nPredicted(); i++) {
            for (int j = 0; j < t.nTrue(); j++) {
                long c = t.counts()[i][j];
                if (c > 0) {
                    mi += c / n * Math.log(c * n / ((double) rows[i] * cols[j]));
                }
            }
        }
        double hp = entropy(rows, n);
        double ht = entropy(cols, n);
        if (hp == 0 && ht == 0) {
            return 1.0;
        }
        double denom = (hp + ht) / 2;
        return denom == 0 ? 0 : Math.max(0, mi) / denom;
    }

    /** Recall per true class (share of its cells predicted as it), given a cluster -> class mapping. */
    public static double[] perClassRecall(int[] predicted, int[] truth, int[] mapping, int nClasses) {
        long[] hit = new long[nClasses];
        long[] all = new long[nClasses];
        for (int i = 0; i < predicted.length; i++) {
            if (truth[i] < 0 || predicted[i] < 0) {
                continue;
            }
            all[truth[i]]++;
            if (predicted[i] < mapping.length && mapping[predicted[i]] == truth[i]) {
                hit[truth[i]]++;
            }
        }
        double[] r = new double[nClasses];
        for (int c = 0; c < nClasses; c++) {
            r[c] = all[c] == 0 ? Double.NaN : (double) hit[c] / all[c];
        }
        return r;
    }

    private static double entropy(long[] counts, double n) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                h -= c / n * Math.log(c / n);
            }
        }
        return h;
    }


    private static double choose2(double n) {
        return n * (n - 1) / 2.0;
    }
}
