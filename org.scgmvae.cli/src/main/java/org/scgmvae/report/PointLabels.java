package org.scgmvae.report;

import org.knowm.xchart.internal.chartpart.Annotation;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Names of some points of an XY chart, placed where they overlap neither each other nor the points ({@link LabelPlacer});
 * a thin line joins a label to its point when it had to move away. Placed at paint time, in the chart's own pixels.
 */
final class PointLabels extends Annotation {

    private static final Color LEADER = new Color(0x888888);

    private final List<String> names;
    private final double[] x;
    private final double[] y;
    private final double[] obstacleX;
    private final double[] obstacleY;
    private final Font font;

    /** Labels {@code names} at data points (x, y); no label may cover any of the points (obstacleX, obstacleY). */
    PointLabels(List<String> names, double[] x, double[] y, double[] obstacleX, double[] obstacleY, Font font) {
        super(false);
        this.names = List.copyOf(names);
        this.x = x.clone();
        this.y = y.clone();
        this.obstacleX = obstacleX.clone();
        this.obstacleY = obstacleY.clone();
        this.font = font;
    }

    /**
     * The plot surface in screen pixels from XChart's edges. Its "max" of y is the surface's bottom edge (screen y grows
     * downwards): taken as given, the rectangle had a negative height, held no label, and labels strayed over the axes.
     */
    static Rectangle2D surface(int left, int right, int yEdge, int otherYEdge) {
        int top = Math.min(yEdge, otherYEdge);
        return new Rectangle2D.Double(Math.min(left, right), top, Math.abs(right - left), Math.max(yEdge, otherYEdge) - top);
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible || names.isEmpty()) {
            return;
        }
        Object oldHint = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        FontRenderContext frc = g.getFontRenderContext();
        int n = names.size();
        double[] sx = new double[n];
        double[] sy = new double[n];
        double[] w = new double[n];
        double[] h = new double[n];
        TextLayout[] layouts = new TextLayout[n];
        for (int i = 0; i < n; i++) {
            sx[i] = getXAxisScreenValue(x[i]);
            sy[i] = getYAxisScreenValue(y[i]);
            layouts[i] = new TextLayout(names.get(i), font, frc);
            Rectangle2D b = layouts[i].getBounds();
            w[i] = b.getWidth();
            h[i] = b.getHeight();
        }
        double[] px = new double[obstacleX.length];
        double[] py = new double[obstacleY.length];
        for (int p = 0; p < px.length; p++) {
            px[p] = getXAxisScreenValue(obstacleX[p]);
            py[p] = getYAxisScreenValue(obstacleY[p]);
        }
        Rectangle2D area = surface(getXAxisScreenValueForMin(), getXAxisScreenValueForMax(), getYAxisScreenValueForMin(),
                getYAxisScreenValueForMax());
        Rectangle2D[] boxes = LabelPlacer.place(sx, sy, w, h, px, py, area);
        for (int i = 0; i < n; i++) {
            Rectangle2D box = boxes[i];
            double ex = Math.max(box.getMinX(), Math.min(sx[i], box.getMaxX()));
            double ey = Math.max(box.getMinY(), Math.min(sy[i], box.getMaxY()));
            if (Math.hypot(ex - sx[i], ey - sy[i]) > 2 * (LabelPlacer.GAP + LabelPlacer.POINT_RADIUS)) {
                g.setColor(LEADER);
                g.draw(new Line2D.Double(sx[i], sy[i], ex, ey));
            }
            g.setColor(Color.BLACK);
            Rectangle2D b = layouts[i].getBounds();
            layouts[i].draw(g, (float) (box.getX() - b.getX()), (float) (box.getY() - b.getY()));
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, oldHint);
        bounds = area;
    }
}
