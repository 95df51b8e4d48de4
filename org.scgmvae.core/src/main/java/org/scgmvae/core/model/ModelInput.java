package org.scgmvae.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.BlockMatrix;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.io.MatrixChecks;
import org.scgmvae.core.model.likelihood.Observed;
import org.scgmvae.core.nn.HostArrays;
import org.scgmvae.core.nn.SpecialFunctions;
import org.scgmvae.core.preprocess.GeneStats;


/**
 * Cells in the form the network consumes: model-input features, condition codes, label codes
 * (-1 = unlabelled) and, for count likelihoods, raw counts with library sizes. Batches are
 * assembled on demand from row indices, so sparse data is densified one batch at a time.
 */
public final class ModelInput {

    private final ExpressionMatrix features;
    private final int[] conditions;
    private final int nConditions;
    private final int[] labels;
    private final int nComponents;
    private final ExpressionMatrix counts;
    private final double[] librarySize;
    /** sum_g lgamma(count + 1) per cell: a constant of the NB likelihood, computed once, not every epoch. */
    private final double[] lgammaCounts;

    /**
     * @param conditions  condition code per cell (null for an unconditional model)
     * @param labels      component index per cell, -1 when unlabelled (null = all unlabelled)
     * @param counts      raw counts (only for count likelihoods, else null)
     * @param librarySize total counts per cell (only with counts)
     */
    public ModelInput(ExpressionMatrix features, int[] conditions, int nConditions, int[] labels, int nComponents,
                      ExpressionMatrix counts, double[] librarySize) {
        int n = features.nCells();
        check(conditions == null || conditions.length == n, "conditions");
        check(labels == null || labels.length == n, "labels");
        check(counts == null || (counts.nCells() == n && counts.nGenes() == features.nGenes()), "counts");
        check(librarySize == null || librarySize.length == n, "library sizes");
        if (conditions != null) {
            for (int i = 0; i < n; i++) {
                if (conditions[i] < 0 || conditions[i] >= nConditions) {
                    throw new IllegalArgumentException("cell " + i + " has no valid condition (code " + conditions[i]
                            + "); every cell needs a condition for a conditional model");
                }
            }
        }
        if (labels != null) {
            for (int l : labels) {
                if (l >= nComponents) {
                    throw new IllegalArgumentException("label code " + l + " exceeds the " + nComponents + " components");
                }
            }
        }
        this.features = features;
        this.conditions = conditions;
        this.nConditions = nConditions;
        this.labels = labels;
        this.nComponents = nComponents;
        this.counts = counts;
        this.librarySize = librarySize;
        this.lgammaCounts = counts == null ? null : lgammaCountSums(counts);
    }

    /**
     * Model input for {@code data} (X = model input): for count likelihoods also the raw counts
     * (layer {@code counts}, else X; checked to be counts) and library sizes (obs
     * {@code library_size} when the preprocessing wrote it, else the totals of those counts).
     */
    public static ModelInput of(AnnData data, int[] conditions, int nConditions, int[] labels, GmvaeConfig cfg) {
        ExpressionMatrix counts = null;
        double[] library = null;
        if (cfg.likelihood().usesCounts()) {
            counts = data.layers().getOrDefault("counts", data.x());
            MatrixChecks.requireCounts(counts, "the " + cfg.likelihood() + " likelihood", data.cellNames(), data.geneNames());
            library = data.obs().has("library_size") ? ((NumericColumn) data.obs().column("library_size")).values()
                    : GeneStats.cellTotals(counts)[0];
        }
        return new ModelInput(data.x(), conditions, nConditions, labels, cfg.nComponents(), counts, library);
    }

    private static double[] lgammaCountSums(ExpressionMatrix counts) {
        double[] sums = new double[counts.nCells()];
        for (int i = 0; i < sums.length; i++) {
            final int cell = i;
            counts.forEachNonZero(i, (g, v) -> sums[cell] += SpecialFunctions.lgamma(v + 1.0));
        }
        return sums;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what + " do not match the number of cells");
        }
    }

    public int nCells() {
        return features.nCells();
    }

    public int nFeatures() {
        return features.nGenes();
    }

    public ExpressionMatrix features() {
        return features;
    }

    /**
     * Cells per block when the cells stay on disk ({@link BlockMatrix} features), 0 when they are held in memory: batches
     * should then be drawn from a few blocks at a time.
     */
    public int diskBlockSize() {
        return features instanceof BlockMatrix b ? b.blockSize() : 0;
    }

    /** Whether every matrix a batch reads is held in memory (a block cache of cells on disk serves one reader at a time). */
    public boolean inMemory() {
        return !(features instanceof BlockMatrix) && !(counts instanceof BlockMatrix);
    }

    /** For cells on disk: keep this many blocks of features (and counts) at hand; no effect in memory. */
    public void holdBlocks(int blocks) {
        if (features instanceof BlockMatrix b) {
            b.holdBlocks(blocks);
        }
        if (counts instanceof BlockMatrix b) {
            b.holdBlocks(blocks);
        }
    }

    public int[] conditions() {
        return conditions;
    }

    public int[] labels() {
        return labels;
    }

    public boolean hasLabels() {
        if (labels == null) {
            return false;
        }
        for (int l : labels) {
            if (l >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Same cells with other condition codes (for condition flipping). */
    public ModelInput withConditions(int[] newConditions) {
        return new ModelInput(features, newConditions, nConditions, labels, nComponents, counts, librarySize);
    }

    /** Same cells with other labels (e.g. guided training phases). */
    public ModelInput withLabels(int[] newLabels) {
        return new ModelInput(features, conditions, nConditions, newLabels, nComponents, counts, librarySize);
    }

    /** Only the given cells, in the given order. */
    public ModelInput select(int[] rows) {
        return new ModelInput(features.selectCells(rows), pick(conditions, rows), nConditions, pick(labels, rows), nComponents,
                counts == null ? null : counts.selectCells(rows), librarySize == null ? null : pick(librarySize, rows));
    }

    /**
     * Only the given cells, read now and held in memory (each matrix dense or sparse as it comes): cells on disk that are
     * evaluated again and again are then read once. Each cell's features and counts are read together, as a batch reads
     * them, so rows in increasing order read each block once.
     */
    public ModelInput heldInMemory(int[] rows) {
        RowCopy f = new RowCopy(features, rows.length);
        RowCopy c = counts == null || counts == features ? null : new RowCopy(counts, rows.length);
        for (int row : rows) {
            f.add(features, row);
            if (c != null) {
                c.add(counts, row);
            }
        }
        ExpressionMatrix heldFeatures = f.build();
        ExpressionMatrix heldCounts = counts == null ? null : c == null ? heldFeatures : c.build();
        return new ModelInput(heldFeatures, pick(conditions, rows), nConditions, pick(labels, rows), nComponents, heldCounts,
                librarySize == null ? null : pick(librarySize, rows));
    }

    /**
     * The cells of {@code parts} one after another, each part held by {@link #heldInMemory} from one input (so with the same
     * kinds of matrices): e.g. the validation cells of each block, gathered while training reads that block.
     */
    public static ModelInput concat(java.util.List<ModelInput> parts) {
        ModelInput first = parts.get(0);
        ExpressionMatrix f = stack(parts.stream().map(p -> p.features).toList());
        ExpressionMatrix c = first.counts == null ? null : first.counts == first.features ? f
                : stack(parts.stream().map(p -> p.counts).toList());
        return new ModelInput(f, join(parts, p -> p.conditions), first.nConditions, join(parts, p -> p.labels), first.nComponents, c,
                first.librarySize == null ? null : parts.stream().flatMapToDouble(p -> java.util.Arrays.stream(p.librarySize)).toArray());
    }

    private static ExpressionMatrix stack(java.util.List<ExpressionMatrix> parts) {
        RowCopy copy = new RowCopy(parts.get(0), parts.stream().mapToInt(ExpressionMatrix::nCells).sum());
        for (ExpressionMatrix m : parts) {
            for (int i = 0; i < m.nCells(); i++) {
                copy.add(m, i);
            }
        }
        return copy.build();
    }

    private static int[] join(java.util.List<ModelInput> parts, java.util.function.Function<ModelInput, int[]> codes) {
        return codes.apply(parts.get(0)) == null ? null : parts.stream().flatMapToInt(p -> java.util.Arrays.stream(codes.apply(p))).toArray();
    }

    /** Rows of matrices (of one kind and width) copied into memory one at a time (no block-sized copies of a lazy view on the way). */
    private static final class RowCopy {
        private final float[] dense;
        private final float[] row;
        private final CsrMatrix.Builder sparse;
        private int rows;

        /** Room for {@code nRows} rows of matrices like {@code kind} (dense or sparse, its number of genes). */
        RowCopy(ExpressionMatrix kind, int nRows) {
            boolean isDense = !kind.isSparse();
            this.dense = isDense ? new float[Math.multiplyExact(nRows, kind.nGenes())] : null;
            this.row = isDense ? new float[kind.nGenes()] : null;
            this.sparse = isDense ? null : new CsrMatrix.Builder(kind.nGenes());
        }

        void add(ExpressionMatrix source, int cell) {
            if (dense != null) {
                System.arraycopy(source.row(cell, row), 0, dense, rows * row.length, row.length);
            } else {
                source.forEachNonZero(cell, sparse::add);
                sparse.endRow();
            }
            rows++;
        }

        ExpressionMatrix build() {
            return dense != null ? new DenseMatrix(rows, row.length, dense) : sparse.build();
        }
    }

    private static int[] pick(int[] v, int[] rows) {
        if (v == null) {
            return null;
        }
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    private static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    /** Whether raw counts come with the cells (count likelihoods). */
    public boolean hasCounts() {
        return counts != null;
    }

    public double[] librarySize() {
        return librarySize;
    }

    /**
     * The batch of the given rows: x, c, y (all-zero rows without labels) and, for count models, counts, log library
     * sizes and lgamma sums; no reparameterisation noise yet. {@code noise[r] > 0} adds Gaussian noise of that sd to
     * row r's features (oversampled copies); pass null for none.
     */
    public Batch batch(int[] rows, double[] noise, java.util.Random rnd) {
        int b = rows.length;
        int g = features.nGenes();
        // rows go straight into the batch array's memory (no b x g Java staging array: 8 MB per inference batch)
        INDArray xArr = Nd4j.createUninitialized(DataType.FLOAT, b, g);
        java.nio.FloatBuffer direct = HostArrays.view(xArr);
        float[] staged = direct == null ? new float[b * g] : null;
        float[] row = new float[g];
        for (int r = 0; r < b; r++) {
            features.row(rows[r], row);
            if (noise != null && noise[r] > 0) {
                for (int j = 0; j < g; j++) {
                    row[j] += (float) (rnd.nextGaussian() * noise[r]);
                }
            }
            if (direct != null) {
                direct.put(row);
            } else {
                System.arraycopy(row, 0, staged, r * g, g);
            }
        }
        if (staged != null) {
            HostArrays.write(staged, xArr);
        }
        INDArray c = conditions == null ? null : oneHot(rows, conditions, nConditions);
        INDArray y = labels == null ? Nd4j.zeros(DataType.FLOAT, b, nComponents) : oneHot(rows, labels, nComponents);
        if (counts == null) {
            return new Batch(Observed.values(xArr), c, y, null, null);
        }
        float[] cts = new float[b * g];
        float[] logLib = new float[b];
        float[] lgc = new float[b];
        for (int r = 0; r < b; r++) {
            counts.row(rows[r], row);
            System.arraycopy(row, 0, cts, r * g, g);
            logLib[r] = (float) Math.log(Math.max(1.0, librarySize[rows[r]]));
            lgc[r] = (float) lgammaCounts[rows[r]];
        }
        Observed observed = new Observed(xArr, HostArrays.create(cts, b, g), HostArrays.create(logLib, b, 1), HostArrays.create(lgc, b));
        return new Batch(observed, c, y, null, null);
    }

    /** One-hot rows; code -1 gives an all-zero row. */
    public static INDArray oneHot(int[] rows, int[] codes, int width) {
        float[] v = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            int c = codes[rows[r]];
            if (c >= 0) {
                v[r * width + c] = 1f;
            }
        }
        return HostArrays.create(v, rows.length, width);
    }
}
