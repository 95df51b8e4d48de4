package org.scgmvae.core.io.h5ad;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;

/** HDF5 attributes as AnnData writes them (h5py scalars, 1-element arrays, enum booleans), read leniently. */
final class Attributes {

    private Attributes() {
    }

    static String string(Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof String[] s && s.length == 1) {
            return s[0];
        }
        return null;
    }

    static String[] strings(Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        if (a.isEmpty()) {
            return new String[0];
        }
        Object v = a.getData();
        if (v instanceof String[] s) {
            return s;
        }
        if (v instanceof String s) {
            return new String[] {s};
        }
        return null;
    }

    static long[] longs(Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v instanceof Number num) {
            return new long[] {num.longValue()};
        }
        return ArrayConversions.isNumericArray(v) ? ArrayConversions.toLongs(v) : null;
    }

    static Boolean bool(Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return "TRUE".equalsIgnoreCase(s);
        }
        if (v instanceof Number num) {
            return num.longValue() != 0;
        }
        if (v instanceof boolean[] b && b.length == 1) {
            return b[0];
        }
        return null;
    }

    /** numpy's bool is stored by h5py as an HDF5 enum FALSE/TRUE, which jhdf reads as the names. */
    static boolean[] enumToBooleans(String[] names) {
        boolean[] b = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            b[i] = "TRUE".equalsIgnoreCase(names[i]);
        }
        return b;
    }

    static boolean isEnumBooleans(Object raw) {
        return raw instanceof String[] names
                && java.util.Arrays.stream(names).allMatch(v -> "TRUE".equalsIgnoreCase(v) || "FALSE".equalsIgnoreCase(v));
    }

    static boolean[] toBooleans(Object a) {
        if (a instanceof boolean[] b) {
            return b;
        }
        if (a instanceof String[] s) {
            return enumToBooleans(s);
        }
        long[] l = ArrayConversions.toLongs(a);
        boolean[] b = new boolean[l.length];
        for (int i = 0; i < l.length; i++) {
            b[i] = l[i] != 0;
        }
        return b;
    }
}
