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
 * @param guidanceByDefault the Leiden guidance was not asked for but is the default route of unsupervised training
 *                          ({@link #withDefaultGuidance()}): where Leiden cannot give K clusters, training goes on unguided
 *                          with a note instead of failing
 * @param guideCells        the most cells Leiden clusters for the default guidance ({@link LeidenGuide}): above it a seeded
 *                          sample of this many, the other cells unlabelled in the guided phase
 */
public record TrainingRequest(AnnData data, PreprocessConfig preprocess, String labelColumn, String conditionColumn,
                              String evaluationColumn, String guidedLabelColumn, int guidedEpochs,
                              ArchitectureOptions architecture, TrainingConfig training, boolean guidanceByDefault,
                              int guideCells) {

    /** The guidance name that keeps unsupervised training plain (the thesis' model without Leiden guidance). */
    public static final String UNGUIDED = "none";

    /** Epochs of the supervised phase of guided training, for the CLI and the learner nodes alike. */
    public static final int DEFAULT_GUIDED_EPOCHS = 20;

    public TrainingRequest {
        UserOptions.GUIDED_EPOCHS.check(guidedEpochs);
        UserOptions.GUIDE_CELLS.check(guideCells);
        if (ModelTrainer.LEIDEN.equals(guidedLabelColumn) && data != null) {
            LeidenGuide.requireRoomFor(architecture.components(), data.nCells(), guideCells); // before preprocessing
        }
        checkColumnRoles(labelColumn, conditionColumn, guidedLabelColumn);
    }

    /**
     * Refuses a label or guidance column that is also the condition column: c enters every sub-network, so the classifier
     * would read each cell's group from its condition. For the front ends to check before any work (the learners' configure).
     */
    public static void checkColumnRoles(String labelColumn, String conditionColumn, String guidedLabelColumn) {
        for (String grouping : new String[] {labelColumn, guidedLabelColumn}) {
            if (grouping != null && grouping.equals(conditionColumn)) {
                throw new IllegalArgumentException("column '" + grouping + "' is both the condition and the " + (grouping.equals(
                        labelColumn) ? "label" : "guidance") + " column; the model would be told each cell's group through"
                        + " its condition. Use a condition that is not what the model should learn (e.g. control/stimulated, batch)");
            }
        }
    }

    public static TrainingRequest of(AnnData data) {
        return new TrainingRequest(data, PreprocessConfig.defaults(), null, null, null, null, DEFAULT_GUIDED_EPOCHS,
                ArchitectureOptions.defaults(), TrainingConfig.defaults(), false, LeidenGuide.DEFAULT_MAX_CELLS);
    }

    /** A builder holding this request: change some parts, {@link Builder#build()} a new request. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The default route of training without labels: guided by Leiden's clusters (supervised pre-training on Leiden's K
     * clusters of the preprocessed cells, then unsupervised), K = the requested components or
     * {@link ArchitectureOptions#OVER_CLUSTERING}. On the real files it was steadier across seeds and better on average than
     * the plain unsupervised GMVAE, k-means and a Gaussian mixture (BENCHMARKS.md, "Clustering on real cells over three
     * seeds"). A request with labels or with a guidance column is returned as it is; guidance {@link #UNGUIDED} gives the
     * plain unsupervised model.
     */
    public TrainingRequest withDefaultGuidance() {
        if (UNGUIDED.equals(guidedLabelColumn)) {
            return toBuilder().guidedLabelColumn(null).build();
        }
        if (labelColumn != null || guidedLabelColumn != null) {
            return this;
        }
        Builder b = toBuilder().guidedLabelColumn(ModelTrainer.LEIDEN).guidanceByDefault(true);
        if (architecture.components() == 0) {
            b.architecture(architecture.withComponents(ArchitectureOptions.OVER_CLUSTERING));
        }
        return b.build();
    }

    /** What the front ends tell the user when {@link #withDefaultGuidance()} chose the route; null when it did not. */
    public String defaultGuidanceNote() {
        return !guidanceByDefault ? null : "no --labels: pre-training on Leiden's " + architecture.components() + " clusters, then"
                + " unsupervised (the default route; --guided none for the plain unsupervised GMVAE)";
    }

    public TrainingRequest withPreprocess(PreprocessConfig p) {
        return toBuilder().preprocess(p).build();
    }

    public TrainingRequest withLabels(String column) {
        return toBuilder().labelColumn(column).build();
    }

    public TrainingRequest withConditions(String column) {
        return toBuilder().conditionColumn(column).build();
    }

    public TrainingRequest withEvaluation(String column) {
        return toBuilder().evaluationColumn(column).build();
    }

    public TrainingRequest withGuidance(String column, int epochs) {
        return toBuilder().guidedLabelColumn(column).guidedEpochs(epochs).build();
    }

    /** At most {@code cells} cells for Leiden's guide; above, a sample ({@link LeidenGuide}). */
    public TrainingRequest withGuideCells(int cells) {
        return toBuilder().guideCells(cells).build();
    }

    public TrainingRequest withArchitecture(ArchitectureOptions a) {
        return toBuilder().architecture(a).build();
    }

    public TrainingRequest withTraining(TrainingConfig t) {
        return toBuilder().training(t).build();
    }

    /** Mutable, named parts of a {@link TrainingRequest}. */
    public static final class Builder {
        private AnnData data;
        private PreprocessConfig preprocess;
        private String labelColumn;
        private String conditionColumn;
        private String evaluationColumn;
        private String guidedLabelColumn;
        private int guidedEpochs;
        private ArchitectureOptions architecture;
        private TrainingConfig training;
        private boolean guidanceByDefault;
        private int guideCells;

        private Builder(TrainingRequest c) {
            data = c.data;
            preprocess = c.preprocess;
            labelColumn = c.labelColumn;
            conditionColumn = c.conditionColumn;
            evaluationColumn = c.evaluationColumn;
            guidedLabelColumn = c.guidedLabelColumn;
            guidedEpochs = c.guidedEpochs;
            architecture = c.architecture;
            training = c.training;
            guidanceByDefault = c.guidanceByDefault;
            guideCells = c.guideCells;
        }

        public Builder data(AnnData v) {
            data = v;
            return this;
        }

        public Builder preprocess(PreprocessConfig v) {
            preprocess = v;
            return this;
        }

        public Builder labelColumn(String v) {
            labelColumn = v;
            return this;
        }

        public Builder conditionColumn(String v) {
            conditionColumn = v;
            return this;
        }

        public Builder evaluationColumn(String v) {
            evaluationColumn = v;
            return this;
        }

        public Builder guidedLabelColumn(String v) {
            guidedLabelColumn = v;
            return this;
        }

        public Builder guidedEpochs(int v) {
            guidedEpochs = v;
            return this;
        }

        public Builder architecture(ArchitectureOptions v) {
            architecture = v;
            return this;
        }

        public Builder training(TrainingConfig v) {
            training = v;
            return this;
        }

        public Builder guidanceByDefault(boolean v) {
            guidanceByDefault = v;
            return this;
        }

        public Builder guideCells(int v) {
            guideCells = v;
            return this;
        }

        public TrainingRequest build() {
            return new TrainingRequest(data, preprocess, labelColumn, conditionColumn, evaluationColumn, guidedLabelColumn, guidedEpochs,
                    architecture, training, guidanceByDefault, guideCells);
        }
    }
}
