package org.scgmvae.core.options;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * One numeric user option, declared once: its key in the KNIME node settings (and the library's messages), its name on
 * the command line, and its allowed range (both ends included). The command line, the library's configs and the node
 * settings all check a value against this one range, so each says the same thing about the same mistake.
 *
 * @param key     settings key, e.g. {@code epochs}
 * @param cli     command-line name, e.g. {@code --epochs}
 * @param min     smallest allowed value
 * @param max     largest allowed value
 * @param integer whether the value is a whole number
 * @param meaning of special values, for the messages (e.g. "0 = off"), or empty
 * @param doc     what the option means, one or two sentences that both front ends start the option's text with (the
 *                command line's {@code --help} and the node descriptions, each adding its own remarks after it)
 */
public record NumberOption(String key, String cli, double min, double max, boolean integer, String meaning, String doc) {

    public NumberOption {
        if (!(min <= max)) {
            throw new IllegalArgumentException(key + ": min " + min + " > max " + max);
        }
        if (!doc.endsWith(".")) {
            throw new IllegalArgumentException(key + ": the doc is a sentence: " + doc);
        }
    }

    static NumberOption whole(String key, String cli, long min, long max, String meaning, String doc) {
        return new NumberOption(key, cli, min, max, true, meaning, doc);
    }

    static NumberOption real(String key, String cli, double min, double max, String meaning, String doc) {
        return new NumberOption(key, cli, min, max, false, meaning, doc);
    }

    public int intMin() {
        return (int) min;
    }

    public int intMax() {
        return (int) max;
    }

    public boolean allows(double value) {
        return value >= min && value <= max; // false for NaN
    }

    /** The range in words, e.g. "from 1 to 1,000,000 (0 = off)". */
    public String range() {
        return "from " + format(min) + " to " + format(max) + (meaning.isEmpty() ? "" : " (" + meaning + ")");
    }

    /** The sentence that node descriptions and help end an option's text with, e.g. "Default 100; allowed from 1 to 1,000,000." */
    public String defaultAndRange(double defaultValue) {
        return "Default " + format(defaultValue) + "; allowed " + range() + ".";
    }

    /** The value, or an exception naming the option by its settings key (the library's and the nodes' wording). */
    public int check(int value) {
        check((double) value, key);
        return value;
    }

    public double check(double value) {
        check(value, key);
        return value;
    }

    /** @param name how the user knows the option here: {@link #key()}, {@link #cli()} or a dialog label */
    public void check(double value, String name) {
        if (!allows(value)) {
            throw new IllegalArgumentException(name + " must be " + range() + ", got " + format(value));
        }
    }

    /** A number as option docs and messages show it: whole numbers with thousands separators, others without trailing zeros. */
    public static String format(double v) {
        if (integer(v)) {
            return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
        }
        if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e7) {
            return String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
        }
        return new DecimalFormat("0.######", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    private static boolean integer(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15;
    }
}
