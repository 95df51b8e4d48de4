package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.infer.BlockwiseApplication;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.DataWriters;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Component probabilities q(y|z), the most probable component and its label for every cell.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelIoOptions io;

    @Mixin
    BlockOptions blocks;

    @Option(names = "--no-x", description = "Do not copy the expression matrix into the output.")
    boolean noX;

    private static final java.util.List<String> RESULT_OBSM = java.util.List.of(ResultAnnotations.PROBS);

    @Override
    public Integer call() throws Exception {
        if (io.blockwise()) {
            try (ModelIoOptions.Opened o = io.open()) {
                BlockwiseApplication.Predicted p = io.namingTheCells(() -> BlockwiseApplication.predict(o.model(), o.cells(), io.condition,
                        blocks.cells, ConsoleProgress.forCommand()));
                ModelIoOptions.reportAlignment(p.checked().alignment(), p.checked().warnings());
                ModelIoOptions.noteReplaced(o.cells().annotations().obs(), o.cells().obsmWidths().keySet(), ResultAnnotations.PREDICTION_OBS, RESULT_OBSM);
                AnnData result = ResultAnnotations.withPredictions(o.cells().annotations(), p.predictions(), o.model());
                H5adWriter.writeCopying(o.cells(), result.obs(), result.obsm(), io.output, !noX, blocks.cells, io.input.carried(!noX).replacing(ResultAnnotations.PREDICTION_OBS));
                System.out.println("predictions for " + o.cells().nCells() + " cells written to " + io.output);
                noteUnnamed(o.model());
            }
            return 0;
        }
        ModelIoOptions.Loaded l = io.load(null);
        Predictor.Predictions p = Predictor.predict(l.model(), l.input().input(), ConsoleProgress.forCommand());
        ModelIoOptions.noteReplaced(l.cells().obs(), l.cells().obsm().keySet(), ResultAnnotations.PREDICTION_OBS, RESULT_OBSM);
        DataWriters.write(ResultAnnotations.withPredictions(l.cells(), p, l.model()), io.output, !noX, io.input.carried(!noX).replacing(ResultAnnotations.PREDICTION_OBS));
        System.out.println("predictions for " + l.cells().nCells() + " cells written to " + io.output);
        noteUnnamed(l.model());
        return 0;
    }

    /** A model whose components carry no names leaves gmvae_label empty: say where the answer is instead. */
    private static void noteUnnamed(TrainedModel model) {
        if (java.util.stream.IntStream.range(0, model.config().nComponents()).allMatch(k -> model.labelOfComponent(k) == null)) {
            System.err.println("note: the model names no components (trained without --labels or --evaluate), so gmvae_label is empty:"
                    + " each cell's component is gmvae_component (obsm X_gmvae_probs: one column per component)");
        }
    }
}
