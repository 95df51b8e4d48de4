package org.scgmvae.core.eval;

import org.scgmvae.core.data.ExpressionMatrix;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Differentially expressed genes as scanpy's {@code rank_genes_groups(method='wilcoxon')} finds them, which is how scGen
 * picks the "top-100 DEGs" of its R^2 figure: per gene the Wilcoxon rank-sum z-score of a group of cells against a
 * reference group (ties get their mean rank), genes ranked by |z|.
 */
public final class RankGenes {

    private RankGenes() {
    }

    /** z-score of each gene, {@code group} rows against {@code reference} rows of {@code m}. */
    public static double[] wilcoxonZ(ExpressionMatrix m, int[] group, int[] reference) {
        int n1 = group.length;
        int n2 = reference.length;
        int n = n1 + n2;
        int g = m.nGenes();
        float[][] values = new float[g][n];
        float[] row = new float[g];
        for (int r = 0; r < n; r++) {
            m.row(r < n1 ? group[r] : reference[r - n1], row);
            for (int j = 0; j < g; j++) {
                values[j][r] = row[j];
            }
        }
        double mean = n1 * (n + 1) / 2.0;
        double sd = Math.sqrt(n1 * (double) n2 * (n + 1) / 12.0);
        double[] z = new double[g];
        Integer[] order = new Integer[n];
        for (int j = 0; j < g; j++) {
            float[] v = values[j];
            for (int r = 0; r < n; r++) {
                order[r] = r;
            }
            Arrays.sort(order, Comparator.comparingDouble(r -> v[r]));
            double rankSum = 0;
            for (int a = 0; a < n; ) {
                int b = a;
                while (b + 1 < n && v[order[b + 1]] == v[order[a]]) {
                    b++;
                }
                double rank = (a + b) / 2.0 + 1; // mean rank of the tie block a..b, ranks from 1
                for (int t = a; t <= b; t++) {
                    if (order[t] < n1) {
                        rankSum += rank;
                    }
                }
                a = b + 1;
            }
            z[j] = (rankSum - mean) / sd;
        }
        return z;
    }

    /** Indices of the {@code count} genes with the largest |z| (stable for ties). */
    public static int[] top(double[] z, int count) {
        return IntStream.range(0, z.length).boxed().sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(z[j])))
                .limit(Math.min(count, z.length)).mapToInt(Integer::intValue).toArray();
    }
}
