package org.scgmvae.report;

import java.awt.Color;

/**
 * Colours of categories as scanpy picks them: matplotlib's tab10 up to 10 categories, tab20 up to 20, then evenly spaced
 * hues. Missing values are light grey.
 */
final class Palette {

    static final Color MISSING = new Color(0xCCCCCC);

    private static final int[] TAB10 = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
    private static final int[] TAB20 = {0x1f77b4, 0xaec7e8, 0xff7f0e, 0xffbb78, 0x2ca02c, 0x98df8a, 0xd62728, 0xff9896, 0x9467bd, 0xc5b0d5,
            0x8c564b, 0xc49c94, 0xe377c2, 0xf7b6d2, 0x7f7f7f, 0xc7c7c7, 0xbcbd22, 0xdbdb8d, 0x17becf, 0x9edae5};

    private Palette() {
    }

    /** Colour of category {@code i} of {@code n}. */
    static Color of(int i, int n) {
        if (n <= TAB10.length) {
            return new Color(TAB10[i]);
        }
        if (n <= TAB20.length) {
            return new Color(TAB20[i]);
        }
        // golden-angle hues, alternating brightness so that neighbours differ
        float hue = (float) ((i * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.65f, i % 2 == 0 ? 0.85f : 0.6f);
    }
}
