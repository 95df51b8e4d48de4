package org.scgmvae.core.data.synthetic;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * The thesis' toy problem: well-separated Gaussian blobs, one per class, shifted by a
 * condition-specific offset. X = centre(class) + offset(condition) + N(0, noise^2).
 * obs columns: {@code cell_type} ("class0".."classN") and {@code condition} ("ctrl", "stim", ...).
 */
public final class ToyBlobs {

    private ToyBlobs() {
    }

    /** 5 classes, 2 conditions, 16 dimensions, {@code cellsPerGroup} cells per class and condition. */
    public static AnnData generate(int cellsPerGroup, long seed) {
        return generate(5, 2, 16, cellsPerGroup, 6.0, 3.0, 0.5, seed);
    }

    /**
     * @param separation sd of the class centres
     * @param shift      sd of the condition offsets
     * @param noise      within-blob sd
     */
    public static AnnData generate(int classes, int conditions, int dims, int cellsPerGroup,
                                   double separation, double shift, double noise, long seed) {
        Random rnd = new Random(seed);
        double[][] centres = new double[classes][dims];
        for (double[] c : centres) {
            for (int d = 0; d < dims; d++) {
                c[d] = rnd.nextGaussian() * separation;
            }
        }
        double[][] offsets = new double[conditions][dims];
        for (int c = 1; c < conditions; c++) {
            for (int d = 0; d < dims; d++) {
                offsets[c][d] = rnd.nextGaussian() * shift;
            }
        }
        int n = classes * conditions * cellsPerGroup;
        float[] x = new float[n * dims];
        String[] type = new String[n];
        String[] cond = new String[n];
        String[] names = new String[n];
        String[] condNames = conditionNames(conditions);
        int i = 0;
        for (int k = 0; k < classes; k++) {
            for (int c = 0; c < conditions; c++) {
                for (int r = 0; r < cellsPerGroup; r++, i++) {
                    for (int d = 0; d < dims; d++) {
                        x[i * dims + d] = (float) (centres[k][d] + offsets[c][d] + rnd.nextGaussian() * noise);
                    }
                    type[i] = "class" + k;
                    cond[i] = condNames[c];
                    names[i] = "cell" + i;
                }
            }
        }
        String[] genes = new String[dims];
        for (int d = 0; d < dims; d++) {
            genes[d] = "dim" + d;
        }
        LinkedHashMap<String, CategoricalColumn> obs = new LinkedHashMap<>();
        obs.put("cell_type", CategoricalColumn.fromStrings(type));
        obs.put("condition", CategoricalColumn.fromStrings(cond, List.of(condNames)));
        return new AnnData(new DenseMatrix(n, dims, x), new DataFrame(names, obs), DataFrame.ofIndex(genes));
    }

    static String[] conditionNames(int conditions) {
        String[] names = new String[conditions];
        for (int c = 0; c < conditions; c++) {
            names[c] = c == 0 ? "ctrl" : conditions == 2 ? "stim" : "cond" + c;
        }
        return names;
    }
}
