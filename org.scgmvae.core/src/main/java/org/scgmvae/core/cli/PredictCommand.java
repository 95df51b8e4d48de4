package org.scgmvae.core.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.DataWriters;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Component probabilities q(y|z), the most probable component and its label for every cell.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = {"-m", "--model"}, required = true, description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = {"-o", "--output"}, required = true, description = "Output .h5ad (obs gmvae_component/gmvae_label/gmvae_probability, obsm X_gmvae_probs) or .csv.")
    Path output;

    @Option(names = "--condition", paramLabel = "COL", description = "obs column with conditions (default: the column used in training).")
    String condition;

    @Option(names = "--no-x", description = "Do not copy the expression matrix into the output.")
    boolean noX;

    @Override
    public Integer call() throws Exception {
        TrainedModel model = ModelFile.load(modelFile);
        AnnData data = input.read();
        InferenceInput in = InferenceInput.prepare(model, data, condition, null);
        if (in.alignment() != null && !in.alignment().isExact()) {
            System.err.println("note: " + in.alignment().summary());
        }
        Predictor.Predictions p = Predictor.predict(model, in.input());
        DataWriters.write(ResultAnnotations.withPredictions(data, p), output, !noX);
        System.out.println("predictions for " + data.nCells() + " cells written to " + output);
        return 0;
    }
}
