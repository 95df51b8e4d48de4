package org.scgmvae.core.infer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The noise of {@code generate --sample-z} is the seed's stream after w's noise, samples x Dz values per condition and
 * component in turn (what one machine's generation always drew): all draws give exactly that stream, a share its rows of it.
 */
class ZNoiseTest {

    private static final int SAMPLES = 9;
    private static final int DW = 2;
    private static final int DZ = 3;
    private static final int BLOCKS = 4; // conditions x components

    @Test
    void allDrawsFollowTheSeedsStreamAndASharePicksItsRows() {
        float[][] stream = new float[BLOCKS][SAMPLES * DZ];
        Random r = new Random(5);
        for (int i = 0; i < SAMPLES * DW; i++) {
            r.nextGaussian(); // w's noise comes first
        }
        for (float[] block : stream) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (float) r.nextGaussian();
            }
        }
        ZNoise all = new ZNoise(afterW(5), SAMPLES, DZ, 0, SAMPLES);
        ZNoise share = new ZNoise(afterW(5), SAMPLES, DZ, 2, 6);
        for (float[] block : stream) {
            assertArrayEquals(block, all.next(), 0f);
            assertArrayEquals(Arrays.copyOfRange(block, 2 * DZ, 6 * DZ), share.next(), 0f);
        }
        assertThrows(IllegalArgumentException.class, () -> new ZNoise(afterW(5), SAMPLES, DZ, 6, 6));
    }

    private static Random afterW(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < SAMPLES * DW; i++) {
            r.nextGaussian();
        }
        return r;
    }
}
