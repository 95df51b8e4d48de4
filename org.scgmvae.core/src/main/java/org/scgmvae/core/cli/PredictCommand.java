package org.scgmvae.core.cli;

import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.DataWriters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Component probabilities q(y|z), the most probable component and its label for every cell.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelIoOptions io;

    @Option(names = "--no-x", description = "Do not copy the expression matrix into the output.")
    boolean noX;

    @Override
    public Integer call() throws Exception {
        ModelIoOptions.Loaded l = io.load(null);
        Predictor.Predictions p = Predictor.predict(l.model(), l.input().input(), ConsoleProgress.forCommand());
        DataWriters.write(ResultAnnotations.withPredictions(l.cells(), p), io.output, !noX);
        System.out.println("predictions for " + l.cells().nCells() + " cells written to " + io.output);
        return 0;
    }
}
