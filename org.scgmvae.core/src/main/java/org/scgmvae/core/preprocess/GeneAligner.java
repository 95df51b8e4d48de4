package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-orders the genes of new data to a reference gene list by name: genes the reference has but
 * the data lacks are filled with zeros (and reported), genes only the data has are dropped.
 * Needed because a model trained on one file is applied to another.
 */
public final class GeneAligner {

    /** What alignment did; {@code missing} lists reference genes absent from the data. */
    public record Report(int referenceGenes, List<String> missing, int dropped) {

        public boolean isExact() {
            return missing.isEmpty() && dropped == 0;
        }

        public String summary() {
            if (isExact()) {
                return "all " + referenceGenes + " genes present";
            }
            if (missing.isEmpty()) {
                return "all " + referenceGenes + " model genes present; " + dropped + " other genes of the data are not used";
            }
            String miss = missing.size() <= 10 ? missing.toString()
                    : missing.subList(0, 10) + " and " + (missing.size() - 10) + " more";
            return missing.size() + " of " + referenceGenes + " model genes missing in the data (filled with zeros): " + miss
                    + "; " + dropped + " extra genes dropped";
        }
    }

    public record Result(AnnData data, Report report) {
    }

    /**
     * Below this share of the model's own genes (its selected features) found in the data, a result would mostly reflect
     * the zeros that stand in for the missing ones: applying a model is refused. Above it the missing genes are a warning.
     */
    public static final double MIN_MODEL_GENE_SHARE = 0.5;

    /** Refuses data that holds fewer than {@link #MIN_MODEL_GENE_SHARE} of {@code modelGenes}, in one sentence with the numbers. */
    public static void requireModelGenes(Report report, String[] modelGenes) {
        java.util.Set<String> missing = new java.util.HashSet<>(report.missing());
        long found = java.util.Arrays.stream(modelGenes).filter(g -> !missing.contains(g)).count();
        if (modelGenes.length > 0 && found < MIN_MODEL_GENE_SHARE * modelGenes.length) {
            throw new IllegalArgumentException("only " + found + " of the model's " + modelGenes.length + " genes occur in the data "
                    + "(at least " + Math.round(MIN_MODEL_GENE_SHARE * 100) + "% are needed: the missing ones would be zeros and "
                    + "decide the result); apply the model to cells with the genes it was trained on, under the same gene names");
        }
    }

    private GeneAligner() {
    }

    public static Result align(AnnData data, String[] referenceGenes) {
        return align(data, data.x(), referenceGenes);
    }

    /** Aligns {@code matrix} (X or a layer of {@code data}) and returns an AnnData whose X is the aligned matrix. */
    public static Result align(AnnData data, ExpressionMatrix matrix, String[] referenceGenes) {
        Map<String, Integer> pos = data.var().indexPositions("gene");
        int[] sourceToRef = new int[data.nGenes()];
        java.util.Arrays.fill(sourceToRef, -1);
        List<String> missing = new ArrayList<>();
        Map<String, Integer> refSeen = new HashMap<>();
        for (int r = 0; r < referenceGenes.length; r++) {
            Integer s = pos.get(referenceGenes[r]);
            if (refSeen.put(referenceGenes[r], r) != null) {
                throw new IllegalArgumentException("reference gene list has '" + referenceGenes[r] + "' twice");
            }
            if (s == null) {
                missing.add(referenceGenes[r]);
            } else {
                sourceToRef[s] = r;
            }
        }
        if (missing.size() == referenceGenes.length) {
            throw new IllegalArgumentException("none of the " + referenceGenes.length + " model genes (e.g. "
                    + String.join(", ", java.util.Arrays.asList(referenceGenes).subList(0, Math.min(5, referenceGenes.length)))
                    + ") occurs in the data's gene names (e.g. "
                    + String.join(", ", java.util.Arrays.asList(data.geneNames()).subList(0, Math.min(5, data.nGenes())))
                    + "); " + kindHint(referenceGenes, data.geneNames()));
        }
        int dropped = data.nGenes() - (referenceGenes.length - missing.size());
        ExpressionMatrix aligned = remap(matrix, sourceToRef, referenceGenes.length);
        AnnData out = new AnnData(aligned, data.obs(), DataFrame.ofIndex(referenceGenes.clone()), data.obsm(), Map.of());
        return new Result(out, new Report(referenceGenes.length, List.copyOf(missing), dropped));
    }

    /** Why no name matched: only the letter case differs (names are matched exactly), or the identifiers are of another kind. */
    static String kindHint(String[] referenceGenes, String[] dataGenes) {
        java.util.Set<String> lower = new java.util.HashSet<>();
        for (String g : dataGenes) {
            lower.add(g.toLowerCase(java.util.Locale.ROOT));
        }
        long sameButCase = java.util.Arrays.stream(referenceGenes).filter(g -> lower.contains(g.toLowerCase(java.util.Locale.ROOT))).count();
        if (sameButCase * 2 >= referenceGenes.length) {
            return sameButCase + " of them differ from the data's names only in letter case (names are matched exactly): write the"
                    + " gene names as in the training cells";
        }
        return "are the gene identifiers of the same kind (symbols vs Ensembl IDs)?";
    }

    private static ExpressionMatrix remap(ExpressionMatrix m, int[] sourceToRef, int nRef) {
        if (m instanceof DenseMatrix) {
            float[] out = new float[Math.multiplyExact(m.nCells(), nRef)];
            for (int i = 0; i < m.nCells(); i++) {
                final int off = i * nRef;
                m.forEachNonZero(i, (g, v) -> {
                    if (sourceToRef[g] >= 0) {
                        out[off + sourceToRef[g]] = v;
                    }
                });
            }
            return new DenseMatrix(m.nCells(), nRef, out);
        }
        CsrMatrix.Builder b = new CsrMatrix.Builder(nRef);
        for (int i = 0; i < m.nCells(); i++) {
            m.forEachNonZero(i, (g, v) -> {
                if (sourceToRef[g] >= 0) {
                    b.add(sourceToRef[g], v);
                }
            });
            b.endRow();
        }
        return b.build();
    }
}
