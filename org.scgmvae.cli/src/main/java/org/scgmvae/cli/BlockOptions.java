package org.scgmvae.cli;

import org.scgmvae.core.infer.BlockwiseApplication;
import picocli.CommandLine.Option;

/** Options of the commands that can apply a model to an .h5ad a block of cells at a time. */
final class BlockOptions {

    @Option(names = "--block-cells", paramLabel = "N",
            description = "From .h5ad to .h5ad, so that files larger than memory can be processed; memory grows with N"
                    + " (default ${DEFAULT-VALUE}). encode --sample draws the same values as for the whole file when N is a multiple of 1,024.")
    int cells = BlockwiseApplication.DEFAULT_BLOCK_CELLS;
}
