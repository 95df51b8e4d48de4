package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.io.DataReaders;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.model.TrainedModel;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Options shared by every command that reads cells. */
final class InputOptions {

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
            description = "Cells to read: an .h5ad file, a 10x matrix folder (matrix.mtx, barcodes.tsv, features.tsv) or a .csv/.tsv file (cells as rows).")
    Path input;

    @Option(names = "--make-genes-unique", description = "Append -1, -2, ... to repeated gene names instead of failing (as anndata's var_names_make_unique).")
    boolean makeGenesUnique;

    @Option(names = "--use-raw", description = "Read raw/X and raw/var of an .h5ad instead of X and var.")
    boolean useRaw;

    @Option(names = "--counts-layer", paramLabel = "NAME", defaultValue = ReadOptions.COUNTS,
            description = "The .h5ad layer that holds the raw counts, used as the 'counts' layer (counts route, count likelihoods)"
                    + " where the file names it otherwise, e.g. raw_counts (default: ${DEFAULT-VALUE}).")
    String countsLayer = ReadOptions.COUNTS;

    @Option(names = "--csv-annotations", split = ",", paramLabel = "COL",
            description = "Numeric CSV columns that are cell annotations, not genes (text columns are detected automatically).")
    List<String> csvAnnotations = List.of();

    AnnData read() throws IOException {
        AnnData cells = DataReaders.read(input, readOptions(), new LinkedHashSet<>(csvAnnotations), ConsoleProgress.forCommand());
        noteRepeatedCellNames(cells.obs());
        return cells;
    }

    /** The input .h5ad opened for reading a block of cells at a time (obs and var read; what is held in memory said). */
    H5adCellBlocks openBlocks() throws IOException {
        H5adCellBlocks cells = H5adCellBlocks.open(input, readOptions());
        cells.inMemoryParts().forEach(p -> System.err.println("note: " + p));
        noteRepeatedCellNames(cells.annotations().obs());
        return cells;
    }

    /**
     * Cell names that occur more than once (files concatenated without anndata's index_unique) are kept as they are, as
     * anndata keeps them; results follow the file's order, so a later join by name would pair the wrong rows: say so.
     */
    private void noteRepeatedCellNames(DataFrame obs) {
        List<String> first = obs.duplicateIndexNames(1);
        if (first.isEmpty()) {
            return;
        }
        String[] names = obs.index();
        int repeated = names.length - new HashSet<>(Arrays.asList(names)).size();
        System.err.println("note: " + repeated + " of the " + names.length + " cell names of " + input.getFileName() + " repeat an earlier one"
                + " (first '" + first.get(0) + "'); every cell is kept and results follow the file's order, but joining results by cell"
                + " name would pair the wrong cells (anndata's obs_names_make_unique gives unique names)");
    }

    /**
     * What an output annotating these cells carries over from the input file: uns, obsp, varm, varp and, with {@code
     * expression} (an output with X), raw and the other layers.
     */
    org.scgmvae.core.io.h5ad.CarriedGroups carried(boolean expression) {
        org.scgmvae.core.io.h5ad.CarriedGroups c = org.scgmvae.core.io.h5ad.CarriedGroups.from(input, readOptions(),
                note -> System.err.println("note: " + note));
        return expression ? c : c.withoutExpression();
    }

    ReadOptions readOptions() {
        return ReadOptions.defaults().withMakeGeneNamesUnique(makeGenesUnique).withUseRaw(useRaw).withCountsLayer(countsLayer);
    }

    /**
     * Where model genes are missing from X of an .h5ad whose raw holds them (scanpy keeps every gene there after subsetting
     * X), says that {@code --use-raw} reads them: before the cells are prepared, so also when too few genes get them refused.
     */
    void hintRaw(TrainedModel model, String[] genes) {
        if (useRaw || !input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5ad")) {
            return;
        }
        Set<String> inX = new HashSet<>(Arrays.asList(genes));
        List<String> missing = model.signature().features().stream().filter(g -> !inX.contains(g)).toList();
        if (missing.isEmpty()) {
            return;
        }
        Set<String> raw;
        try (H5adCellBlocks cells = H5adCellBlocks.open(input, readOptions().withUseRaw(true))) {
            raw = new HashSet<>(Arrays.asList(cells.annotations().geneNames()));
        } catch (IOException | RuntimeException noRaw) {
            return; // no raw (or none readable): nothing to suggest
        }
        long found = missing.stream().filter(raw::contains).count();
        if (found > 0) {
            System.err.println("note: " + missing.size() + " of the model's " + model.signature().features().size() + " genes are not in X of "
                    + input.getFileName() + " but " + found + " of them are in raw/var: --use-raw reads raw/X and raw/var instead of"
                    + " X and var (the model's preprocessing expects the values it was trained on)");
        }
    }
}
