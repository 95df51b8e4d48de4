package org.scgmvae.core.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.io.OutputPaths;
import org.scgmvae.core.model.TrainedModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

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
        InferenceInput in = InferenceInput.prepare(model, cells, condition, labelColumn);
        if (in.alignment() != null && !in.alignment().isExact()) {
            System.err.println((in.alignment().missing().isEmpty() ? "note: " : "warning: ") + in.alignment().summary());
        }
        return new Loaded(model, cells, in);
    }
}
