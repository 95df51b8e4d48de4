package org.scgmvae.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.options.NumberOption;
import org.scgmvae.core.options.UserOptions;
import org.scgmvae.core.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's "options without bounds": every numeric option is checked against the one range declared in
 * {@link UserOptions} while the command line is parsed (exit 2, one sentence with the range, before any file is read),
 * its --help shows the range, and the library's configs say the same.
 */
class OptionRangesCliTest {

    @TempDir
    Path dir;

    private static void assertUsageError(String expected, String... args) {
        CliTest.Run r = CliTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertTrue(r.err().lines().count() <= 3, "short: " + r.err());
    }

    @Test
    void outOfRangeValuesAreRefusedWhileParsing() {
        // the input does not exist: the option is refused before anything is read
        String in = "missing.h5ad";
        assertUsageError("--epochs must be from 1 to 1,000,000, got 0", "train", "-i", in, "-o", "m.scgmvae", "-e", "0");
        assertUsageError("--components must be from 0 to 10,000 (0 = one per label, or chosen from the data), got -3",
                "train", "-i", in, "-o", "m.scgmvae", "-k", "-3");
        assertUsageError("--components must be from 0 to 10,000", "train", "-i", in, "-o", "m.scgmvae", "-k", "100000");
        assertUsageError("--encoder must be from 1 to 65,536 (each layer), got 0", "train", "-i", in, "-o", "m.scgmvae",
                "--encoder", "128,0");
        assertUsageError("--warmup must be from 0 to 1,000,000 (0 = no warm-up), got -1", "train", "-i", in, "-o", "m.scgmvae",
                "--warmup", "-1");
        assertUsageError("--patience must be from 0", "train", "-i", in, "-o", "m.scgmvae", "--patience", "-5");
        assertUsageError("--guided-epochs must be from 1", "train", "-i", in, "-o", "m.scgmvae", "--guided-epochs", "0");
        assertUsageError("--n-top-genes must be from 0 to 1,000,000 (0 = every gene), got -10", "train", "-i", in, "-o",
                "m.scgmvae", "--n-top-genes", "-10");
        assertUsageError("--target-sum must be from 1e-6 to 1,000,000,000,000, got 0", "train", "-i", in, "-o", "m.scgmvae",
                "--target-sum", "0");
        assertUsageError("--lr must be from 1e-9 to 10, got NaN", "train", "-i", in, "-o", "m.scgmvae", "--lr", "NaN");
        assertUsageError("--validation must be from 0 to 0.9 (0 = no validation cells), got 1", "train", "-i", in, "-o",
                "m.scgmvae", "--validation", "1");
        assertUsageError("'ten' is not a whole number; --epochs must be from 1 to 1,000,000", "train", "-i", in, "-o",
                "m.scgmvae", "-e", "ten");
        assertUsageError("--samples must be from 1 to 1,000,000 (per component and condition), got 3000000000",
                "generate", "-m", "x.scgmvae", "-o", "g.h5ad", "-n", "3000000000");
        assertUsageError("--resolution must be from 1e-6 to 1,000,000, got 0", "leiden", "-i", in, "-o", "l.h5ad", "--resolution", "0");
        assertUsageError("--neighbours must be from 1 to 1,000, got 0", "leiden", "-i", in, "-o", "l.h5ad", "--neighbours", "0");
        assertUsageError("see 'scgmvae train --help'", "train", "-i", in, "-o", "m.scgmvae", "-e", "0");
    }

    @Test
    void helpShowsEachRange() {
        CliTest.Run r = CliTest.run("train", "--help");
        assertEquals(0, r.code());
        String help = r.out().replaceAll("\\s+", " ");
        for (NumberOption o : List.of(UserOptions.EPOCHS, UserOptions.COMPONENTS, UserOptions.LEARNING_RATE, UserOptions.N_TOP_GENES)) {
            assertTrue(help.contains("Allowed: " + o.range() + "."), o.cli() + " in " + help);
        }
    }

    /**
     * The meaning of each option is written once ({@link NumberOption#doc()}, which the learner nodes' descriptions also
     * start with): every command's --help shows it, followed by the command's own remarks with the default filled in.
     */
    @Test
    void helpStartsEachOptionWithItsDeclaredMeaning() {
        int shown = 0;
        for (String command : List.of("train", "leiden", "generate", "report", "predict", "demo")) {
            CliTest.Run r = CliTest.run(command, "--help");
            assertEquals(0, r.code(), command);
            String help = r.out().replaceAll("\\s+", " ");
            assertFalse(help.contains("${"), command + " help has an unfilled variable: " + help);
            for (NumberOption o : UserOptions.ALL) {
                if (help.contains(o.cli() + "=") || help.contains(o.cli() + " ")) {
                    assertTrue(help.contains(o.doc() + " "), command + " " + o.cli() + " starts with its meaning '" + o.doc() + "' in " + help);
                    shown++;
                }
            }
        }
        assertTrue(shown >= 27, "options checked: " + shown);
        String train = CliTest.run("train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(train.contains(UserOptions.EPOCHS.doc() + " Default 100; early stopping (--patience) usually ends training sooner"), train);
    }

    /** The catalogue and the commands agree: every numeric option but the seeds has a range, and every range an option. */
    @Test
    void everyNumericOptionHasARangeAndEveryRangeAnOption() {
        CommandLine cl = new CommandLine(new ScGmvaeCli());
        Set<String> seen = new HashSet<>();
        for (CommandLine sub : cl.getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                Class<?> t = o.auxiliaryTypes().length > 0 ? o.auxiliaryTypes()[0] : o.type();
                boolean numeric = t == int.class || t == Integer.class || t == double.class || t == Double.class || t == long.class;
                if (numeric && !o.longestName().equals("--seed")) {
                    assertTrue(UserOptions.byCli(o.longestName()).isPresent(), sub.getCommandName() + " " + o.longestName() + " has no range");
                    seen.add(o.longestName());
                }
            }
        }
        for (NumberOption o : UserOptions.ALL) {
            assertTrue(seen.contains(o.cli()), o.cli() + " is declared but no command has it");
        }
    }

    @Test
    void theLibrarySaysTheSame() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withEpochs(0));
        assertEquals("epochs must be from 1 to 1,000,000, got 0", e.getMessage());
    }

    @Test
    void moreComponentsThanCellsAreRefusedBeforeTraining() throws Exception {
        Path data = dir.resolve("toy.h5ad");
        H5adWriter.write(ToyBlobs.generate(4, 2), data, true);
        CliTest.Run r = CliTest.run("train", "-i", data.toString(), "--no-preprocess", "-k", "500", "-o", dir.resolve("m.scgmvae").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("500 components for 40 cells"), r.err());
        assertFalse(Files.exists(dir.resolve("m.scgmvae")));
    }
}
