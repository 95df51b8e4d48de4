package org.scgmvae.report;

import org.junit.jupiter.api.Test;

import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelPlacerTest {

    private static final Rectangle2D AREA = new Rectangle2D.Double(60, 40, 600, 400);

    @Test
    void crowdedLabelsDoNotOverlapEachOtherThePointsOrTheEdges() {
        // ten genes within a few pixels of each other near the lower-left corner (the flip scatter's crowd near the origin)
        // and 90 more points around them
        Random r = new Random(1);
        int n = 10;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 90 + 8 * r.nextDouble();
            y[i] = 410 + 8 * r.nextDouble();
            w[i] = 40 + 5 * i;
            h[i] = 9;
        }
        double[] px = new double[100];
        double[] py = new double[100];
        System.arraycopy(x, 0, px, 0, n);
        System.arraycopy(y, 0, py, 0, n);
        for (int p = n; p < px.length; p++) {
            px[p] = 70 + 150 * r.nextDouble();
            py[p] = 300 + 130 * r.nextDouble();
        }
        Rectangle2D[] boxes = LabelPlacer.place(x, y, w, h, px, py, AREA);
        for (int i = 0; i < n; i++) {
            assertEquals(w[i], boxes[i].getWidth(), 1e-9);
            assertTrue(AREA.contains(boxes[i]), "inside the plot: " + boxes[i]);
            for (int j = 0; j < i; j++) {
                assertFalse(boxes[i].intersects(boxes[j]), "labels " + i + " and " + j + " overlap");
            }
            for (int p = 0; p < px.length; p++) {
                assertFalse(boxes[i].contains(px[p], py[p]), "label " + i + " covers point " + p);
            }
            // near its point: within the rings of candidates
            double ex = Math.max(boxes[i].getMinX(), Math.min(x[i], boxes[i].getMaxX()));
            double ey = Math.max(boxes[i].getMinY(), Math.min(y[i], boxes[i].getMaxY()));
            assertTrue(Math.hypot(ex - x[i], ey - y[i]) < LabelPlacer.RINGS * (h[i] + LabelPlacer.GAP) + 10, "label " + i + " far from its point");
        }
    }

    @Test
    void aLonePointKeepsItsLabelBesideIt() {
        double[] x = {300};
        double[] y = {200};
        Rectangle2D[] boxes = LabelPlacer.place(x, y, new double[] {50}, new double[] {10}, x, y, AREA);
        // the first candidate: right of the point, at the gap
        assertEquals(300 + LabelPlacer.GAP + LabelPlacer.POINT_RADIUS, boxes[0].getMinX(), 1e-9);
        assertEquals(200, boxes[0].getCenterY(), 1e-9);
    }

    @Test
    void aPointAtTheRightEdgeGetsItsLabelOnTheLeft() {
        double[] x = {655};
        double[] y = {200};
        Rectangle2D[] boxes = LabelPlacer.place(x, y, new double[] {50}, new double[] {10}, x, y, AREA);
        assertTrue(AREA.contains(boxes[0]));
        assertTrue(boxes[0].getMaxX() <= 655, Arrays.toString(boxes));
    }

    @Test
    void aPointAtTheLeftEdgeOfADenseCloudKeepsItsLabelInsideThePlot() {
        // scGen's scatter: many genes near 0 at the left edge; a label there must not cover the y axis and its numbers,
        // even when every place inside covers some points (it may go farther, with a leader line)
        int cols = 75;
        int n = cols * 50; // points every 8 pixels over the whole plot: no free place anywhere
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = AREA.getMinX() + 2 + (i % cols) * 8;
            py[i] = AREA.getMinY() + 2 + (i / cols) * 8;
        }
        double[] x = {AREA.getMinX() + 2};
        double[] y = {AREA.getMinY() + 120};
        Rectangle2D[] boxes = LabelPlacer.place(x, y, new double[] {60}, new double[] {12}, px, py, AREA);
        assertTrue(AREA.contains(boxes[0]), boxes[0] + " within " + AREA);
    }

    @Test
    void thePlotSurfaceIsARealRectangleWhicheverWayXChartGivesItsEdges() {
        // XChart gives the y "max" as the bottom edge (444) and the "min" as the top (36)
        Rectangle2D area = PointLabels.surface(60, 588, 36, 444);
        assertEquals(new Rectangle2D.Double(60, 36, 528, 408), area);
        assertEquals(area, PointLabels.surface(60, 588, 444, 36));
        // a label left of the plot is outside it, one inside is free
        assertTrue(LabelPlacer.overlap(new Rectangle2D.Double(20, 200, 40, 10), new Rectangle2D[0], 0, new double[0], new double[0], area) > 0);
        assertEquals(0, LabelPlacer.overlap(new Rectangle2D.Double(100, 200, 40, 10), new Rectangle2D[0], 0, new double[0], new double[0], area));
    }

    @Test
    void samePlacementEveryTime() {
        double[] x = {100, 102, 104};
        double[] y = {100, 101, 99};
        double[] w = {30, 30, 30};
        double[] h = {9, 9, 9};
        Rectangle2D[] a = LabelPlacer.place(x, y, w, h, x, y, AREA);
        Rectangle2D[] b = LabelPlacer.place(x, y, w, h, x, y, AREA);
        assertArrayEquals(a, b);
    }
}
