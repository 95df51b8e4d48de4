package org.scgmvae.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the Spark tests share: a local[2] session without UI, and the real Kang control cells they run on. */
final class LocalSpark {

    private LocalSpark() {
    }

    /** A local[2] session (two executor threads, as on CI's two cores); each test class stops it when done. */
    static SparkSession start(String app) {
        return SparkSession.builder().master("local[2]").appName(app).config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    /** The real Kang control counts of ../shared/data (the tests are skipped where the file is absent). */
    static Path kangControl() {
        Path kang = Path.of(System.getProperty("scgmvae.sharedData", "../shared/data")).resolve("kang_ctrl_muscat.h5ad");
        Assumptions.assumeTrue(Files.isRegularFile(kang), "the real data set " + kang + " is not present");
        return kang;
    }

    /** What an entry point returned and wrote to stderr. */
    record Said(int code, String err) {
    }

    /** Runs the entry point, keeping what it wrote to stderr (its error sentence, warnings and notes). */
    static Said run(String... args) {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = ScGmvaeSpark.execute(args);
            return new Said(code, said.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }
}
