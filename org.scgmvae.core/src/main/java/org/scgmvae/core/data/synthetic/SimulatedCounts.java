package org.scgmvae.core.data.synthetic;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * A small Splatter-style simulator of single-cell RNA-seq counts with cell types and a
 * stimulation, used for the demo and tests while no real data set ships with the project.
 *
 * <p>Each gene has a log-normal base expression. Each cell type up-regulates its own block of
 * marker genes; the stimulated condition up-regulates a shared response block and a smaller
 * type-specific block (like interferon response in PBMCs). Library sizes are log-normal; counts
 * are negative binomial (gamma-Poisson) with a common dispersion. Cell types are unbalanced.
 */
public final class SimulatedCounts {

    /** Simulation parameters. */
    public record Spec(int nCells, int nGenes, double[] typeProportions, int markersPerType, double markerLogFold,
                       int sharedResponseGenes, int typeResponseGenes, double responseLogFold,
                       double meanLibrarySize, double dispersion, long seed) {

        /** The same simulation with another number of cells and genes. */
        public Spec withShape(int cells, int genes) {
            return new Spec(cells, genes, typeProportions, markersPerType, markerLogFold, sharedResponseGenes,
                    typeResponseGenes, responseLogFold, meanLibrarySize, dispersion, seed);
        }

        /** 2,400 cells, 800 genes, 6 unbalanced types, 2 conditions. */
        public static Spec defaults() {
            return new Spec(2400, 800, new double[] {0.30, 0.22, 0.18, 0.14, 0.10, 0.06}, 25, 2.0, 40, 10, 1.5,
                    3000, 5.0, 2022);
        }
    }

    private SimulatedCounts() {
    }

    public static AnnData generate(Spec s) {
        Random rnd = new Random(s.seed());
        int nTypes = s.typeProportions().length;
        double[] base = new double[s.nGenes()];
        for (int j = 0; j < s.nGenes(); j++) {
            base[j] = rnd.nextGaussian() * 1.2;
        }
        double[][] typeLfc = new double[nTypes][s.nGenes()];
        double[][] respLfc = new double[nTypes][s.nGenes()];
        int next = 0;
        for (int t = 0; t < nTypes; t++) {
            for (int m = 0; m < s.markersPerType(); m++) {
                typeLfc[t][next++ % s.nGenes()] = s.markerLogFold() * (0.5 + rnd.nextDouble());
            }
        }
        int sharedStart = next;
        for (int t = 0; t < nTypes; t++) {
            for (int m = 0; m < s.sharedResponseGenes(); m++) {
                respLfc[t][(sharedStart + m) % s.nGenes()] = s.responseLogFold();
            }
        }
        next = sharedStart + s.sharedResponseGenes();
        for (int t = 0; t < nTypes; t++) {
            for (int m = 0; m < s.typeResponseGenes(); m++) {
                respLfc[t][next++ % s.nGenes()] = s.responseLogFold() * (rnd.nextBoolean() ? 1 : -1);
            }
        }
        double[][][] props = new double[nTypes][2][s.nGenes()];
        for (int t = 0; t < nTypes; t++) {
            for (int c = 0; c < 2; c++) {
                double sum = 0;
                for (int j = 0; j < s.nGenes(); j++) {
                    props[t][c][j] = Math.exp(base[j] + typeLfc[t][j] + (c == 1 ? respLfc[t][j] : 0));
                    sum += props[t][c][j];
                }
                for (int j = 0; j < s.nGenes(); j++) {
                    props[t][c][j] /= sum;
                }
            }
        }
        CsrMatrix.Builder b = new CsrMatrix.Builder(s.nGenes());
        String[] type = new String[s.nCells()];
        String[] cond = new String[s.nCells()];
        String[] names = new String[s.nCells()];
        double[] cum = new double[nTypes];
        double acc = 0;
        for (int t = 0; t < nTypes; t++) {
            acc += s.typeProportions()[t];
            cum[t] = acc;
        }
        for (int i = 0; i < s.nCells(); i++) {
            double u = rnd.nextDouble() * acc;
            int t = 0;
            while (t < nTypes - 1 && u > cum[t]) {
                t++;
            }
            int c = i % 2;
            double lib = s.meanLibrarySize() * Math.exp(rnd.nextGaussian() * 0.3 - 0.045);
            for (int j = 0; j < s.nGenes(); j++) {
                double mu = lib * props[t][c][j];
                double lambda = gamma(s.dispersion(), mu / s.dispersion(), rnd);
                int k = Sampling.poisson(rnd, lambda);
                if (k > 0) {
                    b.add(j, k);
                }
            }
            b.endRow();
            type[i] = "type" + (char) ('A' + t);
            cond[i] = c == 0 ? "ctrl" : "stim";
            names[i] = String.format("sim%05d", i);
        }
        String[] genes = new String[s.nGenes()];
        for (int j = 0; j < s.nGenes(); j++) {
            genes[j] = String.format("G%04d", j);
        }
        LinkedHashMap<String, CategoricalColumn> obs = new LinkedHashMap<>();
        List<String> typeNames = new java.util.ArrayList<>();
        for (int t = 0; t < nTypes; t++) {
            typeNames.add("type" + (char) ('A' + t));
        }
        obs.put("cell_type", CategoricalColumn.fromStrings(type, typeNames));
        obs.put("condition", CategoricalColumn.fromStrings(cond, List.of("ctrl", "stim")));
        CsrMatrix counts = b.build();
        return new AnnData(counts, new DataFrame(names, obs), DataFrame.ofIndex(genes)).withLayer("counts", counts);
    }

    /** Gamma(shape, scale) by Marsaglia and Tsang (shape &gt;= 1; boosted for shape &lt; 1). */
    static double gamma(double shape, double scale, Random rnd) {
        if (shape < 1) {
            return gamma(shape + 1, scale, rnd) * Math.pow(rnd.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rnd.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rnd.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v * scale;
            }
        }
    }
}
