package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.io.OutputPaths;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.report.ModelReport;
import org.scgmvae.core.task.CancellationToken;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The report options of train and flip ({@code --report DIR}); the report command has its own. */
final class ReportOptions {

    @Option(names = "--report", paramLabel = "DIR", description = "Also write a report to this folder: index.html with PNG pictures "
            + "(embedding of z and w, training curves, confusion heatmap with --labels or --evaluate, ...); open index.html in a browser.")
    Path report;

    @Option(names = "--embedding", description = "How the report places cells in 2-D: UMAP or PCA (default ${DEFAULT-VALUE}).")
    ModelReport.Embedding embedding = ModelReport.Embedding.UMAP;

    /** Refuses a report folder that is a file, an input or the command's own output, before any work. */
    void check(Path output, String outputOption, Path... inputs) throws IOException {
        if (report != null) {
            OutputPaths.check(report, "--report", OutputPaths.Kind.FOLDER, inputs);
            OutputPaths.checkDistinct(output, outputOption, report, "--report");
        }
    }

    boolean asked() {
        return report != null;
    }

    /** Writes the report when --report was given. */
    void writeIfAsked(TrainedModel model, AnnData cells, ModelReport.Request req, long seed) throws IOException {
        if (report != null) {
            write(model, cells, req.withEmbedding(embedding, seed), report);
        }
    }

    static void write(TrainedModel model, AnnData cells, ModelReport.Request req, Path dir) throws IOException {
        long t0 = System.nanoTime();
        ModelReport.Written w = ModelReport.write(model, cells, req, dir, System.err::println, CancellationToken.NEVER);
        System.out.printf(java.util.Locale.ROOT, "report written to %s (%d pictures, %.1f s): open it in a browser%n",
                w.page().toAbsolutePath(), w.images().size(), (System.nanoTime() - t0) / 1e9);
    }

    /** The command line as typed, for the report's header. */
    static String commandLine(CommandSpec spec) {
        java.util.List<String> args = spec.commandLine().getParseResult().originalArgs();
        // the parse result holds the whole command line, the command's name first (and options like --debug before it)
        int at = args.indexOf(spec.name());
        return "scgmvae " + spec.name() + " " + String.join(" ", at < 0 ? args : args.subList(at + 1, args.size()));
    }
}
