package org.scgmvae.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command-line entry point: {@code java -jar scgmvae.jar <command> --help}.
 * Errors in user input are printed as one clear message (no stack trace); {@code --debug}
 * on the top level shows the stack trace.
 */
@Command(name = "scgmvae", mixinStandardHelpOptions = true, versionProvider = ScGmvaeCli.Version.class,
        description = "Gaussian-mixture VAEs (GMVAE, conditional cGMVAE) for single-cell RNA-seq: "
                + "cluster and annotate cells, embed them, predict perturbation responses, generate cells.",
        subcommands = {TrainCommand.class, PredictCommand.class, EncodeCommand.class, FlipCommand.class,
                GenerateCommand.class, EvaluateCommand.class, LeidenCommand.class, ReportCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class ScGmvaeCli implements Runnable {

    @CommandLine.Option(names = "--debug", description = "Show stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The version and the BLAS that does the arithmetic (its CPU kernel decides the speed). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            org.scgmvae.core.nn.ComputeSettings.apply(); // the threads the commands run with, not the BLAS's own default
            return new String[] {org.scgmvae.core.model.Provenance.LIBRARY, "BLAS: " + org.scgmvae.core.nn.BlasInfo.describe()
                    + "; inference on " + org.scgmvae.core.nn.ComputeSettings.inferenceThreads() + " thread(s)",
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (0 ok, 1 failed, 2 usage error). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new ScGmvaeCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        OptionRanges.apply(cl);
        cl.setParameterExceptionHandler((ex, args1) -> {
            // a usage mistake: the one sentence and where the help is, not the whole usage text
            CommandLine sub = ex.getCommandLine();
            sub.getErr().println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, sub.getErr());
            sub.getErr().println("see '" + sub.getCommandSpec().qualifiedName() + " --help'");
            sub.getErr().flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            boolean debug = parse.originalArgs().contains("--debug");
            line.getErr().println("error: " + describe(ex));
            if (debug) {
                ex.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler above; an Error would end the JVM with a stack trace
            System.err.println("error: " + describe(e));
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    private static String describe(Throwable ex) {
        // cells read on demand (--on-disk, block matrices) report file errors wrapped in an unchecked exception
        if (ex instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            ex = u.getCause();
        }
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        if (ex instanceof OutOfMemoryError || org.scgmvae.core.nn.MemoryLimits.isNative(ex)) {
            m = org.scgmvae.core.nn.MemoryLimits.describe(ex) + "; or use fewer genes (--n-top-genes), or leave the cells"
                    + " on disk (train --on-disk; predict and encode from .h5ad to .h5ad read them in blocks)";
        }
        return m;
    }
}
