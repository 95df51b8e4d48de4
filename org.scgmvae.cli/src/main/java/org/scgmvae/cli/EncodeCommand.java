package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.BlockwiseApplication;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.DataWriters;
import org.scgmvae.core.io.h5ad.H5adWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Embed cells in the latent spaces z and w (obsm X_gmvae_z, X_gmvae_w).")
final class EncodeCommand implements Callable<Integer> {

    @Mixin
    ModelIoOptions io;

    @Mixin
    BlockOptions blocks;

    @Option(names = "--sample", description = "One random draw from q(z|x), q(w|x) instead of the posterior means.")
    boolean sample;

    @Option(names = "--seed", description = "Seed of --sample (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--no-x", description = "Do not copy the expression matrix into the output.")
    boolean noX;

    @Override
    public Integer call() throws Exception {
        if (io.blockwise()) {
            try (ModelIoOptions.Opened o = io.open()) {
                BlockwiseApplication.Encoded e = io.namingTheCells(() -> BlockwiseApplication.encode(o.model(), o.cells(), io.condition, sample, seed,
                        blocks.cells, ConsoleProgress.forCommand()));
                ModelIoOptions.reportAlignment(e.checked().alignment(), e.checked().warnings());
                ModelIoOptions.noteReplaced(o.cells().annotations().obs(), o.cells().obsmWidths().keySet(), java.util.List.of(), RESULT_OBSM);
                AnnData result = ResultAnnotations.withLatents(o.cells().annotations(), e.latents());
                H5adWriter.writeCopying(o.cells(), result.obs(), result.obsm(), io.output, !noX, blocks.cells, io.input.carried(!noX));
                print(e.latents(), o.cells().nCells());
            }
            return 0;
        }
        ModelIoOptions.Loaded loaded = io.load(null);
        LatentEncoder.Latents l = LatentEncoder.encode(loaded.model(), loaded.input().input(), sample, seed, ConsoleProgress.forCommand());
        ModelIoOptions.noteReplaced(loaded.cells().obs(), loaded.cells().obsm().keySet(), java.util.List.of(), RESULT_OBSM);
        DataWriters.write(ResultAnnotations.withLatents(loaded.cells(), l), io.output, !noX, io.input.carried(!noX));
        print(l, loaded.cells().nCells());
        return 0;
    }

    private static final java.util.List<String> RESULT_OBSM = java.util.List.of(ResultAnnotations.Z, ResultAnnotations.W);

    private void print(LatentEncoder.Latents l, int cells) {
        System.out.println("z (" + l.z().nGenes() + "-d) and w (" + l.w().nGenes() + "-d) of " + cells + " cells written to " + io.output);
    }
}
