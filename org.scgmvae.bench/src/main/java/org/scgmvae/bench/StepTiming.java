package org.scgmvae.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.model.Batch;
import org.scgmvae.core.nn.ComputeSettings;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.ModelInput;
import org.scgmvae.core.train.AdamOptimizer;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;

import java.util.Locale;
import java.util.Random;

/**
 * Where a training step's time goes: batch assembly, forward + backward, gradient norm + Adam update, for one batch
 * of 128 cells x 2,000 genes (or GENES; default cGMVAE, K=20), repeated; the first 10 repetitions are warm-up.
 * {@code java -cp scgmvae.jar org.scgmvae.bench.StepTiming [REPETITIONS [GENES]]}
 */
public final class StepTiming {

    private StepTiming() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int genes = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        AnnData data = SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(4000, genes));
        TrainingRequest req = TrainingRequest.of(data).withConditions("condition")
                .withPreprocess(TrainingRequest.of(data).preprocess().withNTopGenes(genes))
                .withTraining(TrainingConfig.defaults().withEpochs(1).withValidation(0, 0));
        ModelTrainer.Outcome out = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
        ModelInput input = InferenceInput.prepare(out.model(), data, null, null).input();
        GmvaeModule net = out.model().module();
        int[] rows = new int[128];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * 7;
        }
        Random rnd = new Random(1);
        long batchNs = 0;
        long stepNs = 0;
        long normNs = 0;
        AdamOptimizer adam = new AdamOptimizer(net.parameters().flat());
        for (int it = 0; it < n; it++) {
            try (var ws = ComputeSettings.stepWorkspace("step-timing")) {
                long t0 = System.nanoTime();
                Batch ph = input.batch(rows, null, rnd).withNoise(Nd4j.randn(DataType.FLOAT, rows.length, net.config().zDim()),
                        Nd4j.randn(DataType.FLOAT, rows.length, net.config().wDim()));
                long t1 = System.nanoTime();
                GmvaeModule.LossAndGradients og = net.lossAndGradients(ph, 1.0, 10, true);
                long t2 = System.nanoTime();
                double norm = adam.loadGradient(og.gradients().flat());
                adam.apply(norm, 1e-6, 0);
                long t3 = System.nanoTime();
                if (it >= 10) {
                    batchNs += t1 - t0;
                    stepNs += t2 - t1;
                    normNs += t3 - t2;
                }
            }
        }
        double k = (n - 10) * 1e6;
        System.out.printf(Locale.ROOT, "batch %.2f ms, forward+backward %.2f ms, norm + Adam %.2f ms (%d parameters)%n",
                batchNs / k, stepNs / k, normNs / k, net.parameters().flat().length());
    }
}
