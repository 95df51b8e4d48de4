package org.scgmvae.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scgmvae.core.data.DenseMatrix;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cells as points in two dimensions, coloured by one annotation (scanpy's {@code sc.pl.umap(color=...)}) and, optionally,
 * shaped by a second one (e.g. the condition). Points of a category are one legend entry; missing values are grey.
 */
final class EmbeddingChart {

    private static final Marker[] SHAPES = {SeriesMarkers.CIRCLE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS};
    static final String MISSING = "NA";

    private EmbeddingChart() {
    }

    /** A categorical annotation: one value per cell (null = missing) and the order of its categories in the legend. */
    record Annotation(String name, String[] values, List<String> categories) {

        static Annotation of(String name, String[] values) {
            List<String> cats = values == null ? List.of() : java.util.Arrays.stream(values).filter(v -> v != null).distinct().sorted().toList();
            return new Annotation(name, values, cats);
        }
    }

    static XYChart chart(String title, String axis, DenseMatrix xy, Annotation colour, Annotation shape, int width, int height) {
        XYChart chart = ChartStyle.scatter(title, axis + " 1", axis + " 2", width, height);
        int n = xy.nCells();
        chart.getStyler().setMarkerSize(n < 1_000 ? 7 : n < 5_000 ? 5 : n < 20_000 ? 4 : 3);
        // series per (colour, shape), in legend order; a missing value keeps its own grey series
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        List<String> colours = colour.categories();
        List<String> shapes = shape == null ? List.of("") : shape.categories();
        for (String c : colours) {
            for (String s : shapes) {
                groups.put(key(c, s), new ArrayList<>());
            }
        }
        for (int i = 0; i < n; i++) {
            String c = colour.values()[i] == null || !colour.categories().contains(colour.values()[i]) ? MISSING : colour.values()[i];
            String s = shape == null ? "" : shape.values()[i] == null ? MISSING : shape.values()[i];
            groups.computeIfAbsent(key(c, s), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            List<Integer> rows = g.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                x[r] = xy.get(rows.get(r), 0);
                y[r] = xy.get(rows.get(r), 1);
            }
            String[] parts = g.getKey().split("\u0000", -1);
            XYSeries series = chart.addSeries(parts[1].isEmpty() ? parts[0] : parts[0] + " \u00b7 " + parts[1], x, y);
            int ci = colours.indexOf(parts[0]);
            Color col = ci < 0 ? Palette.MISSING : Palette.of(ci, colours.size());
            series.setMarkerColor(col);
            int si = shapes.indexOf(parts[1]);
            series.setMarker(SHAPES[Math.max(0, si) % SHAPES.length]);
        }
        return chart;
    }

    private static String key(String colour, String shape) {
        return colour + "\u0000" + shape;
    }
}
