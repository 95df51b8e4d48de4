package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.core.io.DataWriters;
import org.scgmvae.core.model.TrainedModel;
import picocli.CommandLine.Command;
import org.scgmvae.report.ModelReport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "flip", mixinStandardHelpOptions = true,
        description = "Predict each cell under another condition (scGen-style perturbation prediction): encode it under its own "
                + "condition and decode it under --target; written in expression units (log-normalised after the counts and "
                + "log-normalized routes) unless --units MODEL.")
final class FlipCommand implements Callable<Integer> {

    @Mixin
    ModelIoOptions io;

    @Option(names = "--target", required = true, description = "Condition to decode under (one of the model's conditions).")
    String target;

    @Option(names = "--labels", paramLabel = "COL", description = "obs column with the cells' labels, for --flip-mode DELTA, PRIOR_MEAN or SHIFTED (default: the predicted component).")
    String labels;

    @Option(names = "--units", description = "Units of the written values: EXPRESSION (the model's preprocessing undone: log-normalised "
            + "expression after the counts or log-normalised routes, comparable with real cells; the decoder's own values in a layer) or "
            + "MODEL (the decoder's values: scaled units, expected counts for NEGATIVE_BINOMIAL) (default ${DEFAULT-VALUE}).")
    OutputUnits units = OutputUnits.EXPRESSION;

    @Option(names = "--flip-mode", description = "Which z is decoded under --target: DELTA (the cell's own z moved by the shift of z "
            + "between the two conditions among the training cells of its type (with --labels; else of its predicted component), or, "
            + "for a type seen in one condition only, of the "
            + "nearest type seen in both: scGen's latent arithmetic per type), ENCODED (the cell's own z unchanged: the condition "
            + "acts through the decoder only), PRIOR_MEAN (the prior mean of its label or component given its w: the thesis' "
            + "procedure) or SHIFTED (its z moved by the prior's shift between the two conditions) (default ${DEFAULT-VALUE}; DELTA "
            + "had the best mean R^2 on scGen's Kang file with every type held out in turn, see BENCHMARKS.md).")
    ConditionFlipper.Mode flipMode = ConditionFlipper.DEFAULT_MODE;

    @Mixin
    ReportOptions reportOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        reportOptions.check(io.output, "-o/--output", io.input.input, io.modelFile);
        ModelIoOptions.Loaded l = io.load(labels);
        if (labels != null && l.model().labelNames().isEmpty()) {
            System.err.println("note: the model was trained without labels; --labels is ignored and each cell keeps its predicted component");
        }
        TrainedModel model = l.model();
        InferenceInput in = l.input();
        AnnData data = l.cells();
        int[] known = in.input().labels();
        if (labels != null && known != null && java.util.Arrays.stream(known).noneMatch(k -> k >= 0)) {
            System.err.println("warning: no value of --labels column '" + labels + "' is one of the model's labels " + model.labelNames()
                    + ": every cell is flipped with its predicted component instead");
        }
        int targetCode = model.conditionNames().indexOf(target);
        int[] conditions = in.input().conditions();
        if (conditions != null && targetCode >= 0 && java.util.Arrays.stream(conditions).allMatch(c -> c == targetCode)) {
            System.err.println("warning: every cell is in condition '" + target + "' already: the flip decodes them under their own"
                    + " condition (to predict a response, give cells of another condition)");
        }
        DenseMatrix flipped = ConditionFlipper.flip(model, in.input(), target, flipMode, ConsoleProgress.forCommand());
        String[] cond = new String[data.nCells()];
        java.util.Arrays.fill(cond, target);
        DataFrame obs = in.data().obs().withColumn("gmvae_flipped_to", CategoricalColumn.fromStrings(cond));
        AnnData out = units.cells(model, flipped, obs, DataFrame.ofIndex(in.data().geneNames()));
        DataWriters.write(out, io.output, true);
        System.out.println(data.nCells() + " cells decoded under condition '" + target + "' written to " + io.output
                + " (" + units.describe(model, DataWriters.keepsLayers(io.output)) + ")");
        if (reportOptions.report != null && labels == null) {
            System.err.println("note: the report draws the flip per cell type only with --labels; without it, it shows the embedding and training");
        }
        reportOptions.writeIfAsked(model, data, ModelReport.Request.of(io.input.input.getFileName().toString()).withLabels(labels)
                .withCondition(io.condition).withFlip(null, labels == null ? null : target, flipMode)
                .withCommand(ReportOptions.commandLine(spec)), 42);
        return 0;
    }
}
