package org.scgmvae.cli;

import org.scgmvae.core.options.NumberOption;
import org.scgmvae.core.options.UserOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Optional;

/**
 * Gives every numeric option of every command the meaning and range declared in {@link UserOptions}: the range checked
 * while the command line is parsed (a usage error naming the option and its range, before any file is read), and the
 * {@code --help} text made of that meaning, the command's own remarks (its default, say) and the range, so that neither
 * the meaning nor the range is written twice.
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
            // the option's meaning (declared once, shared with the node descriptions), this command's remarks, the range
            String own = String.join(" ", o.description()).trim();
            String[] description = {n.get().doc() + (own.isEmpty() ? "" : " " + own) + " Allowed: " + n.get().range() + "."};
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
