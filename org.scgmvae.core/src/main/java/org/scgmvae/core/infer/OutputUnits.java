package org.scgmvae.core.infer;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.FittedPreprocessing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The units in which decoded cells (flipped or generated) are written. A user compares them with real cells, so the
 * default is {@link #EXPRESSION}: the inverse of the model's fitted preprocessing. The decoder's own values stay
 * available as a layer.
 */
public enum OutputUnits {
    /**
     * Expression units: log-normalised values after the counts or log-normalised pipelines (the scaling undone, each gene
     * kept at or above its smallest training value, so no negative log-expression), the
     * input's own units after the as-is route; for the negative-binomial likelihood the expected counts in
     * normalize_total + log1p units, with the expected counts themselves in layer {@code counts}.
     */
    EXPRESSION,
    /** The decoder's own values: scaled model-input units (Gaussian), expected counts (NB), probabilities (Bernoulli). */
    MODEL;

    /** Layer that holds the decoder's own values next to X in expression units. */
    public static final String MODEL_LAYER = "gmvae_model_units";

    /**
     * Decoded cells as AnnData in these units.
     *
     * @param decoded what {@link ConditionFlipper} or the generator decoded (model units)
     */
    public AnnData cells(TrainedModel model, DenseMatrix decoded, DataFrame obs, DataFrame var) {
        Map<String, ExpressionMatrix> layers = new LinkedHashMap<>();
        DenseMatrix x = expression(model, decoded);
        if (x != decoded) {
            layers.put(model.config().likelihood().usesCounts() ? "counts" : MODEL_LAYER, decoded);
        }
        if (this == MODEL) {
            x = decoded;
        }
        return new AnnData(x, obs, var, Map.of(), layers);
    }

    /**
     * The layer {@link #cells} writes next to X ("counts": expected counts of a count likelihood; {@link #MODEL_LAYER}: the
     * scaled values of a Gaussian model), or null where expression and model units are the same.
     */
    public static String layerName(TrainedModel model) {
        FittedPreprocessing pre = model.preprocessing();
        Likelihood lik = model.config().likelihood();
        if (pre == null || lik == Likelihood.BERNOULLI) {
            return null;
        }
        return lik.usesCounts() ? "counts" : pre.scaler() != null ? MODEL_LAYER : null;
    }

    /** The decoded values in expression units (the same object when the two units coincide). */
    public static DenseMatrix expression(TrainedModel model, DenseMatrix decoded) {
        FittedPreprocessing pre = model.preprocessing();
        Likelihood lik = model.config().likelihood();
        if (pre == null || lik == Likelihood.BERNOULLI) {
            return decoded;
        }
        return lik.usesCounts() ? pre.countsToExpression(decoded) : pre.toExpression(decoded);
    }

    /**
     * Real cells prepared for the model ({@link InferenceInput#data()}: X = model input) in the same expression units as
     * {@link #expression}, so that predicted and real cells are compared on one scale (values clipped by the scaling
     * stay at the clipped level).
     */
    public static DenseMatrix realExpression(TrainedModel model, AnnData prepared) {
        DenseMatrix x = DenseMatrix.copyOf(prepared.x());
        FittedPreprocessing pre = model.preprocessing();
        return pre == null ? x : pre.toExpression(x);
    }

    /** One sentence for the user: what the written values are (and which layer holds the others). */
    public String describe(TrainedModel model) {
        return describe(model, true);
    }

    /** As {@link #describe(TrainedModel)}; {@code withLayers} false for outputs that keep no layers (CSV, TSV). */
    public String describe(TrainedModel model, boolean withLayers) {
        FittedPreprocessing pre = model.preprocessing();
        Likelihood lik = model.config().likelihood();
        if (this == MODEL || pre == null || lik == Likelihood.BERNOULLI) {
            return switch (lik) {
                case NEGATIVE_BINOMIAL -> "expected counts";
                case BERNOULLI -> "probabilities";
                default -> pre != null && pre.scaler() != null ? "the model's scaled units" : "the model's input units";
            };
        }
        String base = pre.config().log1p() ? "log-normalised expression"
                : pre.scaler() != null ? "expression in the training input's units, the scaling undone" : "the input's units";
        String layer = layerName(model);
        if (!withLayers || layer == null) {
            return base;
        }
        return base + "; " + (lik.usesCounts() ? "expected counts" : "the model's scaled units") + " in layer '" + layer + "'";
    }
}
