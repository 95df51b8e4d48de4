package org.scgmvae.core.model;

import org.scgmvae.core.data.AnnData;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model expects of the cells it is applied to, read from the trained model in one place and used by every
 * applier ({@code infer.InferenceInput}), the KNIME model port's spec and the nodes' column checks: the genes it reads and
 * the features it models (names; "feature j" without stored preprocessing), its labels and conditions (names in code
 * order and the obs columns they came from), the likelihood and the latent sizes.
 *
 * @param inputGenes      genes the model reads, in its order (empty for a model without stored preprocessing)
 * @param features        what the network models and decoding produces, in order
 * @param labelColumn     obs column the labels came from (null without labels)
 * @param labels          the supervised components' labels in code order (empty without labels)
 * @param conditionColumn obs column the conditions came from (null for a GMVAE)
 * @param conditions      the conditions in one-hot order (empty for a GMVAE)
 * @param componentLabels each component's label (null entries for unnamed components)
 */
public record ModelSignature(List<String> inputGenes, List<String> features, String labelColumn, CategoryCodes labels,
                             String conditionColumn, CategoryCodes conditions, List<String> componentLabels, Likelihood likelihood,
                             WPrior wPrior, int components, int zDim, int wDim) {

    public ModelSignature {
        inputGenes = List.copyOf(inputGenes);
        features = List.copyOf(features);
        componentLabels = java.util.Collections.unmodifiableList(new ArrayList<>(componentLabels));
    }

    public static ModelSignature of(TrainedModel model) {
        GmvaeConfig c = model.config();
        List<String> features = new ArrayList<>();
        for (int j = 0; j < c.nFeatures(); j++) {
            features.add(model.preprocessing() != null ? model.preprocessing().selectedGenes()[j] : "feature" + j);
        }
        List<String> componentLabels = new ArrayList<>();
        for (int k = 0; k < c.nComponents(); k++) {
            componentLabels.add(model.labelOfComponent(k));
        }
        return new ModelSignature(model.preprocessing() != null ? List.of(model.preprocessing().inputGenes()) : List.of(), features,
                model.labelColumn(), new CategoryCodes(model.labelNames()), model.conditionColumn(), new CategoryCodes(model.conditionNames()),
                componentLabels, c.likelihood(), c.wPrior(), c.nComponents(), c.zDim(), c.wDim());
    }

    public boolean conditional() {
        return !conditions.names().isEmpty();
    }

    /** The obs column to read conditions from: {@code chosen} when set (non-blank), else the column the model was trained with. */
    public String conditionColumn(String chosen) {
        return chosen != null && !chosen.isBlank() ? chosen : conditionColumn;
    }

    /**
     * Every cell's condition code, from {@code chosen} or the training column; null for a GMVAE. Refuses a missing column and
     * a cell whose condition the model does not know, naming the cell and the known conditions.
     */
    public int[] conditionCodes(AnnData data, String chosen) {
        if (!conditional()) {
            return null;
        }
        String col = conditionColumn(chosen);
        if (col == null || !data.obs().has(col)) {
            throw new IllegalArgumentException("the model is conditional and needs a condition column"
                    + (col == null ? "" : " ('" + col + "' not found; available: " + data.obs().columnNames().stream()
                    .filter(c -> !c.equals("library_size")).toList() + ")")); // library_size: added by the preprocessing
        }
        return conditions.encodeEvery(data.obs().categorical(col), data.cellNames(), col, "condition");
    }

    /**
     * Label codes from {@code column} (null when none or the model has no labels): only supervised components mean labels;
     * for a model trained without labels several components may share a majority name, so its predicted component is kept
     * instead. Values the model does not know get -1 (their predicted component).
     */
    public int[] labelCodes(AnnData data, String column) {
        if (column == null || labels.names().isEmpty()) {
            return null;
        }
        return labels.encode(data.obs().categorical(column));
    }

    /** One line for people: kind, genes, components, latent sizes, likelihood, conditions and labels. */
    public String describe() {
        return (conditional() ? "cGMVAE" : "GMVAE") + ": " + inputGenes.size() + " genes, K=" + components + " components, z " + zDim
                + "-dim, w " + wDim + "-dim, likelihood " + likelihood
                + (conditional() ? ", conditions " + conditions.names() + " (" + conditionColumn + "), w prior " + wPrior : "")
                + (!labels.names().isEmpty() ? ", labels " + labels.names() + " (" + labelColumn + ")" : ", no labels");
    }
}
