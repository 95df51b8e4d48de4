package org.scgmvae.core.eval;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.core.model.TrainedModel;

import java.util.stream.IntStream;

/**
 * scGen's figure of merit for one held-out cell type: its control cells flipped to the stimulated condition, the
 * per-gene mean of the prediction against the mean of the real stimulated cells (R^2, {@link PerturbationMetrics}),
 * over all of the model's genes and over the top-100 DEGs (Wilcoxon, real stimulated vs real control, {@link RankGenes}),
 * in expression units ({@link OutputUnits#EXPRESSION}); next to "no change" (real control vs real stimulated).
 *
 * @param all         R^2 over all model genes, prediction
 * @param degs        R^2 over the top-100 DEGs, prediction
 * @param noChangeAll R^2 over all model genes, real control cells as the prediction
 * @param noChangeDegs the same over the DEGs
 */
public record FlipScore(String type, int controlCells, int stimulatedCells, double all, double degs, double noChangeAll,
                        double noChangeDegs) {

    public static final int TOP_DEGS = 100;

    /**
     * A score with the flipped cells it was computed from (the type's control cells, expression units, decoder values as a layer)
     * and the per-gene means behind it, for scGen's scatter of mean expression.
     */
    public record Evaluation(FlipScore score, AnnData flipped, GeneMeans means) {
    }

    /**
     * Per-gene mean expression of one type, in the model's genes.
     *
     * @param degs indices of the top DEGs (real stimulated vs real control), strongest first
     */
    public record GeneMeans(java.util.List<String> genes, double[] realControl, double[] realStimulated, double[] predicted, int[] degs) {
    }

    /**
     * @param cells      real cells as read (both conditions of {@code type} among them), obs with the type and condition
     * @param typeColumn obs column of cell types, also the label column of the flip when the model has labels
     */
    public static FlipScore of(TrainedModel model, AnnData cells, String typeColumn, String conditionColumn, String type,
                               String control, String stimulated) {
        return evaluate(model, cells, typeColumn, conditionColumn, type, control, stimulated, ConditionFlipper.DEFAULT_MODE).score();
    }

    /** As {@link #of}, flipped by {@code mode}, with the flipped cells (so that a caller that writes them flips once). */
    public static Evaluation evaluate(TrainedModel model, AnnData cells, String typeColumn, String conditionColumn, String type,
                                      String control, String stimulated, ConditionFlipper.Mode mode) {
        CategoricalColumn t = cells.obs().categorical(typeColumn);
        CategoricalColumn c = cells.obs().categorical(conditionColumn);
        int[] ctrl = IntStream.range(0, cells.nCells()).filter(i -> type.equals(t.stringValue(i)) && control.equals(c.stringValue(i))).toArray();
        int[] stim = IntStream.range(0, cells.nCells()).filter(i -> type.equals(t.stringValue(i)) && stimulated.equals(c.stringValue(i))).toArray();
        if (ctrl.length == 0 || stim.length == 0) {
            throw new IllegalArgumentException("cell type '" + type + "' has " + ctrl.length + " '" + control + "' and " + stim.length + " '"
                    + stimulated + "' cells; scoring a flip needs both");
        }
        InferenceInput in = InferenceInput.prepare(model, cells.selectCells(IntStream.concat(IntStream.of(ctrl), IntStream.of(stim)).toArray()),
                conditionColumn, model.labelNames().isEmpty() ? null : typeColumn);
        int[] ctrlRows = IntStream.range(0, ctrl.length).toArray();
        int[] stimRows = IntStream.range(ctrl.length, ctrl.length + stim.length).toArray();
        AnnData flipped = OutputUnits.EXPRESSION.cells(model, ConditionFlipper.flip(model, in.input().select(ctrlRows), stimulated, mode),
                in.data().obs().select(ctrlRows), DataFrame.ofIndex(in.data().geneNames()));
        DenseMatrix real = OutputUnits.realExpression(model, in.data());
        double[] realStim = PerturbationMetrics.columnMeans(real, stimRows);
        double[] realCtrl = PerturbationMetrics.columnMeans(real, ctrlRows);
        double[] pred = PerturbationMetrics.columnMeans(flipped.x(), null);
        int[] degs = RankGenes.top(RankGenes.wilcoxonZ(real, stimRows, ctrlRows), TOP_DEGS);
        FlipScore score = new FlipScore(type, ctrl.length, stim.length, PerturbationMetrics.rSquared(realStim, pred),
                PerturbationMetrics.rSquared(PerturbationMetrics.pick(realStim, degs), PerturbationMetrics.pick(pred, degs)),
                PerturbationMetrics.rSquared(realStim, realCtrl),
                PerturbationMetrics.rSquared(PerturbationMetrics.pick(realStim, degs), PerturbationMetrics.pick(realCtrl, degs)));
        return new Evaluation(score, flipped, new GeneMeans(java.util.List.of(in.data().geneNames()), realCtrl, realStim, pred, degs));
    }
}
