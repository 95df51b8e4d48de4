package org.scgmvae.core.infer;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.model.ModelSignature;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.GeneAligner;
import org.scgmvae.core.preprocess.InputNotes;


/**
 * Turns new cells into model input: applies the model's stored preprocessing (aligning genes by
 * name), maps the condition column onto the model's conditions and, optionally, a label column
 * onto its labels.
 *
 * @param input     what the network consumes
 * @param data      the transformed cells (obs kept, X = model input)
 * @param alignment how genes were matched (null when the model has no preprocessing)
 * @param notes     what the preprocessing noticed about the cells (units unlike the training cells', cells without counts);
 *                  null when the model has no preprocessing
 */
public record InferenceInput(ModelInput input, AnnData data, GeneAligner.Report alignment, InputNotes notes) {

    /** The sentences to show the user about these cells (none when they are as the model expects). */
    public java.util.List<String> warnings() {
        return notes == null ? java.util.List.of() : notes.warnings();
    }


    /**
     * @param conditionColumn obs column with conditions; null = the column the model was trained with
     * @param labelColumn     obs column with labels (for flipping with true labels); null = none. Used
     *                        only for models trained with labels; values the model does not know
     *                        fall back to the predicted component
     */
    public static InferenceInput prepare(TrainedModel model, AnnData raw, String conditionColumn, String labelColumn) {
        if (labelColumn != null && !model.labelNames().isEmpty() && !raw.obs().has(labelColumn)) {
            throw new IllegalArgumentException("no column '" + labelColumn + "' for the cells' labels; available: " + raw.obs().columnNames());
        }
        AnnData data = raw;
        GeneAligner.Report report = null;
        InputNotes notes = null;
        FittedPreprocessing pre = model.preprocessing();
        if (pre != null) {
            FittedPreprocessing.Applied applied = pre.apply(raw);
            data = applied.transformed();
            report = applied.alignment();
            notes = applied.notes();
        } else if (raw.nGenes() != model.config().nFeatures()) {
            throw new IllegalArgumentException("the model expects " + model.config().nFeatures() + " features but the data has "
                    + raw.nGenes() + " genes (the model has no stored preprocessing to align them)");
        }
        ModelSignature signature = model.signature();
        int[] conditions = signature.conditionCodes(data, conditionColumn);
        int[] labels = signature.labelCodes(data, labelColumn);
        ModelInput in = ModelInput.of(data, conditions, model.conditionNames().size(), labels, model.config());
        return new InferenceInput(in, data, report, notes);
    }
}
