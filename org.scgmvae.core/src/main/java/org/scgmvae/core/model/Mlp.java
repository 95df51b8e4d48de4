package org.scgmvae.core.model;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A stack of ELU-activated dense layers, re-applicable to several inputs with shared weights. */
final class Mlp {

    private final List<Dense> layers = new ArrayList<>();
    private final int outDim;

    Mlp(org.nd4j.autodiff.samediff.SameDiff sd, String name, int in, int[] hidden, Random rnd, List<String> parameterNames) {
        int d = in;
        for (int i = 0; i < hidden.length; i++) {
            layers.add(new Dense(sd, name + "_h" + i, d, hidden[i], rnd, 1.0, parameterNames));
            d = hidden[i];
        }
        this.outDim = d;
    }

    SDVariable apply(SDVariable input) {
        SDVariable h = input;
        for (Dense l : layers) {
            h = l.sameDiff().nn.elu(l.apply(h));
        }
        return h;
    }

    int outDim() {
        return outDim;
    }
}
