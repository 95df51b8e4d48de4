package org.scgmvae.core.model;

import org.scgmvae.core.preprocess.FittedPreprocessing;

import java.util.List;

/**
 * A trained (c)GMVAE with everything needed to apply it to new data: the network, the names of
 * labels and conditions it was trained with, the fitted preprocessing and how components map to
 * labels.
 *
 * @param module               the trained network
 * @param labelNames           label of each supervised component (index = component), empty when
 *                             trained without labels
 * @param componentLabels      label name per component (from supervision or majority mapping),
 *                             null entries for unmapped components; empty when none known
 * @param conditionNames       condition of each one-hot position (empty for a GMVAE)
 * @param preprocessing        transform from raw data to model input (null = input used as is)
 * @param labelColumn          obs column of the labels used in training (null if none)
 * @param conditionColumn      obs column of the conditions (null for a GMVAE)
 * @param referenceLibrarySize median library size of the training cells (for decoding counts)
 * @param summary              training summary (mode, epochs, final losses) for display
 * @param styles               where each component's training cells lie in w, for generation (null: not fitted, as in
 *                             models saved before it existed; the generator then draws w from the prior)
 * @param shifts               where each component's training cells lie in z under each condition, for flipping (null for
 *                             a GMVAE and for models saved before it existed)
 */
public record TrainedModel(GmvaeModule module, List<String> labelNames, List<String> componentLabels,
                           List<String> conditionNames, FittedPreprocessing preprocessing, String labelColumn,
                           String conditionColumn, double referenceLibrarySize, TrainingSummary summary,
                           ComponentStyles styles, ConditionShift shifts) {

    public TrainedModel {
        labelNames = List.copyOf(labelNames);
        componentLabels = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(componentLabels));
        conditionNames = List.copyOf(conditionNames);
    }

    public GmvaeConfig config() {
        return module.config();
    }

    /** What the model expects of the cells it is applied to (genes, labels, conditions, sizes). */
    public ModelSignature signature() {
        return ModelSignature.of(this);
    }

    /**
     * The condition {@code name} refers to: itself when the model knows it, else the one condition it names but for its case
     * (Python's {@code True} for a column read as {@code true}); {@code name} unchanged when there is none or several.
     */
    public String conditionLike(String name) {
        if (name == null || conditionNames.contains(name)) {
            return name;
        }
        List<String> same = conditionNames.stream().filter(c -> c.equalsIgnoreCase(name)).toList();
        return same.size() == 1 ? same.get(0) : name;
    }

    /** The label predicted for a component, or null when the component has no label. */
    public String labelOfComponent(int k) {
        return k < componentLabels.size() ? componentLabels.get(k) : null;
    }

    public TrainedModel withComponentLabels(List<String> labels) {
        return new TrainedModel(module, labelNames, labels, conditionNames, preprocessing, labelColumn,
                conditionColumn, referenceLibrarySize, summary, styles, shifts);
    }

    public TrainedModel withStyles(ComponentStyles s) {
        return new TrainedModel(module, labelNames, componentLabels, conditionNames, preprocessing, labelColumn,
                conditionColumn, referenceLibrarySize, summary, s, shifts);
    }

    public TrainedModel withShifts(ConditionShift s) {
        return new TrainedModel(module, labelNames, componentLabels, conditionNames, preprocessing, labelColumn,
                conditionColumn, referenceLibrarySize, summary, styles, s);
    }

    /**
     * What training did, kept with the model for display and provenance.
     *
     * @param history    the loss terms of every epoch (null in model files written before it was stored)
     * @param provenance where the model came from: data shape and gene list, every setting, library, time (null in model
     *                   files written before it was stored)
     * @param bestEpoch  the epoch whose parameters the model kept (1-based; 0 in model files written before it was stored)
     */
    public record TrainingSummary(String mode, int epochs, double finalLoss, double validationLoss,
                                  double validationAccuracy, long seed, String trainingConfig, List<EpochTerms> history,
                                  Provenance provenance, int bestEpoch) {

        public TrainingSummary {
            history = history == null ? null : List.copyOf(history);
        }
    }

    /**
     * One epoch of the training history: loss terms per cell on training and validation cells.
     *
     * @param validationAccuracy accuracy on labelled validation cells (NaN when not available)
     */
    public record EpochTerms(int epoch, java.util.Map<String, Double> train, java.util.Map<String, Double> validation,
                             double validationAccuracy) {

        public EpochTerms {
            train = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(train));
            validation = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(validation));
        }
    }
}
