package org.scgmvae.core.preprocess;

import org.scgmvae.core.data.ExpressionMatrix;

/** Natural log(1 + x), element-wise; zeros stay zero, so sparsity is kept. */
public final class Log1p {

    private Log1p() {
    }

    public static ExpressionMatrix apply(ExpressionMatrix m) {
        return m.map((cell, gene, v) -> (float) Math.log1p(v));
    }
}
