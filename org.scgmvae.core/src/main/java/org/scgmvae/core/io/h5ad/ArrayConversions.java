package org.scgmvae.core.io.h5ad;

/** Widening/narrowing of the flat primitive arrays that HDF5 and text readers hand back. */
final class ArrayConversions {

    private ArrayConversions() {
    }

    static float[] toFloats(Object a) {
        if (a instanceof float[] f) {
            return f;
        }
        double[] d = toDoubles(a);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static double[] toDoubles(Object a) {
        if (a instanceof double[] d) {
            return d;
        }
        if (a instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        long[] l = toLongs(a);
        double[] d = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            d[i] = l[i];
        }
        return d;
    }

    static long[] toLongs(Object a) {
        if (a instanceof long[] l) {
            return l;
        }
        if (a instanceof int[] x) {
            long[] l = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                l[i] = x[i];
            }
            return l;
        }
        if (a instanceof short[] x) {
            long[] l = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                l[i] = x[i];
            }
            return l;
        }
        if (a instanceof byte[] x) {
            long[] l = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                l[i] = x[i];
            }
            return l;
        }
        if (a instanceof boolean[] x) {
            long[] l = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                l[i] = x[i] ? 1 : 0;
            }
            return l;
        }
        if (a instanceof java.math.BigInteger[] x) {
            long[] l = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                l[i] = x[i].longValueExact();
            }
            return l;
        }
        if (a instanceof double[] || a instanceof float[]) {
            double[] d = toDoubles(a);
            long[] l = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                l[i] = (long) d[i];
            }
            return l;
        }
        throw new IllegalArgumentException("not a numeric array: " + (a == null ? "null" : a.getClass().getSimpleName()));
    }

    static int[] toInts(Object a) {
        if (a instanceof int[] i) {
            return i;
        }
        long[] l = toLongs(a);
        int[] r = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = Math.toIntExact(l[i]);
        }
        return r;
    }

    static boolean isNumericArray(Object a) {
        return a instanceof float[] || a instanceof double[] || a instanceof long[] || a instanceof int[]
                || a instanceof short[] || a instanceof byte[] || a instanceof java.math.BigInteger[];
    }

    static boolean isIntegerArray(Object a) {
        return a instanceof long[] || a instanceof int[] || a instanceof short[] || a instanceof byte[]
                || a instanceof java.math.BigInteger[];
    }

    /**
     * A 2-D Java array as jhdf returns a slice of a 2-D dataset ({@code float[][]}, {@code String[][]}, ...) made flat in
     * row-major order, keeping the element type.
     */
    static Object flattenRows(Object rows) {
        int n = java.lang.reflect.Array.getLength(rows);
        Class<?> element = rows.getClass().getComponentType().getComponentType();
        int width = n == 0 ? 0 : java.lang.reflect.Array.getLength(java.lang.reflect.Array.get(rows, 0));
        Object flat = java.lang.reflect.Array.newInstance(element, Math.multiplyExact(n, width));
        for (int i = 0; i < n; i++) {
            System.arraycopy(java.lang.reflect.Array.get(rows, i), 0, flat, i * width, width);
        }
        return flat;
    }
}
