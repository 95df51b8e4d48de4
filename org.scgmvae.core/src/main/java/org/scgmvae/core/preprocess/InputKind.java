package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.AnnData;

import java.util.Locale;

/**
 * What the cells' values are, and so which preprocessing route they take: one documented default pipeline per
 * kind, shared by the CLI, the KNIME learners and the benchmark runners, so that the same file gives the same
 * science everywhere.
 *
 * <ul>
 *   <li>{@link #COUNTS}: raw (or estimated) counts, in X or a {@code counts} layer: normalize_total (median),
 *       log1p, 2,000 Seurat highly variable genes, scaling clipped at 10 (scanpy's standard).</li>
 *   <li>{@link #LOG_NORMALIZED}: values already normalised and log1p-transformed (scGen's Kang file, many
 *       published .h5ad files): the same gene selection and scaling, without a second normalisation or log.</li>
 *   <li>{@link #AS_IS}: values to model exactly as they are (already scaled, e.g. scanpy's pbmc68k_reduced X, or
 *       non-expression features): every gene kept, nothing transformed; gene names are still recorded so that
 *       new data is aligned by name and outputs keep the gene names.</li>
 * </ul>
 * {@link #AUTO} picks one of the three from the values ({@link #detect}).
 */
public enum InputKind {
    AUTO, COUNTS, LOG_NORMALIZED, AS_IS;

    /** Highly variable genes every route that selects genes keeps by default. */
    public static final int DEFAULT_TOP_GENES = 2000;

    /** The kind resolved for one data set, its pipeline and one sentence that says why (for the user). */
    public record Route(InputKind kind, PreprocessConfig config, String explanation) {
    }

    /**
     * The kind the values look like: a {@code counts} layer or non-negative values with some not log-like
     * ({@link ValueSample}) = counts; mostly fractional values none above {@value ValueSample#COUNT_LEVEL} =
     * log-normalised; negative values (centred or scaled data) = as is.
     */
    public static InputKind detect(AnnData data) {
        if (data.layers().containsKey("counts")) {
            return COUNTS;
        }
        ValueSample s = ValueSample.of(data.x());
        if (s.negative()) {
            return AS_IS;
        }
        return s.looksLogTransformed() ? LOG_NORMALIZED : COUNTS;
    }

    /** The standard pipeline of this (resolved) kind with {@code nTopGenes} HVGs (0 = every gene). */
    public PreprocessConfig pipeline(int nTopGenes) {
        PreprocessConfig c = switch (this) {
            case COUNTS -> PreprocessConfig.defaults();
            case LOG_NORMALIZED -> PreprocessConfig.alreadyNormalized().withHvgFlavor(HighlyVariableGenes.Flavor.SEURAT);
            case AS_IS -> PreprocessConfig.asIs();
            case AUTO -> throw new IllegalStateException("resolve AUTO with InputKind.resolve first");
        };
        if (this == AS_IS) {
            return c;
        }
        return nTopGenes == 0 ? c.withHvgFlavor(null) : c.withNTopGenes(nTopGenes);
    }

    /** This kind (AUTO: the detected one) with its pipeline and an explanation for the user. */
    public Route resolve(AnnData data, int nTopGenes) {
        InputKind k = this == AUTO ? detect(data) : this;
        String how = this == AUTO ? "detected" : "chosen";
        ValueSample sample = this == AUTO && k == AS_IS ? ValueSample.of(data.x()) : null;
        // no gene selection where the cells have no more genes than asked for (the pipeline keeps them all)
        String genes = nTopGenes == 0 ? "every gene" : data.nGenes() <= nTopGenes ? "every gene (" + data.nGenes() + ", not more than "
                + nTopGenes + ")" : nTopGenes + " highly variable genes";
        String text = switch (k) {
            case COUNTS -> "counts (" + how + (data.layers().containsKey("counts") ? ", layer 'counts' rather than X" : "")
                    + "): normalize_total, log1p, " + genes + ", scaling";
            case LOG_NORMALIZED -> "log-normalised values (" + how + "): " + genes + ", scaling; no second normalisation or log";
            case AS_IS -> "values used as they are (" + how + (this == AUTO ? ": negative values, i.e. already centred or scaled" : "")
                    + "): every gene, no transformation" + (sample != null && sample.looksLikeCountsWithStrayNegatives()
                    ? String.format(Locale.ROOT, ". But the values are whole numbers and only %,d of %,d sampled values %s negative:"
                    + " if these are counts with corrupt entries, correct them (counts are detected once none is negative)", sample.negatives(),
                    sample.nonZero(), sample.negatives() == 1 ? "is" : "are") : "");
            case AUTO -> throw new IllegalStateException();
        };
        return new Route(k, k.pipeline(nTopGenes), "input: " + text);
    }

    /** Parses the CLI/KNIME spelling: auto, counts, log-normalized (or log-normalised, normalized), as-is. */
    public static InputKind parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace("normalised", "normalized");
        return switch (v) {
            case "auto" -> AUTO;
            case "counts", "raw", "raw-counts" -> COUNTS;
            case "log-normalized", "normalized", "lognorm" -> LOG_NORMALIZED;
            case "as-is", "scaled", "none" -> AS_IS;
            default -> throw new IllegalArgumentException("unknown input kind '" + s + "'; use auto, counts, log-normalized or as-is");
        };
    }

    /** The spelling {@link #parse} reads. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
