package org.scgmvae.core.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.DataWriters;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Embed cells in the latent spaces z and w (obsm X_gmvae_z, X_gmvae_w).")
final class EncodeCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = {"-m", "--model"}, required = true, description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = {"-o", "--output"}, required = true, description = "Output .h5ad or .csv.")
    Path output;

    @Option(names = "--condition", paramLabel = "COL", description = "obs column with conditions (default: the column used in training).")
    String condition;

    @Option(names = "--sample", description = "One random draw from q(z|x), q(w|x) instead of the posterior means.")
    boolean sample;

    @Option(names = "--seed", description = "Seed of --sample (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--no-x", description = "Do not copy the expression matrix into the output.")
    boolean noX;

    @Override
    public Integer call() throws Exception {
        TrainedModel model = ModelFile.load(modelFile);
        AnnData data = input.read();
        InferenceInput in = InferenceInput.prepare(model, data, condition, null);
        LatentEncoder.Latents l = LatentEncoder.encode(model, in.input(), sample, seed);
        DataWriters.write(ResultAnnotations.withLatents(data, l), output, !noX);
        System.out.println("z (" + l.z().nGenes() + "-d) and w (" + l.w().nGenes() + "-d) of " + data.nCells() + " cells written to " + output);
        return 0;
    }
}
