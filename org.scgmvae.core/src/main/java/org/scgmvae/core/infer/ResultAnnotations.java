package org.scgmvae.core.infer;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.model.TrainedModel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Attaches inference results to the cells they came from, under the names scanpy users expect:
 * obs {@code gmvae_component}, {@code gmvae_label}, {@code gmvae_probability}; obsm
 * {@code X_gmvae_probs}, {@code X_gmvae_z}, {@code X_gmvae_w}.
 */
public final class ResultAnnotations {

    public static final String COMPONENT = "gmvae_component";
    public static final String LABEL = "gmvae_label";
    public static final String PROBABILITY = "gmvae_probability";
    public static final String PROBS = "X_gmvae_probs";
    public static final String Z = "X_gmvae_z";
    public static final String W = "X_gmvae_w";
    /** The obs columns {@link #withPredictions} writes. */
    public static final List<String> PREDICTION_OBS = List.of(COMPONENT, LABEL, PROBABILITY);

    private ResultAnnotations() {
    }

    /**
     * {@code p} as obs and obsm columns. Categories hold every component in the model's order, whichever occur in these
     * cells: {@code gmvae_component}'s are the components' numbers, {@code gmvae_label}'s the model's names. So every file
     * one model annotates has the same categories in the same order (the codes agree, scanpy's concatenation and a plot's
     * colours match) rather than each file's order of first appearance.
     */
    public static AnnData withPredictions(AnnData cells, Predictor.Predictions p, TrainedModel model) {
        int n = cells.nCells();
        double[] prob = new double[n];
        int k = model.config().nComponents();
        float[] all = new float[n * k];
        for (int i = 0; i < n; i++) {
            prob[i] = p.probabilities()[i][p.components()[i]];
            System.arraycopy(p.probabilities()[i], 0, all, i * k, k);
        }
        // the component as a category ("0".."K-1", every one in order, as scanpy's cluster columns): plots show groups, not a colour bar
        List<String> components = java.util.stream.IntStream.range(0, k).mapToObj(Integer::toString).toList();
        return cells.withObs(cells.obs()
                        .withColumn(COMPONENT, new CategoricalColumn(p.components().clone(), components, false))
                        .withColumn(LABEL, CategoricalColumn.fromStrings(p.labels(), labelCategories(model)))
                        .withColumn(PROBABILITY, new NumericColumn(prob)))
                .withObsm(PROBS, new DenseMatrix(n, k, all));
    }

    public static final String FLIPPED_FROM = "gmvae_flipped_from";
    public static final String FLIPPED_TO = "gmvae_flipped_to";

    /**
     * The flipped cells' annotations, as predicted cells of {@code target}: the condition column ({@code conditionColumn},
     * null: the model's) says the target, its categories the model's conditions, so that the cells concatenate with real
     * ones; {@value #FLIPPED_FROM} keeps each cell's own condition, {@value #FLIPPED_TO} names the target.
     */
    public static DataFrame asFlipped(DataFrame obs, TrainedModel model, String conditionColumn, String target) {
        String column = conditionColumn != null ? conditionColumn : model.conditionColumn();
        int n = obs.nRows();
        if (column != null && obs.has(column)) {
            obs = obs.withColumn(FLIPPED_FROM, obs.categorical(column));
        }
        int[] codes = new int[n];
        java.util.Arrays.fill(codes, model.conditionNames().indexOf(target));
        if (column != null) {
            obs = obs.withColumn(column, new CategoricalColumn(codes, model.conditionNames(), false));
        }
        int[] to = new int[n];
        return obs.withColumn(FLIPPED_TO, new CategoricalColumn(to, List.of(target), false));
    }

    /** The names a model gives cells: its training labels, then any other component names, in component order. */
    public static List<String> labelCategories(TrainedModel model) {
        LinkedHashSet<String> names = new LinkedHashSet<>(model.labelNames());
        for (int k = 0; k < model.config().nComponents(); k++) {
            names.add(model.labelOfComponent(k));
        }
        names.remove(null);
        return new ArrayList<>(names);
    }

    public static AnnData withLatents(AnnData cells, LatentEncoder.Latents l) {
        return cells.withObsm(Z, l.z()).withObsm(W, l.w());
    }
}
