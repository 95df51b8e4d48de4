package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.infer.BlockwiseFlip;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.FlipSeen;
import org.scgmvae.core.io.h5ad.H5adWriter;
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
                + "log-normalized routes) unless --units MODEL. From .h5ad to .h5ad the cells are read, flipped and written a block at "
                + "a time (--block-cells), unless --report asks for them all.")
final class FlipCommand implements Callable<Integer> {

    @Mixin
    ModelIoOptions io;

    @Option(names = "--target", required = true, description = "Condition to decode under (one of the model's conditions).")
    String target;

    @Option(names = "--labels", paramLabel = "COL", description = "obs column with the cells' labels, for --flip-mode DELTA, PRIOR_MEAN or SHIFTED (default: the predicted component);"
            + " each type the model never saw under --target in training is named (its flip is a held-out prediction), with the type whose shift DELTA borrows.")
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

    @Mixin
    BlockOptions blocks;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        reportOptions.check(io.output, "-o/--output", io.input.input, io.modelFile);
        if (io.blockwise() && reportOptions.report == null) {
            return flipInBlocks();
        }
        ModelIoOptions.Loaded l = io.load(labels);
        TrainedModel model = l.model();
        resolveTarget(model);
        noteLabelsIgnored(model);
        InferenceInput in = l.input();
        AnnData data = l.cells();
        int[] known = in.input().labels();
        if (labels != null && known != null && java.util.Arrays.stream(known).noneMatch(k -> k >= 0)) {
            warnNoKnownLabel(model);
        }
        int targetCode = model.conditionNames().indexOf(target);
        int[] conditions = in.input().conditions();
        if (conditions != null && targetCode >= 0 && java.util.Arrays.stream(conditions).allMatch(c -> c == targetCode)) {
            warnAllInTarget();
        }
        DenseMatrix flipped = ConditionFlipper.flip(model, in.input(), target, flipMode, ConsoleProgress.forCommand());
        DataFrame obs = ResultAnnotations.asFlipped(in.data().obs(), model, io.condition, target);
        AnnData out = units.cells(model, flipped, obs, DataFrame.ofIndex(in.data().geneNames()));
        DataWriters.write(out, io.output, true);
        sayWritten(data.nCells(), model, DataWriters.keepsLayers(io.output),
                FlipSeen.notes(model, FlipSeen.pairs(model, known, conditions, null), target, flipMode));
        if (reportOptions.report != null && labels == null) {
            System.err.println("note: the report draws the flip per cell type only with --labels; without it, it shows the embedding and training");
        }
        reportOptions.writeIfAsked(model, data, ModelReport.Request.of(io.input.input).withLabels(labels)
                .withCondition(io.condition).withFlip(null, labels == null ? null : target, flipMode)
                .withCommand(ReportOptions.commandLine(spec)), 42);
        return 0;
    }

    /**
     * From .h5ad to .h5ad: the cells read, flipped and written a block at a time (X and the decoder's layer as the whole-file
     * route writes them; obs as the file holds it), so that memory holds a block, not cells x genes.
     */
    private Integer flipInBlocks() throws Exception {
        try (ModelIoOptions.Opened o = io.open();
             // the layer's values wait beside the output between the writer's passes over X and the layer
             BlockwiseFlip flip = new BlockwiseFlip(o.model(), o.cells(), io.condition, labels, resolveTarget(o.model()), flipMode, units,
                     ConsoleProgress.forCommand(), io.output.toAbsolutePath().getParent())) {
            TrainedModel model = o.model();
            noteLabelsIgnored(model);
            int n = o.cells().nCells();
            DataFrame obs = ResultAnnotations.asFlipped(o.cells().annotations().obs(), model, io.condition, target);
            io.namingTheCells(() -> {
                H5adWriter.write(obs, DataFrame.ofIndex(model.signature().features().toArray(String[]::new)), flip.x(), flip.layers(),
                        io.output, blocks.cells);
                return null;
            });
            ModelIoOptions.reportAlignment(flip.alignment(), flip.warnings());
            if (labels != null && !model.labelNames().isEmpty() && !flip.anyKnownLabel()) {
                warnNoKnownLabel(model);
            }
            if (flip.allInTarget()) {
                warnAllInTarget();
            }
            sayWritten(n, model, true, flip.notes());
        }
        return 0;
    }

    /**
     * A target that names a condition of the model but for its case (Python's {@code True} for a boolean column read as
     * {@code true}) is taken as that condition, with a note; an unknown one is refused by the flip with the model's names.
     * Returns the target to use.
     */
    private String resolveTarget(TrainedModel model) {
        String known = model.conditionLike(target);
        if (!known.equals(target)) {
            System.err.println("note: --target '" + target + "' is taken as the model's condition '" + known + "'");
            target = known;
        }
        return target;
    }

    /**
     * What was written, then each type of --labels that the model never saw under the target in training (scGen's held-out
     * protocol: its flip is a prediction) or whose DELTA shift is not its own ({@link FlipSeen#notes}).
     */
    private void sayWritten(int cells, TrainedModel model, boolean keepsLayers, java.util.List<String> typeNotes) {
        System.out.println(cells + " cells decoded under condition '" + target + "' (flip mode " + flipMode + ") written to " + io.output
                + " (the model's " + model.config().nFeatures() + " genes; " + units.describe(model, keepsLayers) + ")");
        typeNotes.forEach(n -> System.err.println("note: " + n));
    }

    private void noteLabelsIgnored(TrainedModel model) {
        if (labels != null && model.labelNames().isEmpty()) {
            System.err.println("note: the model was trained without labels; --labels is ignored and each cell keeps its predicted component");
        }
    }

    private void warnNoKnownLabel(TrainedModel model) {
        System.err.println("warning: no value of --labels column '" + labels + "' is one of the model's labels " + model.labelNames()
                + ": every cell is flipped with its predicted component instead");
    }

    private void warnAllInTarget() {
        System.err.println("warning: every cell is in condition '" + target + "' already: the flip decodes them under their own"
                + " condition (to predict a response, give cells of another condition)");
    }
}
