package org.scgmvae.core.eval;

import org.scgmvae.core.data.DenseMatrix;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A k-nearest-neighbour classifier by majority vote, as the check of whether generated cells look like real cells of their type. */
public final class NeighbourVote {

    private NeighbourVote() {
    }

    /**
     * Share of the generated cells whose {@code k} nearest real cells (Euclidean, majority vote, ties to the nearer cell's
     * label) carry the generated cell's intended label: do generated cells look like real cells of their type?
     */
    public static double shareNamed(DenseMatrix real, String[] realLabels, DenseMatrix generated, String[] intended, int k) {
        int d = real.nGenes();
        int kk = Math.min(k, real.nCells());
        int hits = 0;
        float[] rv = real.values();
        float[] gv = generated.values();
        for (int g = 0; g < generated.nCells(); g++) {
            int[] best = new int[kk];
            float[] bestD = new float[kk];
            Arrays.fill(bestD, Float.POSITIVE_INFINITY);
            for (int r = 0; r < real.nCells(); r++) {
                float dist = 0;
                for (int j = 0; j < d; j++) {
                    float diff = gv[g * d + j] - rv[r * d + j];
                    dist += diff * diff;
                }
                NearestNeighbours.offer(best, bestD, r, dist);
            }
            Map<String, Integer> votes = new LinkedHashMap<>(); // insertion order = nearest first, so ties go to the nearer label
            for (int r : best) {
                if (realLabels[r] != null) {
                    votes.merge(realLabels[r], 1, Integer::sum);
                }
            }
            String winner = null;
            int most = 0;
            for (Map.Entry<String, Integer> v : votes.entrySet()) {
                if (v.getValue() > most) {
                    most = v.getValue();
                    winner = v.getKey();
                }
            }
            hits += intended[g].equals(winner) ? 1 : 0;
        }
        return hits / (double) generated.nCells();
    }
}
