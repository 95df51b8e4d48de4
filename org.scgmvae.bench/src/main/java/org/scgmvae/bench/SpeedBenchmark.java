package org.scgmvae.bench;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.EpochReport;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;

import java.util.Locale;

/**
 * Training and encoding speed of the default cGMVAE (batch 128, K=20, hidden 256/128) on
 * simulated counts, for several gene counts. Prints seconds per epoch, milliseconds per
 * mini-batch step and encode throughput. Not a test: run it with
 * {@code java -cp org.scgmvae.core/target/scgmvae.jar org.scgmvae.bench.SpeedBenchmark [cells] [epochs]}.
 */
public final class SpeedBenchmark {

    private SpeedBenchmark() {
    }

    public static void main(String[] args) {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.printf(Locale.ROOT, "cGMVAE speed, %d cells, batch 128, K=20, %d epochs (first epoch discarded as warm-up), threads=%s%n",
                cells, epochs, System.getProperty("scgmvae.threads", "1"));
        System.out.println("genes | s/epoch | ms/step | encode cells/s");
        for (int genes : new int[] {500, 2000}) {
            AnnData data = SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(cells, genes));
            TrainingRequest req = TrainingRequest.of(data).withConditions("condition")
                    .withPreprocess(TrainingRequest.of(data).preprocess().withNTopGenes(genes))
                    .withTraining(TrainingConfig.defaults().withEpochs(epochs).withValidation(0, 0));
            ModelTrainer.Outcome out = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
            double seconds = out.result().history().stream().skip(1).mapToDouble(EpochReport::seconds).average().orElse(Double.NaN);
            int steps = (cells + 127) / 128;
            InferenceInput in = InferenceInput.prepare(out.model(), data, null, null);
            LatentEncoder.encode(out.model(), in.input(), false, 1);
            long t0 = System.nanoTime();
            LatentEncoder.encode(out.model(), in.input(), false, 1);
            double encodeRate = cells / ((System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "%5d | %7.2f | %7.1f | %14.0f%n", out.model().config().nFeatures(), seconds,
                    seconds * 1000 / steps, encodeRate);
        }
    }
}
