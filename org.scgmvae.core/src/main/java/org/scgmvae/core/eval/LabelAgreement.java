package org.scgmvae.core.eval;

import org.scgmvae.core.data.CategoricalColumn;

/**
 * How predicted components agree with known labels, every figure {@code evaluate} prints and the report's confusion
 * heatmap shows, computed once.
 *
 * @param table     counts[component][label] of the cells that have a label
 * @param mapping   label index each component is mapped to by majority (-1: no labelled cells)
 * @param recall    per label, the share of its cells in components mapped to it
 */
public record LabelAgreement(java.util.List<String> labels, ContingencyTable table, int[] mapping, double majorityAccuracy,
                             double oneToOneAccuracy, double adjustedRandIndex, double normalizedMutualInfo, double[] recall) {

    public static LabelAgreement of(int[] components, CategoricalColumn truthColumn) {
        int[] truth = truthColumn.codes();
        ContingencyTable t = new ContingencyTable(components, truth);
        int[] mapping = ClusteringMetrics.majorityMapping(t);
        return new LabelAgreement(truthColumn.categories(), t, mapping, ClusteringMetrics.majorityAccuracy(components, truth),
                ClusteringMetrics.hungarianAccuracy(components, truth), ClusteringMetrics.adjustedRandIndex(components, truth),
                ClusteringMetrics.normalizedMutualInfo(components, truth),
                ClusteringMetrics.perClassRecall(components, truth, mapping, truthColumn.categories().size()));
    }
}
