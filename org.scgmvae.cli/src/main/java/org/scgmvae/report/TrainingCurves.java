package org.scgmvae.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scgmvae.core.model.TrainedModel;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every loss term of the model's training history, training and validation cells, one small chart per term. */
final class TrainingCurves {

    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VALIDATION = new Color(0xff7f0e);

    private TrainingCurves() {
    }

    /** What a term measures, for the chart titles (names as training reports them). */
    static String describe(String term) {
        return switch (term) {
            case "loss" -> "loss (negative ELBO + classification)";
            case "recon" -> "recon: reconstruction -log p(x|z)";
            case "klZ" -> "klZ: KL of z to p(z|w,y)";
            case "klW" -> "klW: KL of w to p(w)";
            case "klY" -> "klY: KL of y to its prior";
            case "klD" -> "klD: Dirichlet prior on the weights";
            case "classification" -> "classification loss (labelled cells)";
            default -> term;
        };
    }

    static List<XYChart> charts(List<TrainedModel.EpochTerms> history, int width, int height) {
        return charts(history, 0, width, height);
    }

    /** With {@code bestEpoch} > 0 each chart marks the epoch whose parameters the model kept with a dashed line. */
    static List<XYChart> charts(List<TrainedModel.EpochTerms> history, int bestEpoch, int width, int height) {
        List<XYChart> out = new ArrayList<>();
        if (history.isEmpty()) {
            return out;
        }
        double[] epochs = history.stream().mapToDouble(TrainedModel.EpochTerms::epoch).toArray();
        for (String term : history.get(0).train().keySet()) {
            if (history.stream().allMatch(e -> value(e.train(), term) == 0 && (value(e.validation(), term) == 0 || Double.isNaN(value(e.validation(), term))))) {
                continue; // a term that is off (e.g. the balance term at weight 0) says nothing
            }
            XYChart c = ChartStyle.xy(describe(term), "epoch", "per cell", width, height);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
            double[] train = history.stream().mapToDouble(e -> value(e.train(), term)).toArray();
            add(c, "training", epochs, train, TRAIN);
            double[] val = history.stream().mapToDouble(e -> value(e.validation(), term)).toArray();
            if (java.util.Arrays.stream(val).anyMatch(Double::isFinite)) {
                add(c, "validation", epochs, val, VALIDATION);
            }
            markKept(c, bestEpoch, train, val);
            out.add(c);
        }
        double[] acc = history.stream().mapToDouble(TrainedModel.EpochTerms::validationAccuracy).toArray();
        if (java.util.Arrays.stream(acc).anyMatch(Double::isFinite)) {
            XYChart c = ChartStyle.xy("accuracy on labelled validation cells", "epoch", "accuracy", width, height);
            c.getStyler().setLegendVisible(false);
            add(c, "validation accuracy", epochs, acc, VALIDATION);
            markKept(c, bestEpoch, acc, acc);
            out.add(c);
        }
        return out;
    }

    /** A dashed vertical line at the kept epoch, over the range of the drawn values (nothing when the epoch is unknown). */
    private static void markKept(XYChart c, int bestEpoch, double[] a, double[] b) {
        double lo = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).filter(Double::isFinite)
                .min().orElse(Double.NaN);
        double hi = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).filter(Double::isFinite)
                .max().orElse(Double.NaN);
        if (bestEpoch <= 0 || !Double.isFinite(lo)) {
            return;
        }
        XYSeries s = c.addSeries(KEPT + bestEpoch, new double[] {bestEpoch, bestEpoch}, new double[] {lo, hi});
        s.setLineColor(Color.GRAY);
        s.setLineStyle(SeriesLines.DASH_DASH);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** The legend name of the kept-epoch line, followed by the epoch. */
    static final String KEPT = "kept: epoch ";

    private static void add(XYChart c, String name, double[] x, double[] y, Color colour) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(colour);
        s.setMarker(SeriesMarkers.NONE);
    }

    private static double value(Map<String, Double> terms, String term) {
        Double v = terms.get(term);
        return v == null ? Double.NaN : v;
    }
}
