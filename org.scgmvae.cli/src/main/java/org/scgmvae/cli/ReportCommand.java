package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.io.OutputPaths;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.report.ModelReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Draw a model on cells, as a folder with index.html and PNG pictures: the embedding of z (UMAP or PCA) coloured by "
                + "label, condition and predicted component, and of w; the training curves; with --labels the confusion heatmap and "
                + "evaluate's figures; with --flip-to scGen's scatter of mean expression per cell type; generated cells next to real ones.")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder to write index.html and the pictures to (created if missing).")
    Path output;

    @Option(names = "--labels", paramLabel = "COL", description = "obs column with known labels (cell types): colours, the confusion heatmap, the flip per type.")
    String labels;

    @Option(names = "--condition", paramLabel = "COL", description = "obs column with the cells' conditions (default: the column used in training).")
    String condition;

    @Option(names = "--flip-to", paramLabel = "COND", description = "Draw the perturbation prediction: each type's cells of the other condition decoded under COND, against the real COND cells (needs --labels).")
    String flipTo;

    @Option(names = "--flip-from", paramLabel = "COND", description = "Condition flipped from (default: the model's other condition, when it has two).")
    String flipFrom;

    @Option(names = "--flip-types", split = ",", paramLabel = "TYPE", description = "Cell types to draw the flip for (default: every type with at least 2 cells of each condition).")
    java.util.List<String> flipTypes;

    @Option(names = "--flip-mode", description = "DELTA, ENCODED, PRIOR_MEAN or SHIFTED, as in 'flip' (default ${DEFAULT-VALUE}).")
    ConditionFlipper.Mode flipMode = ConditionFlipper.DEFAULT_MODE;

    @Option(names = "--generate", paramLabel = "N", description = "Default ${DEFAULT-VALUE}.")
    int generate = 50;

    @Option(names = "--embedding", description = "UMAP or PCA (default ${DEFAULT-VALUE}).")
    ModelReport.Embedding embedding = ModelReport.Embedding.UMAP;

    @Option(names = "--seed", description = "Seed of the embedding, the subsets and the generation (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    public Integer call() throws Exception {
        OutputPaths.check(output, "-o/--output", OutputPaths.Kind.FOLDER, input.input, modelFile);
        if (flipTo != null && flipTo.equals(flipFrom)) {
            throw new IllegalArgumentException("--flip-from and --flip-to name the same condition '" + flipTo + "': there is no"
                    + " response to predict");
        }
        TrainedModel model = ModelFile.load(modelFile);
        if (flipFrom != null && flipTo == null) {
            System.err.println("warning: --flip-from is ignored without --flip-to (the condition to predict)");
        }
        AnnData cells = input.read();
        ModelIoOptions.warnIfIgnored(model, condition, cells);
        ModelReport.Request req = ModelReport.Request.of(input.input).withLabels(labels).withCondition(condition)
                .withGenerate(generate).withEmbedding(embedding, seed).withCommand(ReportOptions.commandLine(spec));
        if (flipTo != null) {
            req = req.withFlip(flipFrom, flipTo, flipMode).withFlipTypes(flipTypes);
        }
        ReportOptions.write(model, cells, req, output);
        return 0;
    }
}
