package org.scgmvae.bench;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.nn.ComputeSettings;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.GeneStats;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.EpochReport;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Java half of the DL4J-vs-PyTorch speed comparison ({@code benchmarks/compare_pytorch.sh}):
 * {@code prepare FILE} writes 4,000 preprocessed simulated cells x 2,000 genes as .h5ad; {@code prepare FILE SOURCE.h5ad} writes
 * a Kang-like data set (cell types, two conditions; columns found as by {@link SingleCellBenchmarks}) preprocessed to its 2,000
 * most variable genes instead, its conditions in obs column {@code condition} ({@code -Dscgmvae.condition=COL}: any column as
 * the condition, e.g. the donors of Kang's control-only file, with the file's own input route);
 * {@code train FILE EPOCHS} trains the default cGMVAE (no warm-up, no validation) and prints seconds per epoch and the encode
 * throughput (posterior means of z and w for all cells: the first pass, and the median pass after a second of warm-up).
 */
public final class EpochTiming {

    private static final int ENCODE_PASSES = 5;

    private EpochTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("prepare")) {
            AnnData x;
            String condition = System.getProperty("scgmvae.condition");
            if (args.length > 2 && condition != null) {
                // any condition column (e.g. the donors of Kang's control-only file): the file's own input kind and route
                AnnData cells = new H5adReader().read(Path.of(args[2]));
                InputKind.Route route = InputKind.AUTO.resolve(cells, InputKind.DEFAULT_TOP_GENES);
                x = FittedPreprocessing.fit(cells, route.config()).transformed();
                x = x.withObs(DataFrame.ofIndex(x.cellNames()).withColumn("condition", x.obs().categorical(condition)));
            } else if (args.length > 2) {
                SingleCellBenchmarks.CellData d = SingleCellBenchmarks.describe("kang", "Kang", new H5adReader().read(Path.of(args[2])), true, false);
                x = FittedPreprocessing.fit(d.cells(), d.preprocess().withNTopGenes(2000)).transformed();
                x = x.withObs(DataFrame.ofIndex(x.cellNames()).withColumn("condition", x.obs().categorical(d.conditionColumn())));
            } else {
                AnnData raw = SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(4000, 2000));
                x = FittedPreprocessing.fit(raw, PreprocessConfig.defaults().withNTopGenes(2000)).transformed();
            }
            H5adWriter.write(new AnnData(x.x(), x.obs(), x.var()), file, true);
            System.out.println("wrote " + x.nCells() + " x " + x.nGenes() + " to " + file + " (" + Files.size(file) / 1_000_000 + " MB)");
            return;
        }
        int epochs = Integer.parseInt(args[2]);
        AnnData data = new H5adReader().read(file);
        TrainingRequest req = TrainingRequest.of(data).withPreprocess(null).withConditions("condition")
                .withArchitecture(ArchitectureOptions.defaults().withComponents(20))
                .withTraining(TrainingConfig.defaults().withEpochs(epochs).withWarmup(0).withValidation(0, 0).withLrDecay(1.0));
        ModelTrainer.Outcome out = ModelTrainer.train(req, TrainingListener.NONE, CancellationToken.NEVER);
        // mean and median over the epochs after the first, as the PyTorch side reports them; the first epochs also
        // carry the JIT's warm-up, so the median is the steady state and robust to a busy machine's outliers
        double[] seconds = out.result().history().stream().skip(1).mapToDouble(EpochReport::seconds).toArray();
        double s = Arrays.stream(seconds).average().orElse(Double.NaN);
        double median = GeneStats.median(seconds);
        InferenceInput in = InferenceInput.prepare(out.model(), data, null, null);
        // encoding on the default number of inference threads (the processors), and on one thread for the like-for-like figure
        int threads = ComputeSettings.inferenceThreads();
        double[] enc = encodeThroughput(out, in, data.nCells());
        ComputeSettings.setInferenceThreads(1);
        double[] enc1 = encodeThroughput(out, in, data.nCells());
        ComputeSettings.setInferenceThreads(threads);
        System.out.println("  blas of dl4j/nd4j: " + org.scgmvae.core.nn.BlasInfo.describe());
        System.out.printf(Locale.ROOT, "dl4j/nd4j threads=%s s/epoch=%.3f median_s/epoch=%.3f encode_cells_per_s=%.0f encode_threads=%d"
                        + " encode_1thread_cells_per_s=%.0f encode_first_pass_cells_per_s=%.0f last_loss=%.3f%n",
                System.getProperty("scgmvae.threads", "1"), s, median, enc[0], threads, enc1[0], enc[1], out.result().last().trainLoss());
    }

    /**
     * Cells per second of the posterior means for all cells, as the PyTorch side measures them: the first pass on its own
     * (cold: the JIT has not compiled the encode path yet), then the median pass after passes for a second of warm-up,
     * over passes for at least two seconds (the throughput of a long encode, where the first pass no longer counts).
     */
    private static double[] encodeThroughput(ModelTrainer.Outcome out, InferenceInput in, int cells) {
        long t0 = System.nanoTime();
        LatentEncoder.encode(out.model(), in.input(), false, 1);
        double first = cells / ((System.nanoTime() - t0) / 1e9);
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            LatentEncoder.encode(out.model(), in.input(), false, 1);
        }
        java.util.List<Double> passes = new java.util.ArrayList<>();
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end || passes.size() < ENCODE_PASSES) {
            long p0 = System.nanoTime();
            LatentEncoder.encode(out.model(), in.input(), false, 1);
            passes.add((System.nanoTime() - p0) / 1e9);
        }
        return new double[] {cells / GeneStats.median(passes.stream().mapToDouble(Double::doubleValue).toArray()), first};
    }
}
