package org.scgmvae.core.embed;

/**
 * UMAP's low-dimensional similarity {@code 1 / (1 + a d^(2b))}, with a and b fitted (least squares, as umap-learn
 * does) to the target curve: 1 up to {@code minDist}, then {@code exp(-(d - minDist) / spread)}.
 * For umap-learn's default (min_dist 0.1, spread 1) this gives a = 1.577, b = 0.895; for scanpy's (0.5, 1)
 * a = 0.583, b = 1.334.
 */
public record UmapCurve(double a, double b) {

    private static final int POINTS = 300;

    public static UmapCurve fit(double minDist, double spread) {
        if (!(spread > 0) || !(minDist >= 0) || minDist > spread) {
            throw new IllegalArgumentException("UMAP needs spread > 0 and 0 <= min_dist <= spread; got min_dist " + minDist + ", spread " + spread);
        }
        double[] x = new double[POINTS];
        double[] y = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = 3 * spread * i / (POINTS - 1.0);
            y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist) / spread);
        }
        // Gauss-Newton with step halving on (log a, b): the residuals are smooth and the optimum unique in practice
        double la = 0;
        double b = 1;
        double err = error(x, y, la, b);
        for (int it = 0; it < 200; it++) {
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int i = 1; i < POINTS; i++) {
                double xb = Math.pow(x[i], 2 * b);
                double den = 1 + Math.exp(la) * xb;
                double f = 1 / den;
                double r = f - y[i];
                double dla = -Math.exp(la) * xb / (den * den); // df / d(log a)
                double db = -Math.exp(la) * xb * 2 * Math.log(x[i]) / (den * den); // df / db
                jaa += dla * dla;
                jab += dla * db;
                jbb += db * db;
                ga += dla * r;
                gb += db * r;
            }
            double det = jaa * jbb - jab * jab;
            if (det == 0) {
                break;
            }
            double sa = -(jbb * ga - jab * gb) / det;
            double sb = -(jaa * gb - jab * ga) / det;
            double step = 1;
            double next = error(x, y, la + sa, b + sb);
            while (!(next < err) && step > 1e-6) {
                step /= 2;
                next = error(x, y, la + step * sa, b + step * sb);
            }
            if (!(next < err)) {
                break;
            }
            la += step * sa;
            b += step * sb;
            boolean converged = err - next < 1e-14;
            err = next;
            if (converged) {
                break;
            }
        }
        return new UmapCurve(Math.exp(la), b);
    }

    private static double error(double[] x, double[] y, double la, double b) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double f = 1 / (1 + Math.exp(la) * Math.pow(x[i], 2 * b));
            s += (f - y[i]) * (f - y[i]);
        }
        return s;
    }
}
