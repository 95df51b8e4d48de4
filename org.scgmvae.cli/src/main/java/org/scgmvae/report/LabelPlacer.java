package org.scgmvae.report;

import java.awt.geom.Rectangle2D;

/**
 * Places text labels next to their points without overlapping each other, the points or the plot's edges, as ggrepel
 * and adjustText do for the DEG labels of a scGen-style scatter; greedy and deterministic. Works in screen pixels.
 * Each label in turn (the most important first) takes the nearest free position among rings of candidates around its
 * point (8 directions, then 16, then 32, at growing distances); when none is free, the candidate with the least overlap.
 */
final class LabelPlacer {

    /** Pixels between a label and its point, and between labels. */
    static final double GAP = 3;
    /** A point's half-size in pixels: a label may not cover any point. */
    static final double POINT_RADIUS = 3;
    static final int RINGS = 30;

    private LabelPlacer() {
    }

    /**
     * Boxes for labels of sizes {@code w[i]} x {@code h[i]} anchored at ({@code x[i]}, {@code y[i]}), inside
     * {@code area}, clear of every point of ({@code px}, {@code py}) (the anchors are usually among them).
     */
    static Rectangle2D[] place(double[] x, double[] y, double[] w, double[] h, double[] px, double[] py, Rectangle2D area) {
        Rectangle2D[] placed = new Rectangle2D[x.length];
        for (int i = 0; i < x.length; i++) {
            Rectangle2D best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            search:
            for (int ring = 1; ring <= RINGS; ring++) {
                int directions = ring <= 2 ? 8 : ring <= 6 ? 16 : 32;
                for (int d = 0; d < directions; d++) {
                    double angle = 2 * Math.PI * d / directions;
                    double cos = Math.cos(angle);
                    double sin = -Math.sin(angle); // screen y grows downwards; the first candidates lie right and above
                    double reach = GAP + POINT_RADIUS + (ring - 1) * (h[i] + GAP);
                    // the box's nearest edge, not its centre, lies at the reach
                    double cx = x[i] + cos * (reach + w[i] / 2);
                    double cy = y[i] + sin * (reach + h[i] / 2);
                    Rectangle2D box = new Rectangle2D.Double(cx - w[i] / 2, cy - h[i] / 2, w[i], h[i]);
                    double cost = overlap(box, placed, i, px, py, area);
                    if (cost == 0) {
                        best = box;
                        break search;
                    }
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = box;
                    }
                }
            }
            placed[i] = best;
        }
        return placed;
    }

    /** Area of {@code box} over earlier labels and points, and (far heavier) outside {@code area}; 0 = free. */
    static double overlap(Rectangle2D box, Rectangle2D[] placed, int n, double[] px, double[] py, Rectangle2D area) {
        Rectangle2D padded = new Rectangle2D.Double(box.getX() - GAP / 2, box.getY() - GAP / 2, box.getWidth() + GAP, box.getHeight() + GAP);
        double cost = 0;
        for (int j = 0; j < n; j++) {
            cost += intersection(padded, placed[j]);
        }
        for (int p = 0; p < px.length; p++) {
            cost += intersection(padded, new Rectangle2D.Double(px[p] - POINT_RADIUS, py[p] - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS));
        }
        // outside the plot a label covers the axis and its numbers: worse than covering any number of points
        return cost + OUTSIDE_WEIGHT * (box.getWidth() * box.getHeight() - intersection(box, area));
    }

    /** How much worse a pixel of label outside the plot area is than one over a point or another label. */
    static final double OUTSIDE_WEIGHT = 1000;

    private static double intersection(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }
}
