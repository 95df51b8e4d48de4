package org.scgmvae.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scgmvae.core.eval.FlipScore;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/**
 * scGen's picture of a perturbation prediction, for one cell type: per gene, the mean expression of the real stimulated
 * cells (y) against the prediction (x), and beside it against the real control cells ("no change"); R^2 over all genes and
 * over the top-100 DEGs in the titles, the DEGs in red and the strongest of them named.
 */
final class FlipCharts {

    static final int NAMED_DEGS = 10;
    private static final Color GENES = new Color(0xB0B0B0);
    private static final Color DEG = new Color(0xD62728);

    private FlipCharts() {
    }

    static String title(String what, double all, double degs) {
        return String.format(Locale.ROOT, "%s: R\u00b2 all genes %.4f, top-%d DEGs %.4f", what, all, FlipScore.TOP_DEGS, degs);
    }

    /** The same figures in fewer words, for a chart's own title (one line over a chart 600 pixels wide). */
    static String shortTitle(String what, double all, double degs) {
        return String.format(Locale.ROOT, "%s: R\u00b2 all %.4f, DEGs %.4f", what, all, degs);
    }

    /**
     * Two charts: the flip, then no change. {@code mark} follows the type's name in the flip's title (" (held out)", " (in
     * training)" or ""), so that a picture shared on its own still says what it tests.
     */
    static List<XYChart> charts(FlipScore.Evaluation e, String mark, String control, String stimulated, int width, int height) {
        FlipScore s = e.score();
        FlipScore.GeneMeans m = e.means();
        return List.of(
                chart(shortTitle(s.type() + mark + " predicted", s.all(), s.degs()), "predicted " + stimulated + " (mean of " + s.controlCells() + " flipped cells)",
                        stimulated, s.stimulatedCells(), m.predicted(), m, width, height),
                chart(shortTitle(s.type() + " no change", s.noChangeAll(), s.noChangeDegs()), "real " + control + " (mean of " + s.controlCells() + " cells)",
                        stimulated, s.stimulatedCells(), m.realControl(), m, width, height));
    }

    private static XYChart chart(String title, String xTitle, String stimulated, int stimCells, double[] x, FlipScore.GeneMeans m, int width, int height) {
        XYChart c = ChartStyle.scatter(title, xTitle, "real " + stimulated + " (mean of " + stimCells + " cells)", width, height);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        c.getStyler().setMarkerSize(5);
        double[] y = m.realStimulated();
        boolean[] isDeg = new boolean[y.length];
        for (int g : m.degs()) {
            isDeg[g] = true;
        }
        int others = y.length - m.degs().length;
        double[] ox = new double[others];
        double[] oy = new double[others];
        double[] dx = new double[m.degs().length];
        double[] dy = new double[m.degs().length];
        double max = 0;
        for (int g = 0, o = 0; g < y.length; g++) {
            max = Math.max(max, Math.max(x[g], y[g]));
            if (!isDeg[g]) {
                ox[o] = x[g];
                oy[o++] = y[g];
            }
        }
        for (int d = 0; d < m.degs().length; d++) {
            dx[d] = x[m.degs()[d]];
            dy[d] = y[m.degs()[d]];
        }
        XYSeries diag = c.addSeries("y = x", new double[] {0, max}, new double[] {0, max});
        diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diag.setMarker(SeriesMarkers.NONE);
        diag.setLineColor(new Color(0x555555));
        if (others > 0) {
            XYSeries rest = c.addSeries("other genes", ox, oy);
            rest.setMarker(SeriesMarkers.CIRCLE);
            rest.setMarkerColor(GENES);
        }
        XYSeries degs = c.addSeries("top-" + m.degs().length + " DEGs", dx, dy);
        degs.setMarker(SeriesMarkers.CIRCLE);
        degs.setMarkerColor(DEG);
        int named = Math.min(NAMED_DEGS, m.degs().length);
        double[] nx = new double[named];
        double[] ny = new double[named];
        String[] names = new String[named];
        for (int d = 0; d < named; d++) {
            int g = m.degs()[d];
            nx[d] = x[g];
            ny[d] = y[g];
            names[d] = m.genes().get(g);
        }
        // the named DEGs' labels keep clear of each other and of every DEG's point (the grey genes may be covered)
        c.addAnnotation(new PointLabels(List.of(names), nx, ny, dx, dy, ChartStyle.TICKS));
        return c;
    }
}
