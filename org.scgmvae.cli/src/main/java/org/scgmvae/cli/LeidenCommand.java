package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.eval.LeidenClustering;
import org.scgmvae.core.io.DataWriters;
import org.scgmvae.core.io.OutputPaths;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.task.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The clustering baseline on its own: PCA, kNN graph, Leiden (scanpy's pp.pca, pp.neighbors, tl.leiden), as
 * an obs column; for comparing with the model's components and for {@code train --guided COL}.
 */
@Command(name = "leiden", mixinStandardHelpOptions = true,
        description = "Leiden clustering on a kNN graph in PCA space (the baseline, and the labels of guided training); "
                + "writes the cells with the clusters as an obs column. The neighbours are exact up to 50,000 cells and found by "
                + "NN-descent above (deterministic for --seed; 98%% of the exact neighbours on 100,000 cells, 8x faster).")
final class LeidenCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PATH", description = "Output .h5ad (or .csv/.tsv): the input cells plus the cluster column.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--column", paramLabel = "NAME", description = "Name of the obs column to write (default ${DEFAULT-VALUE}).")
    String column = "leiden";

    @Option(names = "--clusters", paramLabel = "K", description = "Default ${DEFAULT-VALUE}.")
    int clusters;

    @Option(names = "--resolution", description = "Default ${DEFAULT-VALUE}.")
    double resolution = 1.0;

    @Option(names = "--pcs", description = "Default ${DEFAULT-VALUE}.")
    int pcs = 50;

    @Option(names = "--neighbours", description = "Default ${DEFAULT-VALUE}.")
    int neighbours = 15;

    @Option(names = "--seed", description = "Seed of Leiden's random choices (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--input-kind", paramLabel = "KIND", converter = ModelOptions.InputKindConverter.class,
            description = "What X holds: auto (default, detected), counts, log-normalized or as-is; the cells are preprocessed by the "
                    + "same route as in 'train' (2,000 HVGs and scaling; counts are normalised and log1p-transformed first).")
    InputKind inputKind = InputKind.AUTO;

    @Option(names = "--normalized", description = "Short for --input-kind log-normalized.")
    boolean normalized;

    @Option(names = "--no-preprocess", description = "Short for --input-kind as-is: cluster X as it is.")
    boolean noPreprocess;

    @Option(names = "--no-x", description = "Do not copy the expression matrix into the output (only obs with the clusters).")
    boolean noX;

    @Option(names = "--evaluate", paramLabel = "COL", description = "obs column with known labels: print accuracy, ARI, NMI and the confusion matrix of the clusters.")
    String evaluate;

    @Option(names = "--on-disk", description = "Leave the cells of an .h5ad file on disk and read them " + TrainCommand.ON_DISK_BLOCK_CELLS
            + " at a time in every pass (preprocessing, PCA, output) instead of loading them: memory no longer grows with the"
            + " expression matrix, for files larger than memory (the PCA scores and the kNN graph are held: about 0.3 KB per cell).")
    boolean onDisk;

    @Override
    public Integer call() throws Exception {
        OutputPaths.check(output, "-o/--output", OutputPaths.Kind.CELLS, input.input);
        if (column.isBlank() || column.contains("/")) {
            // checked before minutes of clustering: HDF5 names cannot be empty or hold '/'
            throw new CommandLine.ParameterException(spec.commandLine(), "--column must be a name without '/', got '" + column + "'");
        }
        if (!onDisk) {
            return cluster(input.read());
        }
        try (H5adCellBlocks blocks = TrainCommand.openOnDisk(input)) {
            return cluster(blocks.onDisk(TrainCommand.ON_DISK_BLOCK_CELLS));
        }
    }

    private int cluster(AnnData cells) throws Exception {
        if (evaluate != null) {
            cells.obs().categorical(evaluate); // fail before clustering, not after, on a missing column
        }
        if (cells.nCells() <= neighbours) {
            System.err.println("warning: " + cells.nCells() + " cells, not more than the " + neighbours + " neighbours each cell's graph"
                    + " needs: every cell is every other's neighbour, so the clusters say nothing");
        }
        if (cells.obs().has(column)) {
            System.err.println("warning: obs column '" + column + "' exists in the input and is replaced by the clusters in the output"
                    + " (--column names another)");
        }
        // default preprocessing filters genes only, so the rows still match the input's cells
        InputKind.Route route = ModelOptions.inputKind(noPreprocess, normalized, inputKind).resolve(cells, InputKind.DEFAULT_TOP_GENES);
        System.err.println(route.explanation());
        Progress progress = ConsoleProgress.forCommand();
        FittedPreprocessing.Fit fit = FittedPreprocessing.fit(cells, route.config(), progress.sub(0, 0.2));
        fit.warnings().forEach(w -> System.err.println("warning: " + w + (w.contains("log-transformed") ? " (--input-kind)" : "")));
        AnnData x = fit.transformed();
        LeidenClustering leiden = new LeidenClustering(pcs, neighbours, resolution, 10, seed);
        int[] c = leiden.cluster(x.x(), clusters, progress.sub(0.2, 1));
        AnnData out = cells.withObs(cells.obs().withColumn(column, LeidenClustering.column(c)));
        DataWriters.write(out, output, !noX, input.carried(!noX).replacing(java.util.List.of(column)));
        int found = LeidenClustering.count(c);
        System.out.println(found + " Leiden clusters of " + cells.nCells() + " cells written to " + output + " (obs column '" + column + "')");
        if (clusters > 0 && found != clusters) {
            System.out.println(found > clusters
                    ? "(asked for " + clusters + ": even at the lowest resolution Leiden finds " + found
                            + "; groups of cells with no neighbours in common are never merged)"
                    : "(asked for " + clusters + ": no resolution tried gave exactly that many; this is the largest partition found below it)");
        }
        if (evaluate != null) {
            EvaluateCommand.report(System.out, c, cells.obs().groups(evaluate));
            if (clusters == 0) {
                System.err.println("note: majority accuracy grows with the number of clusters: to compare with a model of K components"
                        + " (the default without labels is 20), cluster at the same number with --clusters K");
            }
        }
        return 0;
    }
}
