package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.eval.ContingencyTable;
import org.scgmvae.core.eval.LabelAgreement;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Compare predicted components with known labels: accuracy (majority and one-to-one mapping), ARI, NMI, per-class recall, confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = {"-m", "--model"}, required = true, description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = "--labels", required = true, paramLabel = "COL", description = "obs column with the true labels.")
    String labels;

    @Option(names = "--condition", paramLabel = "COL", description = "obs column with conditions (default: the column used in training).")
    String condition;

    @Override
    public Integer call() throws Exception {
        TrainedModel model = ModelFile.load(modelFile);
        AnnData data = input.read();
        ModelIoOptions.warnIfIgnored(model, condition, data);
        input.hintRaw(model, data.geneNames());
        InferenceInput in = InferenceInput.prepare(model, data, condition, null);
        ModelIoOptions.reportAlignment(in.alignment(), in.warnings());
        Predictor.Predictions p = Predictor.predict(model, in.input());
        report(System.out, p.components(), in.data().obs().groups(labels));
        return 0;
    }

    /** Prints every metric for predicted components against a label column. */
    static void report(PrintStream out, int[] predicted, CategoricalColumn truthColumn) {
        LabelAgreement a = LabelAgreement.of(predicted, truthColumn);
        ContingencyTable t = a.table();
        long types = java.util.Arrays.stream(truthColumn.counts()).filter(c -> c > 0).count();
        if (types < 2 || t.total() < 2) {
            // any grouping agrees with a single label: accuracy 1 would be read as a result
            System.err.println("warning: " + (t.total() < 2 ? t.total() + " labelled cell" : "the labels hold one type only ('"
                    + truthColumn.categories().get(java.util.stream.IntStream.range(0, truthColumn.counts().length)
                    .filter(c -> truthColumn.counts()[c] > 0).findFirst().orElse(0)) + "')")
                    + ": every grouping agrees with it, so the accuracies below say nothing about the model");
        }
        int[] mapping = a.mapping();
        out.printf(Locale.ROOT, "cells with labels: %d%n", t.total());
        out.printf(Locale.ROOT, "accuracy (majority mapping):   %.4f%n", a.majorityAccuracy());
        out.printf(Locale.ROOT, "accuracy (one-to-one mapping): %.4f%n", a.oneToOneAccuracy());
        out.printf(Locale.ROOT, "adjusted Rand index:           %.4f%n", a.adjustedRandIndex());
        out.printf(Locale.ROOT, "normalised mutual information: %.4f%n", a.normalizedMutualInfo());
        double[] recall = a.recall();
        out.println("per-class recall (majority mapping):");
        for (int c = 0; c < recall.length; c++) {
            out.printf(Locale.ROOT, "  %-20s %.4f%n", truthColumn.categories().get(c), recall[c]);
        }
        out.println("confusion (rows: components with cells, columns: " + truthColumn.categories() + "):");
        for (int k = 0; k < t.nPredicted(); k++) {
            long sum = java.util.Arrays.stream(t.counts()[k]).sum();
            if (sum > 0) {
                out.printf(Locale.ROOT, "  component %2d -> %-12s %s%n", k, mapping[k] < 0 ? "-" : truthColumn.categories().get(mapping[k]),
                        java.util.Arrays.toString(t.counts()[k]));
            }
        }
    }
}
