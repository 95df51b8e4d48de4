package org.scgmvae.report;

import java.awt.Color;
import java.util.List;

/**
 * Colours of categories as scanpy picks them when a file holds none: its default_10 (matplotlib's tab10 with three
 * colours adjusted for colour blindness) up to 10 categories, its default_20 (tab20 reordered, greys removed) up to 20,
 * then evenly spaced hues. Missing values are light grey.
 */
final class Palette {

    static final Color MISSING = new Color(0xCCCCCC);

    private static final int[] DEFAULT_10 = {0x1f77b4, 0xff7f0e, 0x279e68, 0xd62728, 0xaa40fc, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xb5bd61,
            0x17becf};
    private static final int[] DEFAULT_20 = {0x1f77b4, 0xff7f0e, 0x279e68, 0xd62728, 0xaa40fc, 0x8c564b, 0xe377c2, 0xb5bd61, 0x17becf,
            0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xdbdb8d, 0x9edae5, 0xad494a, 0x8c6d31};

    private Palette() {
    }

    /** The colours a file gives its {@code n} categories ({@code #rrggbb}), or the palette's where it gives none or not {@code n}. */
    static List<Color> of(List<String> hex, int n) {
        List<Color> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(hex != null && hex.size() == n ? new Color(Integer.parseInt(hex.get(i).substring(1, 7), 16)) : of(i, n));
        }
        return out;
    }

    /** Colour of category {@code i} of {@code n}. */
    static Color of(int i, int n) {
        if (n <= DEFAULT_10.length) {
            return new Color(DEFAULT_10[i]);
        }
        if (n <= DEFAULT_20.length) {
            return new Color(DEFAULT_20[i]);
        }
        // golden-angle hues, alternating brightness so that neighbours differ
        float hue = (float) ((i * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.65f, i % 2 == 0 ? 0.85f : 0.6f);
    }
}
