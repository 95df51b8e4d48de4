package org.scgmvae.core.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The latent heads' soft clamp b tanh(r / b), computed through exp, against tanh in double precision. */
class BoundedHeadTest {

    private static final double BOUND = 4.0;

    private static GmvaeConfig config() {
        return GmvaeConfig.builder(3, 0, 2).zDim(2).wDim(1).encoderHidden(new int[] {}).decoderHidden(new int[] {4})
                .priorHidden(new int[] {4}).classifierHidden(new int[] {4}).latentBound(BOUND).build();
    }

    @Test
    void matchesScaledTanhFromZeroToOverflow() {
        GmvaeParameters p = GmvaeParameters.initialise(config(), 1);
        // no hidden encoder layer: the heads see x directly, so r = x W + bias is known exactly
        p.get("enc_muZ_W").assign(Nd4j.create(new float[] {1, 0, 0, 1, 0, 0}, new long[] {3, 2}, 'c'));
        p.get("enc_muZ_b").assign(0);
        float[] raw = {0f, 1e-4f, -0.3f, 2.5f, -7f, 40f, -40f, 500f, -1e6f};
        float[] x = new float[raw.length * 3];
        for (int i = 0; i < raw.length; i++) {
            x[i * 3] = raw[i];
            x[i * 3 + 1] = -raw[i];
        }
        GmvaeModule m = new GmvaeModule(config(), p);
        INDArray muZ = m.encode(Nd4j.create(x, new long[] {raw.length, 3}, 'c'), null).muZ();
        for (int i = 0; i < raw.length; i++) {
            for (int d = 0; d < 2; d++) {
                double r = d == 0 ? raw[i] : -raw[i];
                double got = muZ.getDouble(i, d);
                assertTrue(Double.isFinite(got) && Math.abs(got) <= BOUND, "r=" + r + " gives " + got);
                assertEquals(BOUND * Math.tanh(r / BOUND), got, 2e-6 * BOUND, "r=" + r);
            }
        }
        assertEquals(DataType.FLOAT, muZ.dataType());
    }
}
