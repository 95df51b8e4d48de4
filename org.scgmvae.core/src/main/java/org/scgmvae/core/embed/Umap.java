package org.scgmvae.core.embed;

import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.eval.NearestNeighbours;
import org.scgmvae.core.eval.Pca;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.task.Progress;

import java.util.SplittableRandom;

/**
 * A 2-D UMAP embedding (McInnes, Healy and Melville 2018), the picture single-cell users expect from scanpy's
 * {@code sc.tl.umap}: the kNN graph ({@link NearestNeighbours#graph}: exact up to 50,000 cells, NN-descent above) made fuzzy ({@link FuzzyGraph}), laid out by
 * umap-learn's stochastic gradient descent with negative sampling on the curve {@link UmapCurve}.
 * <p>
 * Written here rather than taken from a library because Maven Central has no maintained Java UMAP (only a one-off
 * repackaging of tag.bio's umap-java), and because this one reuses our kNN code and is deterministic: one thread,
 * one seeded generator, so a fixed seed gives the same coordinates. It starts from the first two principal components
 * (umap-learn's {@code init='pca'}; its default spectral start is not implemented).
 *
 * @param neighbours      k of the kNN graph, the cell itself not counted (scanpy's n_neighbors 15 counts it: 14 here)
 * @param minDist         how tightly points may pack (scanpy's default 0.5)
 * @param spread          scale of the embedded points (1)
 * @param epochs          optimisation epochs; 0: 500 up to 10,000 cells, else 200, as umap-learn
 * @param negativeSamples negative samples per positive one (5)
 * @param seed            seed of the negative sampling
 */
public record Umap(int neighbours, double minDist, double spread, int epochs, int negativeSamples, long seed) {

    /** umap-learn's learning rate and gradient clip. */
    private static final double LEARNING_RATE = 1;
    private static final double CLIP = 4;
    /** The start is scaled to this range, as umap-learn scales its initial layout. */
    private static final double INIT_RANGE = 10;

    public Umap {
        if (neighbours < 1) {
            throw new IllegalArgumentException("UMAP needs at least 1 neighbour, got " + neighbours);
        }
        if (epochs < 0 || negativeSamples < 0) {
            throw new IllegalArgumentException("UMAP epochs and negative samples must be >= 0");
        }
    }

    /** scanpy's defaults (15 neighbours counting the cell, min_dist 0.5, spread 1), seed 0. */
    public static Umap defaults() {
        return new Umap(14, 0.5, 1.0, 0, 5, 0);
    }

    public Umap withSeed(long s) {
        return new Umap(neighbours, minDist, spread, epochs, negativeSamples, s);
    }

    /** 2-D coordinates of the rows of {@code points} (cells x 2). */
    public DenseMatrix embed(DenseMatrix points, CancellationToken cancel) {
        return embed(points, Progress.cancelledBy(cancel));
    }

    /** As above: the kNN search takes the first 40% of the progress, the layout's epochs the rest. */
    public DenseMatrix embed(DenseMatrix points, Progress progress) {
        int n = points.nCells();
        if (n < 3) {
            throw new IllegalArgumentException("a UMAP embedding needs at least 3 cells, got " + n);
        }
        // exact up to 50,000 cells, NN-descent above: the Latent Encoder's UMAP of a large table stays near-linear
        NearestNeighbours knn = NearestNeighbours.graph(points, Math.min(neighbours, n - 1), seed, progress.sub(0, 0.4));
        return layout(FuzzyGraph.of(knn), start(points), progress.sub(0.4, 1));
    }

    /** The first two principal components, scaled into [-10, 10] (one component when the points have one dimension). */
    static float[] start(DenseMatrix points) {
        int n = points.nCells();
        DenseMatrix pc = Pca.scores(points, 2);
        float[] y = new float[2 * n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < pc.nGenes(); c++) {
                max = Math.max(max, Math.abs(pc.get(i, c)));
            }
        }
        double scale = max > 0 ? INIT_RANGE / max : 1;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < pc.nGenes(); c++) {
                y[2 * i + c] = (float) (pc.get(i, c) * scale);
            }
        }
        return y;
    }

    /** umap-learn's optimize_layout_euclidean: edges sampled in proportion to their weight, both ends moved. */
    DenseMatrix layout(FuzzyGraph g, float[] y, CancellationToken cancel) {
        return layout(g, y, Progress.cancelledBy(cancel));
    }

    DenseMatrix layout(FuzzyGraph g, float[] y, Progress progress) {
        int n = g.nCells();
        int nEpochs = epochs > 0 ? epochs : n <= 10_000 ? 500 : 200;
        UmapCurve curve = UmapCurve.fit(minDist, spread);
        double a = curve.a();
        double b = curve.b();
        int m = g.weights().length;
        double maxW = 0;
        for (float w : g.weights()) {
            maxW = Math.max(maxW, w);
        }
        // edges too weak to be sampled even once are dropped, as umap-learn does
        double[] perSample = new double[m];
        double[] nextSample = new double[m];
        double[] perNegative = new double[m];
        double[] nextNegative = new double[m];
        for (int e = 0; e < m; e++) {
            double w = g.weights()[e];
            perSample[e] = w >= maxW / nEpochs ? maxW / w : -1;
            nextSample[e] = perSample[e];
            perNegative[e] = perSample[e] / Math.max(1, negativeSamples);
            nextNegative[e] = perNegative[e];
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int epoch = 0; epoch < nEpochs; epoch++) {
            progress.step(epoch, nEpochs, "UMAP layout");
            double alpha = LEARNING_RATE * (1 - epoch / (double) nEpochs);
            for (int e = 0; e < m; e++) {
                if (perSample[e] <= 0 || nextSample[e] > epoch) {
                    continue;
                }
                int i = g.heads()[e];
                int j = g.tails()[e];
                float dx = y[2 * i] - y[2 * j];
                float dy = y[2 * i + 1] - y[2 * j + 1];
                double d2 = dx * dx + dy * dy;
                if (d2 > 0) {
                    double coef = -2 * a * b * Math.pow(d2, b - 1) / (a * Math.pow(d2, b) + 1);
                    double gx = clip(coef * dx) * alpha;
                    double gy = clip(coef * dy) * alpha;
                    y[2 * i] += gx;
                    y[2 * i + 1] += gy;
                    y[2 * j] -= gx;
                    y[2 * j + 1] -= gy;
                }
                nextSample[e] += perSample[e];
                int negatives = negativeSamples == 0 ? 0 : (int) ((epoch - nextNegative[e]) / perNegative[e]);
                for (int s = 0; s < negatives; s++) {
                    int k = random.nextInt(n);
                    if (k == i) {
                        continue;
                    }
                    float nx = y[2 * i] - y[2 * k];
                    float ny = y[2 * i + 1] - y[2 * k + 1];
                    double n2 = nx * nx + ny * ny;
                    double gx;
                    double gy;
                    if (n2 > 0) {
                        double coef = 2 * b / ((0.001 + n2) * (a * Math.pow(n2, b) + 1));
                        gx = clip(coef * nx);
                        gy = clip(coef * ny);
                    } else {
                        gx = CLIP; // two points on top of each other are pushed apart along x
                        gy = 0;
                    }
                    y[2 * i] += gx * alpha;
                    y[2 * i + 1] += gy * alpha;
                }
                nextNegative[e] += negatives * perNegative[e];
            }
        }
        progress.report(1, "UMAP layout");
        return new DenseMatrix(n, 2, y);
    }

    private static double clip(double v) {
        return Math.max(-CLIP, Math.min(CLIP, v));
    }
}
