package org.scgmvae.report;

import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One picture of the report: its file name, the title a reader sees first (with the figures of merit in it, so tests can
 * compare them with {@code evaluate}), a caption, and the PNG. Several charts are drawn side by side on one canvas.
 */
record Figure(String file, String title, String caption, byte[] png) {

    /** Charts of {@code width x height} pixels each, in rows of {@code columns}, on one white PNG. */
    static Figure of(String file, String title, String caption, List<? extends Chart<?, ?>> charts, int columns, int width, int height) {
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * width, rows * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int c = 0; c < charts.size(); c++) {
                Graphics2D cell = (Graphics2D) g.create((c % cols) * width, (c / cols) * height, width, height);
                try {
                    charts.get(c).paint(cell, width, height);
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return new Figure(file, title, caption, png(img));
    }

    static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
