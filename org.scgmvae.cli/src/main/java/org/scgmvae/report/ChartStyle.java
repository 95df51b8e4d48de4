package org.scgmvae.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.AxesChartStyler;

import java.awt.Color;
import java.awt.Font;

/** One look for every chart of the report: white, readable fonts, no chart border. */
final class ChartStyle {

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font AXIS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartStyle() {
    }

    static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        apply(chart.getStyler());
        return chart;
    }

    /** A scatter chart (markers only) with the legend to the right. */
    static XYChart scatter(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = xy(title, xTitle, yTitle, width, height);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return chart;
    }

    static void apply(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setChartTitleFont(TITLE);
        s.setLegendFont(LEGEND);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartTitleBoxVisible(false);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
        s.setPlotBorderVisible(false);
        s.setChartPadding(12);
        s.setPlotBackgroundColor(Color.WHITE);
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(AXIS);
            a.setAxisTickLabelsFont(TICKS);
            a.setPlotGridLinesColor(new Color(0xEEEEEE));
        }
    }
}
