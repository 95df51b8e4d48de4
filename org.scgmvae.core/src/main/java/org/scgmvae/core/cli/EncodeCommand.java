package org.scgmvae.core.cli;

import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.DataWriters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Embed cells in the latent spaces z and w (obsm X_gmvae_z, X_gmvae_w).")
final class EncodeCommand implements Callable<Integer> {

    @Mixin
    ModelIoOptions io;

    @Option(names = "--sample", description = "One random draw from q(z|x), q(w|x) instead of the posterior means.")
    boolean sample;

    @Option(names = "--seed", description = "Seed of --sample (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--no-x", description = "Do not copy the expression matrix into the output.")
    boolean noX;

    @Override
    public Integer call() throws Exception {
        ModelIoOptions.Loaded loaded = io.load(null);
        LatentEncoder.Latents l = LatentEncoder.encode(loaded.model(), loaded.input().input(), sample, seed, ConsoleProgress.forCommand());
        DataWriters.write(ResultAnnotations.withLatents(loaded.cells(), l), io.output, !noX);
        System.out.println("z (" + l.z().nGenes() + "-d) and w (" + l.w().nGenes() + "-d) of " + loaded.cells().nCells()
                + " cells written to " + io.output);
        return 0;
    }
}
