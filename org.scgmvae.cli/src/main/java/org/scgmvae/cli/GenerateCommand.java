package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.CellGenerator;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.core.io.DataWriters;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.io.OutputPaths;
import org.scgmvae.core.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Synthetic cells: N draws of w, each decoded into every component and every condition (N x K x C cells).")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, required = true, description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = {"-o", "--output"}, required = true, description = "Output .h5ad or .csv (obs component, label, condition, sample).")
    Path output;

    @Option(names = {"-n", "--samples"}, description = "Default ${DEFAULT-VALUE}.")
    int samples = 10;

    @Option(names = "--sample-z", description = "Draw z from each component instead of taking its mean.")
    boolean sampleZ;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--units", description = "Units of the written values: EXPRESSION (the model's preprocessing undone: log-normalised "
            + "expression after the counts or log-normalised routes, with the decoder's own values in a layer) or MODEL (the decoder's "
            + "values: scaled units, expected counts for NEGATIVE_BINOMIAL) (default ${DEFAULT-VALUE}).")
    OutputUnits units = OutputUnits.EXPRESSION;

    @Option(names = "--w-from", description = "Where each cell's style w comes from: CELLS (a Gaussian fitted to the w of the "
            + "component's training cells, so a generated cell has a style cells of its type have) or PRIOR (p(w), the thesis' "
            + "procedure; also used for components with fewer than 3 training cells and for model files written before the fit was stored) "
            + "(default ${DEFAULT-VALUE}).")
    CellGenerator.StyleSource wFrom = CellGenerator.StyleSource.CELLS;

    @Override
    public Integer call() throws Exception {
        OutputPaths.check(output, "-o/--output", OutputPaths.Kind.CELLS, modelFile);
        TrainedModel model = ModelFile.load(modelFile);
        long cellsToMake = CellGenerator.cellCount(model, samples);
        // the values, their expression-unit copy and the written form: refuse before minutes of work end in an out-of-memory
        long bytes = cellsToMake * model.config().nFeatures() * 4L * 3;
        if (bytes > Runtime.getRuntime().maxMemory()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%,d draws make %,d cells x %,d genes, about %,d MB in"
                    + " memory, more than this Java may use (%,d MB): ask for fewer draws (-n) or start java with a larger -Xmx",
                    samples, cellsToMake, model.config().nFeatures(), bytes >> 20, Runtime.getRuntime().maxMemory() >> 20));
        }
        AnnData cells = CellGenerator.generate(model, samples, sampleZ, seed, units, wFrom, ConsoleProgress.forCommand());
        DataWriters.write(cells, output, true);
        System.out.println(cells.nCells() + " generated cells (the model's " + model.config().nFeatures() + " genes; "
                + units.describe(model, DataWriters.keepsLayers(output)) + ") written to " + output);
        noteUnseen(model);
        return 0;
    }

    /**
     * Every component is decoded under every condition; where a model trained with labels saw a type under a condition not
     * at all (scGen's held-out type), its cells there are the model's extrapolation: say so, as flip does. (Components named
     * by a majority vote count predicted cells, not types, so they are not judged.)
     */
    static void noteUnseen(TrainedModel model) {
        if (!model.config().conditional() || model.shifts() == null) {
            return;
        }
        for (int k = 0; k < model.labelNames().size() && k < model.shifts().nComponents(); k++) {
            int[] cells = model.shifts().cells()[k];
            for (int c = 0; c < model.conditionNames().size(); c++) {
                if (cells[c] == 0 && java.util.Arrays.stream(cells).sum() > 0) {
                    String type = model.labelNames().get(k);
                    String condition = model.conditionNames().get(c);
                    System.err.println("note: the model saw no '" + condition + "' " + type + " cells in training: its generated '"
                            + condition + "' " + type + " cells are the model's extrapolation");
                }
            }
        }
    }
}
