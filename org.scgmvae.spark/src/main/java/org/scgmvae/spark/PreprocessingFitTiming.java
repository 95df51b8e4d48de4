package org.scgmvae.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.task.Progress;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Time of fitting the preprocessing of a file's cells: streaming passes on this machine (what {@code train --on-disk} does)
 * next to Spark aggregations in local mode (what data-parallel training does), and whether the two agree.
 *
 * <p>{@code java <spark.opens> -cp scgmvae-spark.jar:<classpath> org.scgmvae.spark.PreprocessingFitTiming FILE.h5ad MASTER}
 */
public final class PreprocessingFitTiming {

    private PreprocessingFitTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        SparkSession spark = SparkSession.builder().master(args.length > 1 ? args[1] : "local[2]").appName("preprocessing fit")
                .config("spark.ui.enabled", "false").getOrCreate();
        try (H5adCellBlocks cells = H5adCellBlocks.open(file, ReadOptions.defaults())) {
            AnnData data = cells.onDisk(4096);
            PreprocessConfig cfg = InputKind.AUTO.resolve(data, InputKind.DEFAULT_TOP_GENES).config();
            long t0 = System.nanoTime();
            FittedPreprocessing here = FittedPreprocessing.fit(data, cfg).preprocessing();
            double local = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            SparkStatisticsPasses passes = new SparkStatisticsPasses(JavaSparkContext.fromSparkContext(spark.sparkContext()), file,
                    ReadOptions.defaults(), DataParallelTraining.STATISTICS_BLOCK_CELLS);
            FittedPreprocessing there = FittedPreprocessing.fit(data, cfg, passes, Progress.NONE).preprocessing();
            double distributed = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%,d cells x %,d genes: one machine, streaming passes %.1f s; Spark %s aggregations %.1f s;"
                    + " same genes %s, same target %s%n", data.nCells(), data.nGenes(), local, spark.sparkContext().master(), distributed,
                    Arrays.equals(here.selectedGenes(), there.selectedGenes()), here.targetSum().equals(there.targetSum()));
        } finally {
            spark.stop();
        }
    }
}
