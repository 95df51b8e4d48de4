package org.scgmvae.core.train;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.options.UserOptions;
import org.scgmvae.core.preprocess.PreprocessConfig;

/**
 * Everything one training run needs.
 *
 * @param data              cells (raw counts when {@code preprocess} is set, else model-ready values)
 * @param preprocess        pipeline fitted on {@code data} and stored with the model; null = use X as is
 * @param labelColumn       obs column with labels for (semi-)supervised training; missing values mark
 *                          unlabelled cells; null = unsupervised
 * @param conditionColumn   obs column with the condition (cGMVAE); null = GMVAE
 * @param evaluationColumn  obs column with known labels used only to name components (majority
 *                          mapping) and report accuracy; null = none
 * @param guidedLabelColumn obs column with labels from another clusterer (e.g. Leiden): supervised
 *                          pre-training on them for {@code guidedEpochs}, then unsupervised fine-tuning
 * @param guidedEpochs      epochs of the supervised phase of guided training
 */
public record TrainingRequest(AnnData data, PreprocessConfig preprocess, String labelColumn, String conditionColumn,
                              String evaluationColumn, String guidedLabelColumn, int guidedEpochs,
                              ArchitectureOptions architecture, TrainingConfig training) {

    /** Epochs of the supervised phase of guided training, for the CLI and the learner nodes alike. */
    public static final int DEFAULT_GUIDED_EPOCHS = 20;

    public TrainingRequest {
        UserOptions.GUIDED_EPOCHS.check(guidedEpochs);
    }

    public static TrainingRequest of(AnnData data) {
        return new TrainingRequest(data, PreprocessConfig.defaults(), null, null, null, null, 0,
                ArchitectureOptions.defaults(), TrainingConfig.defaults());
    }

    public TrainingRequest withPreprocess(PreprocessConfig p) {
        return new TrainingRequest(data, p, labelColumn, conditionColumn, evaluationColumn, guidedLabelColumn, guidedEpochs, architecture, training);
    }

    public TrainingRequest withLabels(String column) {
        return new TrainingRequest(data, preprocess, column, conditionColumn, evaluationColumn, guidedLabelColumn, guidedEpochs, architecture, training);
    }

    public TrainingRequest withConditions(String column) {
        return new TrainingRequest(data, preprocess, labelColumn, column, evaluationColumn, guidedLabelColumn, guidedEpochs, architecture, training);
    }

    public TrainingRequest withEvaluation(String column) {
        return new TrainingRequest(data, preprocess, labelColumn, conditionColumn, column, guidedLabelColumn, guidedEpochs, architecture, training);
    }

    public TrainingRequest withGuidance(String column, int epochs) {
        return new TrainingRequest(data, preprocess, labelColumn, conditionColumn, evaluationColumn, column, epochs, architecture, training);
    }

    public TrainingRequest withArchitecture(ArchitectureOptions a) {
        return new TrainingRequest(data, preprocess, labelColumn, conditionColumn, evaluationColumn, guidedLabelColumn, guidedEpochs, a, training);
    }

    public TrainingRequest withTraining(TrainingConfig t) {
        return new TrainingRequest(data, preprocess, labelColumn, conditionColumn, evaluationColumn, guidedLabelColumn, guidedEpochs, architecture, t);
    }
}
