package org.scgmvae.core.preprocess;

import org.scgmvae.core.options.UserOptions;

/**
 * Settings of the standard scanpy-style pipeline, applied in this order: filter cells, filter
 * genes, normalize_total, log1p, highly-variable-gene selection, scale.
 *
 * @param countsLayer      layer holding raw counts to start from (e.g. "counts"); null or
 *                         absent layer = X
 * @param minCountsPerCell drop cells with fewer total counts (0 = keep all)
 * @param minGenesPerCell  drop cells with fewer expressed genes (0 = keep all)
 * @param minCellsPerGene  drop genes expressed in fewer cells (default 1 drops all-zero genes)
 * @param minCountsPerGene drop genes with fewer total counts
 * @param normalizeTotal   scale every cell to the same total count
 * @param targetSum        that total; null = median of the cell totals (scanpy's default)
 * @param log1p            apply log(1+x)
 * @param hvgFlavor        highly-variable-gene method; null = keep all genes
 * @param nTopGenes        number of highly variable genes (0 = scanpy's cut-offs)
 * @param scale            zero-centre and scale each gene to unit variance
 * @param scaleMaxValue    clip scaled values to [-v, v]; null = no clipping
 */
public record PreprocessConfig(
        String countsLayer,
        double minCountsPerCell,
        int minGenesPerCell,
        int minCellsPerGene,
        double minCountsPerGene,
        boolean normalizeTotal,
        Double targetSum,
        boolean log1p,
        HighlyVariableGenes.Flavor hvgFlavor,
        int nTopGenes,
        boolean scale,
        Double scaleMaxValue) implements java.io.Serializable {

    public PreprocessConfig {
        // the ranges of the command line and the node settings (UserOptions), with the same message
        UserOptions.MIN_GENES.check(minGenesPerCell);
        UserOptions.MIN_CELLS.check(minCellsPerGene);
        UserOptions.N_TOP_GENES.check(nTopGenes);
        if (targetSum != null) {
            UserOptions.TARGET_SUM.check(targetSum);
        }
    }

    /** The usual single-cell pipeline: median normalisation, log1p, top-2000 Seurat HVGs, scaling clipped at 10. */
    public static PreprocessConfig defaults() {
        return new PreprocessConfig("counts", 0, 0, 1, 0, true, null, true,
                HighlyVariableGenes.Flavor.SEURAT, 2000, true, 10.0);
    }

    /** For data that is already normalised/log-transformed: only gene selection and scaling. */
    public static PreprocessConfig alreadyNormalized() {
        return asIs().toBuilder().scale(true).scaleMaxValue(10.0).build();
    }

    /** Nothing transformed, every gene kept: the model input is X itself, but the gene names are recorded. */
    public static PreprocessConfig asIs() {
        return new PreprocessConfig(null, 0, 0, 0, 0, false, null, false, null, 0, false, null);
    }

    /** True when this pipeline changes no value and keeps every gene ({@link #asIs()}). */
    public boolean isIdentity() {
        return !normalizeTotal && !log1p && hvgFlavor == null && !scale && minCountsPerCell == 0 && minGenesPerCell == 0
                && minCellsPerGene == 0 && minCountsPerGene == 0;
    }

    /** A builder holding this pipeline's settings: change some, {@link Builder#build()} a new config (checked again). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public PreprocessConfig withNTopGenes(int n) {
        return toBuilder().nTopGenes(n).build();
    }

    public PreprocessConfig withHvgFlavor(HighlyVariableGenes.Flavor f) {
        return toBuilder().hvgFlavor(f).build();
    }

    public PreprocessConfig withScale(boolean s, Double maxValue) {
        return toBuilder().scale(s).scaleMaxValue(maxValue).build();
    }

    public PreprocessConfig withCellFilter(double minCounts, int minGenes) {
        return toBuilder().minCountsPerCell(minCounts).minGenesPerCell(minGenes).build();
    }

    public PreprocessConfig withGeneFilter(double minCounts, int minCells) {
        return toBuilder().minCountsPerGene(minCounts).minCellsPerGene(minCells).build();
    }

    public PreprocessConfig withTargetSum(Double t) {
        return toBuilder().targetSum(t).build();
    }

    /** Mutable, named settings for a {@link PreprocessConfig}; {@link #build()} checks the ranges. */
    public static final class Builder {
        private String countsLayer;
        private double minCountsPerCell;
        private int minGenesPerCell;
        private int minCellsPerGene;
        private double minCountsPerGene;
        private boolean normalizeTotal;
        private Double targetSum;
        private boolean log1p;
        private HighlyVariableGenes.Flavor hvgFlavor;
        private int nTopGenes;
        private boolean scale;
        private Double scaleMaxValue;

        private Builder(PreprocessConfig c) {
            countsLayer = c.countsLayer;
            minCountsPerCell = c.minCountsPerCell;
            minGenesPerCell = c.minGenesPerCell;
            minCellsPerGene = c.minCellsPerGene;
            minCountsPerGene = c.minCountsPerGene;
            normalizeTotal = c.normalizeTotal;
            targetSum = c.targetSum;
            log1p = c.log1p;
            hvgFlavor = c.hvgFlavor;
            nTopGenes = c.nTopGenes;
            scale = c.scale;
            scaleMaxValue = c.scaleMaxValue;
        }

        public Builder countsLayer(String v) {
            countsLayer = v;
            return this;
        }

        public Builder minCountsPerCell(double v) {
            minCountsPerCell = v;
            return this;
        }

        public Builder minGenesPerCell(int v) {
            minGenesPerCell = v;
            return this;
        }

        public Builder minCellsPerGene(int v) {
            minCellsPerGene = v;
            return this;
        }

        public Builder minCountsPerGene(double v) {
            minCountsPerGene = v;
            return this;
        }

        public Builder normalizeTotal(boolean v) {
            normalizeTotal = v;
            return this;
        }

        public Builder targetSum(Double v) {
            targetSum = v;
            return this;
        }

        public Builder log1p(boolean v) {
            log1p = v;
            return this;
        }

        public Builder hvgFlavor(HighlyVariableGenes.Flavor v) {
            hvgFlavor = v;
            return this;
        }

        public Builder nTopGenes(int v) {
            nTopGenes = v;
            return this;
        }

        public Builder scale(boolean v) {
            scale = v;
            return this;
        }

        public Builder scaleMaxValue(Double v) {
            scaleMaxValue = v;
            return this;
        }

        public PreprocessConfig build() {
            return new PreprocessConfig(countsLayer, minCountsPerCell, minGenesPerCell, minCellsPerGene, minCountsPerGene, normalizeTotal, targetSum, log1p, hvgFlavor, nTopGenes, scale, scaleMaxValue);
        }
    }
}
