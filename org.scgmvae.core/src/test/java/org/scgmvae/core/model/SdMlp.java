package org.scgmvae.core.model;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.ArrayList;
import java.util.List;

/** Test reference: a SameDiff stack of ELU dense layers. */
final class SdMlp {

    private final List<SdDense> layers = new ArrayList<>();
    private final int outDim;

    SdMlp(org.nd4j.autodiff.samediff.SameDiff sd, String name, int in, int[] hidden, GmvaeParameters params, List<String> parameterNames) {
        int d = in;
        for (int i = 0; i < hidden.length; i++) {
            layers.add(new SdDense(sd, name + "_h" + i, params, parameterNames));
            d = hidden[i];
        }
        this.outDim = d;
    }

    SDVariable apply(SDVariable input) {
        SDVariable h = input;
        for (SdDense l : layers) {
            h = l.sameDiff().nn.elu(l.apply(h));
        }
        return h;
    }

    int outDim() {
        return outDim;
    }
}
