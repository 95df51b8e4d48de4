package org.scgmvae.core.infer;

import java.util.Random;

/**
 * The noise of z for {@code generate --sample-z}, for draws {@code [from, to)} of {@code samples}: the stream of the seed's
 * Random that follows the noise of w, drawn per condition and component (in {@link CellGenerator}'s loop order) over all
 * draws, one row of Dz per draw. A share of the draws (a block, a Spark task) walks the same stream and keeps its own rows,
 * so that its cells are those of the whole generation to the bit. Walking costs a Gaussian per skipped value (one pass over
 * samples x conditions x components x Dz values per share, however small the share: cheap next to decoding a share's cells
 * unless the draws are cut into very many shares) and no memory for the rows skipped.
 */
public final class ZNoise {

    private final Random stream;
    private final int samples;
    private final int dz;
    private final int from;
    private final int to;

    /**
     * @param afterW the seed's Random right after the noise of w ({@link CellGenerator#noise}) was drawn from it
     */
    ZNoise(Random afterW, int samples, int dz, int from, int to) {
        if (from < 0 || to > samples || from >= to) {
            throw new IllegalArgumentException("draws " + from + ".." + to + " outside the " + samples + " draws");
        }
        this.stream = afterW;
        this.samples = samples;
        this.dz = dz;
        this.from = from;
        this.to = to;
    }

    /** The next (condition, component)'s noise: rows {@code from..to} of its samples x Dz values, row-major. */
    float[] next() {
        skip((long) from * dz);
        float[] rows = new float[(to - from) * dz];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) stream.nextGaussian();
        }
        skip((long) (samples - to) * dz);
        return rows;
    }

    private void skip(long values) {
        for (long i = 0; i < values; i++) {
            stream.nextGaussian();
        }
    }
}
