package org.scgmvae.cli;

import org.scgmvae.core.options.NumberOption;
import org.scgmvae.core.options.UserOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;

/**
 * Gives every numeric option of every command the range declared in {@link UserOptions}: checked while the command line
 * is parsed (a usage error naming the option and its range, before any file is read) and added to its {@code --help}
 * text, so the range is written once.
 */
final class OptionRanges {

    private OptionRanges() {
    }

    static void apply(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : new ArrayList<>(spec.options())) {
            Optional<NumberOption> n = UserOptions.byCli(o.longestName());
            if (n.isEmpty()) {
                continue;
            }
            Class<?> type = o.auxiliaryTypes().length > 0 ? o.auxiliaryTypes()[0] : o.type();
            String[] description = Arrays.copyOf(o.description(), Math.max(1, o.description().length));
            int last = description.length - 1;
            description[last] = (description[last] == null ? "" : description[last]) + " Allowed: " + n.get().range() + ".";
            spec.remove(o);
            spec.addOption(o.toBuilder().description(description).converters(converter(n.get(), type)).build());
        }
        cl.getSubcommands().values().forEach(OptionRanges::apply);
    }

    private static CommandLine.ITypeConverter<?> converter(NumberOption n, Class<?> type) {
        boolean whole = type == int.class || type == Integer.class || type == long.class || type == Long.class;
        return value -> {
            double v;
            try {
                v = whole ? Long.parseLong(value.trim()) : Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not " + (whole ? "a whole number" : "a number")
                        + "; " + n.cli() + " must be " + n.range());
            }
            if (!n.allows(v)) {
                throw new CommandLine.TypeConversionException(n.cli() + " must be " + n.range() + ", got " + value.trim());
            }
            if (type == int.class || type == Integer.class) {
                return (int) v; // within the range, so within int
            }
            return whole ? (Object) (long) v : (Object) v;
        };
    }
}
