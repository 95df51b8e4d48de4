package org.scgmvae.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The -ELBO and its terms for a batch (means per cell): {@code loss} as optimised (reconstruction + the weighted KLs
 * + classification), then each part; {@code balance} is the optional component-balance regulariser, optimised beside
 * the loss but not part of it, so that the loss stays comparable with and without it (scvi-tools' {@code LossOutput}).
 */
public record LossTerms(double loss, double recon, double klZ, double klW, double klY, double klD, double classification,
                        double balance) implements java.io.Serializable {

    public static final String LOSS = "loss";
    public static final String RECON = "recon";
    public static final String KL_Z = "klZ";
    public static final String KL_W = "klW";
    public static final String KL_Y = "klY";
    public static final String KL_D = "klD";
    public static final String CLASSIFICATION = "classification";
    public static final String BALANCE = "balance";

    /** The terms' names in reporting order, as the training history (model files, tables, CSV) spells them. */
    public static final List<String> NAMES = List.of(LOSS, RECON, KL_Z, KL_W, KL_Y, KL_D, CLASSIFICATION, BALANCE);

    public static final LossTerms ZERO = new LossTerms(0, 0, 0, 0, 0, 0, 0, 0);

    /** This plus {@code weight} times {@code other}, term by term (for means over batches of different sizes). */
    public LossTerms plus(LossTerms other, double weight) {
        return new LossTerms(loss + weight * other.loss, recon + weight * other.recon, klZ + weight * other.klZ,
                klW + weight * other.klW, klY + weight * other.klY, klD + weight * other.klD,
                classification + weight * other.classification, balance + weight * other.balance);
    }

    /** The terms in the order of {@link #NAMES} (to send them between machines). */
    public double[] toArray() {
        return new double[] {loss, recon, klZ, klW, klY, klD, classification, balance};
    }

    /** The inverse of {@link #toArray()}. */
    public static LossTerms of(double[] v) {
        if (v.length != NAMES.size()) {
            throw new IllegalArgumentException(NAMES.size() + " loss terms expected, got " + v.length);
        }
        return new LossTerms(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** Each term divided by {@code n} (a sum over n cells to their mean). */
    public LossTerms dividedBy(double n) {
        return new LossTerms(loss / n, recon / n, klZ / n, klW / n, klY / n, klD / n, classification / n, balance / n);
    }

    /** By the names of {@link #NAMES}, in that order: the form of the training history in reports and model files. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(LOSS, loss);
        m.put(RECON, recon);
        m.put(KL_Z, klZ);
        m.put(KL_W, klW);
        m.put(KL_Y, klY);
        m.put(KL_D, klD);
        m.put(CLASSIFICATION, classification);
        m.put(BALANCE, balance);
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
