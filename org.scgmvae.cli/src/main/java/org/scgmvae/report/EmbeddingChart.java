package org.scgmvae.report;

import org.scgmvae.core.data.CategoricalColumn;

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

    /**
     * A categorical annotation: one value per cell (null = missing), the order of its categories in the legend, and their
     * colours (null: the palette's, by position).
     */
    record Annotation(String name, String[] values, List<String> categories, List<Color> colours) {

        Annotation(String name, String[] values, List<String> categories) {
            this(name, values, categories, null);
        }

        static Annotation of(String name, String[] values) {
            List<String> cats = values == null ? List.of() : java.util.Arrays.stream(values).filter(v -> v != null).distinct().sorted().toList();
            return new Annotation(name, values, cats);
        }

        /**
         * The values of {@code column} at {@code rows} (null: every cell), its categories in the column's own order (those the
         * cells show), each coloured as scanpy colours it: {@code fileColours} (the file's {@code uns['<column>_colors']}, one
         * per category of the column) or scanpy's default palette by the category's place in the column.
         */
        static Annotation ofColumn(String name, CategoricalColumn column, int[] rows, List<String> fileColours) {
            int n = rows == null ? column.size() : rows.length;
            String[] values = new String[n];
            boolean[] shown = new boolean[column.categories().size()];
            for (int i = 0; i < n; i++) {
                int code = column.codes()[rows == null ? i : rows[i]];
                values[i] = code < 0 ? null : column.categories().get(code);
                if (code >= 0) {
                    shown[code] = true;
                }
            }
            List<Color> all = Palette.of(fileColours, column.categories().size());
            List<String> cats = new java.util.ArrayList<>();
            List<Color> colours = new java.util.ArrayList<>();
            for (int k = 0; k < shown.length; k++) {
                if (shown[k]) {
                    cats.add(column.categories().get(k));
                    colours.add(all.get(k));
                }
            }
            return new Annotation(name, values, cats, colours);
        }

        Annotation withColours(List<Color> c) {
            return new Annotation(name, values, categories, c);
        }

        /** The colour of category {@code index}. */
        Color colour(int index) {
            return index < 0 ? Palette.MISSING : colours != null ? colours.get(index) : Palette.of(index, categories.size());
        }
    }

    /**
     * The colours {@code types} have in {@code label} for categories that each stand for one of them, so that a component
     * named after a type has that type's colour in the panel beside it. Several components of one type (over-clustering,
     * each named by its majority type) take shades of it, lighter and darker in turn; a component named by no type the
     * cells show takes a grey. Null when no category names a known type.
     */
    static List<Color> coloursOfTypes(List<String> typeOfCategory, Annotation label) {
        List<String> types = label.categories();
        if (typeOfCategory.stream().noneMatch(t -> t != null && types.contains(t))) {
            return null;
        }
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        int unknown = 0;
        List<Color> out = new java.util.ArrayList<>();
        for (String t : typeOfCategory) {
            if (t == null || !types.contains(t)) {
                out.add(SHADES_OF_GREY[unknown++ % SHADES_OF_GREY.length]);
            } else {
                out.add(shade(label.colour(types.indexOf(t)), seen.merge(t, 1, Integer::sum) - 1));
            }
        }
        return out;
    }

    private static final Color[] SHADES_OF_GREY = {new Color(0x999999), new Color(0x666666), new Color(0xBBBBBB), new Color(0x444444)};

    /** The {@code k}-th shade of {@code c}: itself, then lighter and darker in turn, each step further from it. */
    static Color shade(Color c, int k) {
        if (k == 0) {
            return c;
        }
        double step = Math.min(0.75, 0.3 * ((k + 1) / 2));
        Color towards = k % 2 == 1 ? Color.WHITE : Color.BLACK;
        return new Color(mix(c.getRed(), towards.getRed(), step), mix(c.getGreen(), towards.getGreen(), step),
                mix(c.getBlue(), towards.getBlue(), step));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
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
            series.setMarkerColor(colour.colour(colours.indexOf(parts[0])));
            int si = shapes.indexOf(parts[1]);
            series.setMarker(SHAPES[Math.max(0, si) % SHAPES.length]);
        }
        return chart;
    }

    private static String key(String colour, String shape) {
        return colour + "\u0000" + shape;
    }
}
