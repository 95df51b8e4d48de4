package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.preprocess.GeneAligner;
import org.scgmvae.core.io.OutputPaths;
import org.scgmvae.core.model.TrainedModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Options of the commands that apply a saved model to cells and write a result. */
final class ModelIoOptions {

    @Mixin
    InputOptions input;

    @Option(names = {"-m", "--model"}, required = true, description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = {"-o", "--output"}, required = true, description = "Output file: .h5ad, .csv or .tsv.")
    Path output;

    @Option(names = "--condition", paramLabel = "COL", description = "obs column with the cells' conditions (default: the column used in training).")
    String condition;

    /** Refuses an output that would replace the input cells or the model, or that cannot be written, before any work. */
    void checkOutput() throws IOException {
        OutputPaths.check(output, "-o/--output", OutputPaths.Kind.CELLS, input.input, modelFile);
    }

    /** Loaded model, the cells as read and the cells prepared for it (stored preprocessing applied, genes aligned). */
    record Loaded(TrainedModel model, AnnData cells, InferenceInput input) {
    }

    Loaded load(String labelColumn) throws IOException {
        checkOutput();
        TrainedModel model = ModelFile.load(modelFile);
        AnnData cells = input.read();
        warnIfIgnored(model, condition, cells);
        input.hintRaw(model, cells.geneNames());
        InferenceInput in = namingTheCells(() -> InferenceInput.prepare(model, cells, condition, labelColumn));
        reportAlignment(in.alignment(), in.warnings());
        return new Loaded(model, cells, in);
    }

    /**
     * From .h5ad to .h5ad the cells need not fit in memory: they are read, prepared and written a block at a time
     * ({@link org.scgmvae.core.infer.BlockwiseApplication}); other formats are read whole.
     */
    boolean blockwise() {
        return isH5ad(input.input) && isH5ad(output);
    }

    private static boolean isH5ad(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5ad");
    }

    /** The model and the input file opened for reading a block of cells at a time (obs and var read, X still on disk). */
    record Opened(TrainedModel model, H5adCellBlocks cells) implements AutoCloseable {
        @Override
        public void close() {
            cells.close();
        }
    }

    Opened open() throws IOException {
        checkOutput();
        TrainedModel model = ModelFile.load(modelFile);
        H5adCellBlocks cells = input.openBlocks();
        warnIfIgnored(model, condition, cells.annotations());
        input.hintRaw(model, cells.annotations().geneNames());
        return new Opened(model, cells);
    }

    /** Work on the input cells that may refuse them. */
    interface CellsWork<T> {
        T call() throws IOException;
    }

    /** What the cells cannot give the model, said of the input file (the model's refusal names no file of its own). */
    <T> T namingTheCells(CellsWork<T> work) throws IOException {
        try {
            return work.call();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(input.input.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** A condition column given for a model without conditions is not used: say so (and whether the column even exists). */
    static void warnIfIgnored(TrainedModel model, String condition, AnnData cells) {
        if (condition != null && !model.config().conditional()) {
            System.err.println("warning: --condition '" + condition + "' is ignored: the model is a GMVAE without conditions"
                    + (cells.obs().has(condition) ? "" : " (and the cells have no such column)"));
        }
    }

    /** Says which of this command's result columns the input holds already (an earlier run's), before they are replaced. */
    static void noteReplaced(org.scgmvae.core.data.DataFrame obs, java.util.Set<String> obsm, java.util.List<String> resultObs,
                             java.util.List<String> resultObsm) {
        java.util.List<String> there = new java.util.ArrayList<>();
        resultObs.stream().filter(obs::has).forEach(c -> there.add("obs '" + c + "'"));
        resultObsm.stream().filter(obsm::contains).forEach(k -> there.add("obsm '" + k + "'"));
        if (!there.isEmpty()) {
            System.err.println("note: the input holds " + String.join(", ", there) + " already (an earlier run's results?): replaced by"
                    + " this run's in the output");
        }
    }

    /** Says how the genes matched (a warning when some are missing) and what the model's preprocessing noticed about the cells. */
    static void reportAlignment(GeneAligner.Report alignment, java.util.List<String> warnings) {
        if (alignment != null && !alignment.isExact()) {
            System.err.println((alignment.missing().isEmpty() ? "note: " : "warning: ") + alignment.summary());
        }
        warnings.forEach(w -> System.err.println("warning: " + w));
    }
}
