package org.scgmvae.report;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.scgmvae.core.eval.LabelAgreement;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The confusion heatmap of known labels (rows) against predicted components (columns, each named by the label it is
 * mapped to): each cell is the share of the label's cells, in percent, so a diagonal of 100 is a perfect annotation.
 * The title carries the figures {@code evaluate} prints.
 */
final class ConfusionChart {

    private ConfusionChart() {
    }

    static String title(LabelAgreement a) {
        return String.format(Locale.ROOT, "accuracy %.4f (majority), %.4f (one-to-one); ARI %.4f; NMI %.4f",
                a.majorityAccuracy(), a.oneToOneAccuracy(), a.adjustedRandIndex(), a.normalizedMutualInfo());
    }

    static HeatMapChart chart(LabelAgreement a, List<String> componentNames, int width, int height) {
        long[][] counts = a.table().counts();
        List<Integer> used = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (java.util.Arrays.stream(counts[k]).sum() > 0) {
                used.add(k);
            }
        }
        // columns: components ordered by the label they are mapped to, so that a good annotation is a diagonal
        used.sort(java.util.Comparator.comparingInt((Integer k) -> a.mapping()[k] < 0 ? Integer.MAX_VALUE : a.mapping()[k]).thenComparingInt(k -> k));
        List<String> x = new ArrayList<>();
        for (int k : used) {
            String name = k < componentNames.size() && componentNames.get(k) != null ? componentNames.get(k) : "-";
            x.add(k + " " + name);
        }
        // rows from top to bottom in label order: the heat map's y axis grows upwards; each names its cells, so that a 100 of 8
        // cells is not read as a 100 of 800
        List<String> labels = a.labels();
        long[] cells = new long[labels.size()];
        for (int l = 0; l < labels.size(); l++) {
            for (long[] row : counts) {
                cells[l] += l < row.length ? row[l] : 0;
            }
        }
        List<String> y = new ArrayList<>();
        for (int l = labels.size() - 1; l >= 0; l--) {
            y.add(String.format(Locale.ROOT, "%s (%,d)", labels.get(l), cells[l]));
        }
        List<Number[]> heat = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            long total = cells[l];
            for (int c = 0; c < used.size(); c++) {
                long[] row = counts[used.get(c)];
                double share = total == 0 || l >= row.length ? 0 : 100.0 * row[l] / total;
                heat.add(new Number[] {c, labels.size() - 1 - l, Math.round(share)});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title(a))
                .xAxisTitle("predicted component").yAxisTitle("known label (cells)").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(ChartStyle.TICKS);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(100);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x9ECAE1), new Color(0x4292C6)});
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setXAxisLabelRotation(45);
        chart.addSeries("% of the label's cells", x, y, heat);
        return chart;
    }
}
