package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.io.DataReaders;
import org.scgmvae.core.io.ReadOptions;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/** Options shared by every command that reads cells. */
final class InputOptions {

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
            description = "Cells to read: an .h5ad file, a 10x matrix folder (matrix.mtx, barcodes.tsv, features.tsv) or a .csv/.tsv file (cells as rows).")
    Path input;

    @Option(names = "--make-genes-unique", description = "Append -1, -2, ... to repeated gene names instead of failing (as anndata's var_names_make_unique).")
    boolean makeGenesUnique;

    @Option(names = "--use-raw", description = "Read raw/X and raw/var of an .h5ad instead of X and var.")
    boolean useRaw;

    @Option(names = "--csv-annotations", split = ",", paramLabel = "COL",
            description = "Numeric CSV columns that are cell annotations, not genes (text columns are detected automatically).")
    List<String> csvAnnotations = List.of();

    AnnData read() throws IOException {
        return DataReaders.read(input, readOptions(), new LinkedHashSet<>(csvAnnotations), ConsoleProgress.forCommand());
    }

    ReadOptions readOptions() {
        return ReadOptions.defaults().withMakeGeneNamesUnique(makeGenesUnique).withUseRaw(useRaw);
    }
}
