package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.io.OutputPaths;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.report.ModelReport;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.EpochReport;
import org.scgmvae.core.train.HistoryTable;
import org.scgmvae.core.train.LeidenGuide;
import org.scgmvae.core.train.ModelTrainer;
import picocli.CommandLine.Command;
import org.scgmvae.core.train.TrainingRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GMVAE (or a cGMVAE with --condition) and save it as one model file.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Mixin
    ModelOptions model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "Model file to write (e.g. model.scgmvae).")
    Path output;

    @Option(names = "--labels", paramLabel = "COL", description = "obs column with labels (missing values = unlabelled cells -> semi-supervised).")
    String labels;

    @Option(names = "--condition", paramLabel = "COL", description = "obs column with the condition (control/stimulated, batch): trains a cGMVAE.")
    String condition;

    @Option(names = "--evaluate", paramLabel = "COL", description = "obs column with known labels used only to name components and report accuracy.")
    String evaluate;

    @Option(names = "--guided", paramLabel = "COL", description = "Guidance of training without --labels. Default: Leiden's K clusters"
            + " (PCA 50, kNN 15) of the preprocessed cells, K = --components (default 20): supervised pre-training on them, then"
            + " unsupervised fine-tuning; on three real PBMC files steadier across seeds and better on average than the plain"
            + " unsupervised GMVAE, k-means and a Gaussian mixture (BENCHMARKS.md). 'none': the plain unsupervised GMVAE of the"
            + " thesis. An obs column: another clusterer's labels instead of Leiden's. 'leiden' named explicitly without"
            + " --components: Leiden at resolution 1, one component per cluster. On a million cells the Leiden step takes about"
            + " 15 minutes.")
    String guided;

    @Option(names = "--guided-epochs", description = "Default ${DEFAULT-VALUE}; guided training is the default without --labels,"
            + " or --guided COL. The unsupervised phase's --epochs come after them, so a guided run trains for up to both; its"
            + " 'val acc' is the agreement with the guiding clusters (with a sampled guide, --guide-cells, on the sampled validation"
            + " cells).")
    int guidedEpochs = TrainingRequest.DEFAULT_GUIDED_EPOCHS;

    @Option(names = "--guide-cells", description = "Default ${DEFAULT-VALUE}: Leiden's time grows faster than the cells, and on the"
            + " real Kang cells a guide of 1,000 or 3,000 cells trained as well as one of all 12,261.")
    int guideCells = LeidenGuide.DEFAULT_MAX_CELLS;

    @Mixin
    ReportOptions reportOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--history", paramLabel = "CSV", description = "Write the training history to this CSV file: a row per epoch, every loss term on training and validation cells, validation accuracy, learning rate, KL weight, seconds (the learner nodes' history table).")
    Path history;

    /** Cells per block with --on-disk: nine blocks of the file are held while training (sparse as stored; scaled rows are made one at a time). */
    static final int ON_DISK_BLOCK_CELLS = 4096;

    @Option(names = "--on-disk", description = "Leave the cells of an .h5ad file on disk and read them " + ON_DISK_BLOCK_CELLS
            + " at a time in every pass (preprocessing, each epoch, the final encoding) instead of loading them: memory no longer"
            + " grows with the number of cells, for files larger than memory; each pass reads the file again (the validation cells,"
            + " at most 10,000, are read once and held, up to 128 MB). Mini-batches are"
            + " drawn from 8 blocks at a time; Leiden guidance (the default without labels) works too (its sample is read from the"
            + " blocks). Not with --report, which needs"
            + " every cell in memory.")
    boolean onDisk;

    @Override
    public Integer call() throws Exception {
        // every output is checked before reading and training, which can take minutes
        OutputPaths.check(output, "-o/--output", OutputPaths.Kind.FILE, input.input);
        if (history != null) {
            OutputPaths.check(history, "--history", OutputPaths.Kind.FILE, input.input);
            OutputPaths.checkDistinct(output, "-o/--output", history, "--history");
        }
        reportOptions.check(output, "-o/--output", input.input);
        if (spec.commandLine().getParseResult().hasMatchedOption("--guide-cells") && (labels != null || (guided != null
                && !guided.equals(ModelTrainer.LEIDEN)))) {
            System.err.println("warning: --guide-cells applies to Leiden's guide only; with " + (labels != null ? "--labels" : "--guided "
                    + guided) + " it is ignored");
        }
        if (!onDisk) {
            return train(input.read());
        }
        if (reportOptions.asked()) {
            throw new IllegalArgumentException("--on-disk cannot be combined with --report, which needs every cell in memory; leave out"
                    + " one of them (and draw the report from a subset with 'report')");
        }
        try (H5adCellBlocks cells = openOnDisk(input)) {
            return train(cells.onDisk(ON_DISK_BLOCK_CELLS));
        }
    }

    /** The input .h5ad opened for reading a block of cells at a time (a clear message for other formats). */
    static H5adCellBlocks openOnDisk(InputOptions input) throws java.io.IOException {
        if (!input.input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5ad")) {
            throw new IllegalArgumentException("--on-disk reads .h5ad files a block of cells at a time; " + input.input.getFileName()
                    + " is not one (convert it to .h5ad, or leave out --on-disk)");
        }
        return input.openBlocks();
    }

    private int train(AnnData data) throws Exception {
        System.err.println("read " + data + (onDisk ? " (on disk)" : ""));
        InputKind.Route route = model.route(data);
        System.err.println(route.explanation() + (model.inputKind == InputKind.AUTO && !model.noPreprocess && !model.normalized
                ? " (--input-kind to choose)" : ""));
        TrainingRequest req = TrainingRequest.of(data).toBuilder().preprocess(route.config()).labelColumn(labels).conditionColumn(condition)
                .evaluationColumn(evaluate).guidedLabelColumn(guided).guidedEpochs(guidedEpochs).guideCells(guideCells)
                .architecture(model.architecture()).training(model.training()).build().withDefaultGuidance();
        if (req.guidanceByDefault()) {
            System.err.println(req.defaultGuidanceNote());
        }
        ModelTrainer.Outcome out = ModelTrainer.train(req, new ConsoleProgress(System.err, 5), CancellationToken.NEVER);
        ModelFile.save(out.model(), output);
        System.out.printf(Locale.ROOT, "trained %s %s on %d cells x %d features: %d epochs (%s), best epoch %d; %d of %d components used%n",
                out.model().config().conditional() ? "cGMVAE" : "GMVAE", out.modeName(), out.trainingData().nCells(),
                out.model().config().nFeatures(), out.result().history().size(), out.result().stopReason(), out.result().bestEpoch(),
                out.componentsUsed(), out.model().config().nComponents());
        if (model.training().restarts() > 1) {
            System.out.printf(Locale.ROOT, "kept the run with seed %d, the lowest %s loss of %d restarts%n", out.model().summary().seed(),
                    out.result().split().validation().length > 0 ? "validation" : "training", model.training().restarts());
        }
        EpochReport best = out.result().best();
        System.out.printf(Locale.ROOT, "loss terms per cell (best epoch, training cells): %s%n", formatTerms(best.train()));
        if (!best.validation().isEmpty()) {
            System.out.printf(Locale.ROOT, "loss terms per cell (best epoch, validation cells): %s%n", formatTerms(best.validation()));
        }
        if (!Double.isNaN(out.evaluationAccuracy())) {
            System.out.printf(Locale.ROOT, labels != null ? "training-set accuracy: %.4f%n"
                    : "training-set accuracy (each component named by its majority label): %.4f%n", out.evaluationAccuracy());
        }
        if (history != null) {
            writeHistory(out, history);
        }
        System.out.println("model written to " + output);
        String known = labels != null ? labels : evaluate;
        reportOptions.writeIfAsked(out.model(), data, ModelReport.Request.of(input.input).withLabels(known)
                .withCondition(condition).withGenerate(known != null ? 50 : 0).withCommand(ReportOptions.commandLine(spec)), model.training().seed());
        return 0;
    }

    /** Loss terms as "loss 1748.75  recon 1736.35  klZ 9.24 ...", 2 decimals, in the order training reports them. */
    static String formatTerms(java.util.Map<String, Double> terms) {
        StringBuilder sb = new StringBuilder();
        terms.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(k).append(' ').append(String.format(Locale.ROOT, "%.2f", v)));
        return sb.toString();
    }

    static void writeHistory(ModelTrainer.Outcome out, Path file) throws java.io.IOException {
        org.scgmvae.core.io.AtomicFile.write(file, partial -> writeHistoryTo(out, partial));
    }

    /** The history table of every front end ({@link HistoryTable}) as CSV: names in lower case with '_' for spaces, nothing where NaN. */
    private static void writeHistoryTo(ModelTrainer.Outcome out, Path file) throws java.io.IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(String.join(",", HistoryTable.names()).replace(' ', '_').toLowerCase(Locale.ROOT) + "\n");
            for (EpochReport r : out.result().history()) {
                double[] v = HistoryTable.row(r);
                StringBuilder row = new StringBuilder().append(r.epoch());
                for (int i = 1; i < v.length; i++) {
                    row.append(',').append(Double.isNaN(v[i]) ? "" : Double.toString(v[i]));
                }
                w.write(row.append('\n').toString());
            }
        }
    }
}
