package org.scgmvae.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.infer.CellGenerator;
import org.scgmvae.core.infer.ConditionFlipper;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.core.infer.OutputUnits;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.EpochReport;
import org.scgmvae.core.train.LeidenGuide;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The spark-submit entry point: {@code predict}, {@code encode} or {@code flip} over many {@code .h5ad} files, results as Parquet in
 * the output folder (one row per cell) and, with {@code --h5ad}, one {@code .h5ad} per input file as the single-machine
 * commands write it (without X).
 *
 * <pre>
 * spark-submit --class org.scgmvae.spark.ScGmvaeSpark --jars "$(ls org.scgmvae.spark/target/lib/*.jar | tr '\n' ,)" \
 *     org.scgmvae.spark/target/scgmvae-spark.jar predict -m model.scgmvae -o results/ /shared/cells/*.h5ad
 * </pre>
 */
@Command(name = "scgmvae-spark", mixinStandardHelpOptions = true, subcommands = {ScGmvaeSpark.Train.class, ScGmvaeSpark.Predict.class, ScGmvaeSpark.Encode.class, ScGmvaeSpark.Flip.class,
        ScGmvaeSpark.Generate.class, ScGmvaeSpark.ToParquet.class, ScGmvaeSpark.FromParquet.class},
        description = "Train a sc*GMVAE model data-parallel, or apply one to many .h5ad files, on a Spark cluster (the files on a file"
                + " system every executor reads).")
public final class ScGmvaeSpark {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The session of spark-submit, or one on {@code master} when given (local[N] without a cluster). */
    static SparkSession session(String app, String master) {
        if (master == null && System.getProperty("spark.master") == null && SparkSession.getActiveSession().isEmpty()) {
            // spark-submit sets spark.master; run directly, the command needs one
            throw new IllegalArgumentException("no Spark master: give --master (e.g. local[4]) or run the command with spark-submit");
        }
        SparkSession.Builder b = SparkSession.builder().appName(app);
        if (master != null) {
            b.master(master);
        }
        return b.getOrCreate();
    }

    /**
     * Whether {@code in} names a Parquet table rather than an .h5ad file: a location ending in .parquet, a URI, or a folder
     * without .h5ad files in it (Spark writes a table as a folder of part files).
     */
    static boolean isTable(String in) throws java.io.IOException {
        if (in.toLowerCase(java.util.Locale.ROOT).endsWith(".h5ad")) {
            if (isUri(in)) {
                throw new IllegalArgumentException(".h5ad files are read as files: give " + in + " as a path on the file system every"
                        + " executor reads, not as a URI");
            }
            return false;
        }
        if (in.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet") || isUri(in)) {
            return true;
        }
        Path p = Path.of(in);
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var listing = Files.list(p)) {
            if (listing.anyMatch(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".h5ad"))) {
                throw new IllegalArgumentException("input " + in + " is a folder of .h5ad files, not a Parquet table: give the .h5ad"
                        + " file(s) themselves");
            }
        }
        return true;
    }

    /** Whether {@code in} is a URI such as s3a://bucket/cells.parquet (kept as given, not read as a local path). */
    static boolean isUri(String in) {
        return in.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*");
    }

    /** Where Spark reads the table {@code in}: a URI as given, a path made absolute; a path that does not exist is refused. */
    static String tableLocation(String in) {
        if (isUri(in)) {
            return in;
        }
        if (!Files.exists(Path.of(in))) {
            throw new IllegalArgumentException("input table not found: " + in);
        }
        return Path.of(in).toAbsolutePath().toString();
    }

    /**
     * The same file given twice would give its cells twice, in the results or in a table: refused (by the file system's
     * identity, so a link or a relative path is the same file).
     */
    static void requireEachOnce(List<Path> files, String into) throws java.io.IOException {
        java.util.Map<Path, Path> seen = new java.util.HashMap<>();
        for (Path f : files) {
            Path before = seen.put(f.toRealPath(), f);
            if (before != null) {
                throw new IllegalArgumentException("input " + f + " is given twice" + (before.equals(f) ? "" : " (also as " + before + ")")
                        + ": its cells would be in the " + into + " twice");
            }
        }
    }

    /** An output in (or at) the input table would replace it or be read as part of it: refused. */
    static void requireOutsideTable(Path out, String option, String table) {
        if (!isUri(table) && out.toAbsolutePath().normalize().startsWith(Path.of(table).toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(option + " is the input table " + table + " or inside it: choose a place outside it");
        }
    }

    /** Runs one command; 0 on success, 1 on a user error (one line on stderr), 2 on a usage error. */
    public static int execute(String... args) {
        return new CommandLine(new ScGmvaeSpark())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + userMessage(e));
                    return 1;
                })
                .execute(args);
    }

    /** Options of both commands. */
    abstract static class Job implements Callable<Integer> {
        @Option(names = {"-m", "--model"}, required = true, description = "Model file written by 'scgmvae train'.")
        Path model;

        @Option(names = {"-o", "--output"}, required = true, description = "Output folder: a Parquet table of the results (and, with"
                + " --h5ad, one .h5ad per input file).")
        Path output;

        @Option(names = "--condition", paramLabel = "COL", description = "obs column with the cells' conditions (default: the model's).")
        String condition;

        @Option(names = "--block-cells", paramLabel = "N", description = "Cells per task (default ${DEFAULT-VALUE}).")
        int blockCells = 8192;

        @Option(names = "--h5ad", description = "Also write <input name>_<command>.h5ad per input file: obs with the results, obsm.")
        boolean h5ad;

        @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[4] (default: spark-submit's).")
        String master;

        @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Input .h5ad files, or one table of cells in Parquet (a .parquet"
                + " file or folder: columns 'cell', 'values' with the genes in its metadata, optionally 'indices' for sparse cells,"
                + " annotations as further columns; 'to-parquet' writes it).")
        List<String> inputs;

        /** The .h5ad inputs as paths (a Parquet table is kept as the location given: it may be a URI such as s3a://). */
        List<Path> files;

        /** The Parquet table's location (absolute, or the URI given), null when the inputs are .h5ad files; set once by call(). */
        String table;

        abstract String name();

        /** The column of the cells' own labels the command reads (flip's --labels), or null. */
        String labelColumn() {
            return null;
        }

        /**
         * Whether the input is a Parquet table rather than .h5ad files: one location ending in .parquet, a URI, or a folder
         * without .h5ad files in it (Spark writes a table as a folder of part files).
         */
        boolean parquetInput() throws java.io.IOException {
            return inputs.size() == 1 && isTable(inputs.get(0));
        }

        /** Cells the driver prepares up front to say what the model's preprocessing notices (units, cells without counts). */
        static final int CHECKED_CELLS = 2000;

        /** The warnings of the model's preprocessing on the first cells of the input (the first file, or the table's first rows). */
        List<String> firstCellsWarnings(SparkSession spark, TrainedModel m) throws java.io.IOException {
            org.scgmvae.core.data.AnnData first;
            if (table != null) {
                Dataset<Row> cells = spark.read().parquet(table);
                List<Row> rows = cells.limit(CHECKED_CELLS).collectAsList();
                if (rows.isEmpty()) {
                    return List.of();
                }
                first = ParquetCells.block(rows, ParquetCells.layout(cells.schema(), table), table);
            } else {
                try (H5adCellBlocks blocks = H5adCellBlocks.open(files.get(0), ReadOptions.defaults())) {
                    if (blocks.nCells() == 0) {
                        return List.of();
                    }
                    first = blocks.block(0, Math.min(blocks.nCells(), CHECKED_CELLS));
                }
            }
            org.scgmvae.core.infer.InferenceInput in = org.scgmvae.core.infer.InferenceInput.prepare(m, first, condition, labelColumn());
            List<String> warnings = new java.util.ArrayList<>(in.warnings());
            if (table != null && in.alignment() != null && !in.alignment().missing().isEmpty()) {
                warnings.add(in.alignment().summary());
            }
            return warnings;
        }

        /**
         * Each .h5ad file's genes against the model's (read from the files' var, not their cells), as the single-machine
         * commands say it: missing genes are filled with zeros, so a file without some of them is named.
         */
        void warnAboutMissingGenes(TrainedModel m) throws java.io.IOException {
            if (m.preprocessing() == null) {
                return;
            }
            for (Path f : files) {
                try (H5adCellBlocks cells = H5adCellBlocks.open(f, ReadOptions.defaults())) {
                    // the cells' annotations hold no values: aligning them costs their names only
                    var report = org.scgmvae.core.preprocess.GeneAligner.align(cells.annotations(), m.preprocessing().inputGenes()).report();
                    org.scgmvae.core.preprocess.GeneAligner.requireModelGenes(report, m.preprocessing().selectedGenes());
                    if (!report.missing().isEmpty()) {
                        System.err.println("warning: " + f.getFileName() + ": " + report.summary());
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(f.getFileName() + ": " + e.getMessage(), e);
                }
            }
        }

        /** The name of an input's --h5ad output before _<command>.h5ad: the file name without .h5ad. */
        static String outputBase(Path f) {
            return f.getFileName().toString().replaceFirst("(?i)\\.h5ad$", "");
        }

        /**
         * The same file given twice would give its cells twice, and two files of one name would write one .h5ad over the
         * other: both refused before any work.
         */
        void requireDistinctFiles() throws java.io.IOException {
            requireEachOnce(files, "results");
            java.util.Map<String, Path> names = new java.util.HashMap<>();
            for (Path f : files) {
                Path clash = names.put(outputBase(f).toLowerCase(java.util.Locale.ROOT), f);
                if (h5ad && clash != null) {
                    throw new IllegalArgumentException("inputs " + clash + " and " + f + " have the same name: --h5ad writes <name>_" + name()
                            + ".h5ad per input into one folder, so one would replace the other; run them into separate -o folders");
                }
            }
        }

        /** The cells to run: the .h5ad files' blocks, or the Parquet table's rows. */
        SparkInference.CellSource cells(SparkSession spark) throws java.io.IOException {
            if (table != null) {
                return SparkInference.table(spark.read().parquet(table), table, blockCells);
            }
            return SparkInference.h5adFiles(files, blockCells);
        }

        abstract Dataset<Row> results(SparkSession spark, TrainedModel m) throws Exception;

        abstract void writeH5ad(H5adCellBlocks cells, List<Row> rows, TrainedModel m, Path out) throws Exception;

        /** What an output annotating an input file's cells carries over from it (uns, obsp, varm, varp; no expression). */
        static org.scgmvae.core.io.h5ad.CarriedGroups carried(H5adCellBlocks cells) {
            return org.scgmvae.core.io.h5ad.CarriedGroups.from(cells.path(), ReadOptions.defaults(), note -> System.err.println("note: " + note))
                    .withoutExpression();
        }

        @Override
        public Integer call() throws Exception {
            long called = System.nanoTime();
            files = inputs.stream().map(Path::of).toList();
            table = !parquetInput() ? null : tableLocation(inputs.get(0));
            if (table != null) {
                if (h5ad) {
                    throw new IllegalArgumentException("--h5ad writes one .h5ad per input .h5ad file; the input is a Parquet table (its"
                            + " results are the Parquet output)");
                }
                requireOutsideTable(output, "-o/--output", inputs.get(0));
            } else {
                for (Path f : files) {
                    if (!Files.isRegularFile(f)) {
                        throw new IllegalArgumentException(Files.isDirectory(f) ? "input " + f + " is a folder: give .h5ad files, or one"
                                + " Parquet table" : "input file not found: " + f);
                    }
                }
            }
            if (table == null) {
                requireDistinctFiles();
            }
            if (Files.exists(output) && !Files.isDirectory(output)) {
                throw new IllegalArgumentException("-o/--output names a file; give a folder: " + output);
            }
            TrainedModel m = ModelFile.load(model);
            if (condition != null && !m.config().conditional()) {
                System.err.println("warning: --condition '" + condition + "' is ignored: the model is a GMVAE without conditions");
            }
            if (table == null) {
                warnAboutMissingGenes(m);
            }
            SparkSession spark = session("scgmvae " + name(), master);
            // the tasks' cells are checked where they run; what the preprocessing notices (and a missing column) is found here,
            // on the first cells, before any task
            for (String w : firstCellsWarnings(spark, m)) {
                System.err.println("warning: " + w + " (seen in the first " + CHECKED_CELLS + " cells)");
            }
            long t0 = System.nanoTime();
            Dataset<Row> results = results(spark, m).cache();
            Path written = output.resolve(name() + ".parquet");
            if (Files.exists(written)) {
                System.err.println("note: replacing the earlier results " + written);
            }
            results.write().mode(SaveMode.Overwrite).parquet(written.toString());
            long n = results.count();
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "%d cells of %s written to %s in %.1f s (%.0f cells/s, %d task slots; %.1f s with"
                            + " Spark's start and the checks)%n", n, table != null ? "the Parquet table" : files.size() + " file(s)", written, s,
                    n / s, spark.sparkContext().defaultParallelism(), (System.nanoTime() - called) / 1e9);
            if (h5ad) {
                for (Path f : files) {
                    String abs = f.toAbsolutePath().toString();
                    List<Row> rows = results.filter(results.col("file").equalTo(abs)).orderBy("row").collectAsList();
                    Path out = output.resolve(outputBase(f) + "_" + name() + ".h5ad");
                    if (Files.exists(out)) {
                        System.err.println("note: replacing the earlier " + out);
                    }
                    try (H5adCellBlocks cells = H5adCellBlocks.open(f, ReadOptions.defaults())) {
                        writeH5ad(cells, rows, m, out);
                    }
                    System.out.println("  " + out);
                }
            }
            results.unpersist();
            return 0;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Synthetic cells as 'scgmvae generate' makes them (N draws"
            + " of w, each decoded into every component and condition), the draws shared among tasks: a Parquet table generate.parquet"
            + " in the output folder (cell, component, label, condition, sample, values with the genes in the column's metadata; the"
            + " same cells as one machine's generation with the same seed, --sample-z too).")
    static final class Generate implements Callable<Integer> {
        @Option(names = {"-m", "--model"}, required = true, description = "Model file written by 'scgmvae train'.")
        Path model;

        @Option(names = {"-o", "--output"}, required = true, description = "Output folder for the Parquet table.")
        Path output;

        @Option(names = {"-n", "--samples"}, description = "Draws of w (default ${DEFAULT-VALUE}).")
        int samples = 10;

        @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed = 42;

        @Option(names = "--units", description = "EXPRESSION (log-normalised, as real cells) or MODEL (the decoder's own values)"
                + " (default ${DEFAULT-VALUE}).")
        OutputUnits units = OutputUnits.EXPRESSION;

        @Option(names = "--w-from", description = "CELLS (a Gaussian fitted to the w of each component's training cells) or PRIOR"
                + " (p(w)) (default ${DEFAULT-VALUE}).")
        CellGenerator.StyleSource wFrom = CellGenerator.StyleSource.CELLS;

        @Option(names = "--sample-z", description = "Draw z from each component instead of taking its mean (as 'scgmvae generate"
                + " --sample-z': every task walks the seed's stream and keeps its draws' rows).")
        boolean sampleZ;

        @Option(names = "--shares", description = "Tasks the draws are shared among (default 0: Spark's default parallelism).")
        int shares;

        @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[4] (default: spark-submit's).")
        String master;

        @Override
        public Integer call() throws Exception {
            if (shares < 0) {
                throw new IllegalArgumentException("--shares must be at least 1 (or 0 for Spark's default parallelism), got " + shares);
            }
            if (Files.exists(output) && !Files.isDirectory(output)) {
                throw new IllegalArgumentException("-o/--output names a file; give a folder: " + output);
            }
            TrainedModel m = ModelFile.load(model);
            SparkSession spark = session("scgmvae generate", master);
            long t0 = System.nanoTime();
            int n = shares > 0 ? shares : spark.sparkContext().defaultParallelism();
            Dataset<Row> cells = SparkInference.generate(spark, m, samples, sampleZ, seed, units, wFrom, n).cache();
            Path table = output.resolve("generate.parquet");
            cells.write().mode(SaveMode.Overwrite).parquet(table.toString());
            System.out.printf(java.util.Locale.ROOT, "%d generated cells (%s) written to %s in %.1f s (%d shares)%n", cells.count(),
                    units.describe(m, false), table, (System.nanoTime() - t0) / 1e9, Math.min(n, samples));
            cells.unpersist();
            return 0;
        }
    }

    @Command(name = "to-parquet", mixinStandardHelpOptions = true, description = "Write the cells of .h5ad files as one Parquet table:"
            + " a row per cell with 'cell', the text, category and number annotations, 'indices' and 'values' (the non-zero values of X and"
            + " their genes, which the column's metadata names). predict, encode and flip read such a table as their input.")
    static final class ToParquet implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, required = true, description = "The table to write (a Parquet folder, e.g. cells.parquet).")
        Path output;

        @Option(names = "--block-cells", paramLabel = "N", description = "Cells per task (default ${DEFAULT-VALUE}).")
        int blockCells = 8192;

        @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[4] (default: spark-submit's).")
        String master;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Input .h5ad files (the same genes in the same order).")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new IllegalArgumentException("input file not found: " + f);
                }
                if (f.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException("-o/--output names an input file: " + output);
                }
            }
            if (Files.exists(output)) {
                throw new IllegalArgumentException("-o/--output exists already: " + output + " (choose a new name; nothing is overwritten)");
            }
            requireEachOnce(files, "table");
            // one pass over the files' annotations on the driver: repeated cell names, and the first file's renamed columns
            java.util.Set<String> names = new java.util.HashSet<>();
            List<String> firstColumns = new java.util.ArrayList<>();
            long repeated = 0;
            String example = null;
            for (Path f : files) {
                try (H5adCellBlocks cells = H5adCellBlocks.open(f, ReadOptions.defaults())) {
                    for (String name : cells.annotations().cellNames()) {
                        if (!names.add(name)) {
                            repeated++;
                            example = example == null ? name : example;
                        }
                    }
                    if (f == files.get(0)) {
                        firstColumns.addAll(cells.annotations().obs().columnNames());
                        for (String c : cells.annotations().obs().columnNames()) {
                            if (!ParquetCells.tableName(c).equals(c)) {
                                System.err.println("note: obs column '" + c + "' is written as '" + ParquetCells.tableName(c) + "' (the"
                                        + " table's own '" + c + "' column holds the cells' " + (c.equals(ParquetCells.CELL) ? "names"
                                        : c.equals(ParquetCells.SOURCE) ? "files" : "values") + ")");
                            }
                        }
                    }
                }
            }
            if (repeated > 0) {
                System.err.println("warning: " + repeated + " cell names occur more than once (e.g. '" + example + "'); the table's '"
                        + ParquetCells.SOURCE + "' column and the results' row numbers tell such cells apart");
            }
            SparkSession spark = session("scgmvae to-parquet", master);
            long t0 = System.nanoTime();
            Dataset<Row> cells = ParquetCells.fromH5ad(spark, files, blockCells);
            List<String> written = List.of(cells.columns());
            List<String> left = firstColumns.stream().filter(c -> !written.contains(ParquetCells.tableName(c))).toList();
            if (!left.isEmpty()) {
                System.err.println("note: obs column(s) " + left + " are not written: a table keeps the text, category and number"
                        + " annotations that every file has, as the same kind");
            }
            cells.write().parquet(output.toString());
            System.out.printf(java.util.Locale.ROOT, "%d file(s) written as the table %s in %.1f s%n", files.size(), output,
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    @Command(name = "from-parquet", mixinStandardHelpOptions = true, description = "Write a Parquet table of cells (as 'to-parquet'"
            + " writes it, or the rows of a flip) as one .h5ad file for 'scgmvae' on one machine, scanpy or 'train': X as a CSR"
            + " matrix, text columns as categories (sorted, as pandas makes them), number columns as numbers, in the table's read"
            + " order. The cells pass through the driver a block at a time (the table is read three times), never all at once.")
    static final class FromParquet implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, required = true, description = "The .h5ad file to write (nothing is overwritten).")
        Path output;

        @Option(names = "--block-cells", paramLabel = "N", description = "Cells per block on the driver (default ${DEFAULT-VALUE}).")
        int blockCells = ParquetToH5ad.BLOCK_CELLS;

        @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[4] (default: spark-submit's).")
        String master;

        @Parameters(arity = "1", paramLabel = "TABLE", description = "The table: a .parquet file or folder, or a URI Spark reads.")
        String table;

        @Override
        public Integer call() throws Exception {
            String location = tableLocation(table);
            if (!isTable(table)) {
                throw new IllegalArgumentException(table + " is not a Parquet table (a .parquet file or folder, or a URI)");
            }
            if (!output.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".h5ad")) {
                throw new IllegalArgumentException("-o/--output should name an .h5ad file, not " + output);
            }
            if (Files.exists(output)) {
                throw new IllegalArgumentException("-o/--output exists already: " + output + " (choose a new name; nothing is overwritten)");
            }
            SparkSession spark = session("scgmvae from-parquet", master);
            long t0 = System.nanoTime();
            ParquetToH5ad.Written w = ParquetToH5ad.write(spark, location, output,
                    blockCells);
            System.out.printf(java.util.Locale.ROOT, "%d cells x %d genes (%d stored values) written to %s in %.1f s%n", w.cells(),
                    w.genes(), w.storedValues(), output, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Data-parallel training on one .h5ad file or a Parquet table"
            + " of cells: each partition trains on its share of the cells, the driver averages the parameters --rounds times per epoch;"
            + " the preprocessing statistics are Spark aggregations over the file's blocks and the final encoding runs on the executors;"
            + " the split, early stopping and Leiden's guidance run on the driver, reading the file a block at a time. Writes the same model file as"
            + " 'scgmvae train'; every other setting is that command's default.")
    static final class Train implements Callable<Integer> {
        @Option(names = {"-i", "--input"}, required = true, description = "Cells: one .h5ad file that every executor can read, or a"
                + " Parquet table of cells (as 'to-parquet' writes it; first written as an .h5ad, see --cells-file).")
        String input;

        @Option(names = "--cells-file", paramLabel = "FILE", description = "With a Parquet table as the input: the .h5ad the table's"
                + " cells are written to, on a file system every executor reads, and kept (default: <model>.cells.h5ad beside -o,"
                + " deleted after training).")
        Path cellsFile;

        @Option(names = {"-o", "--output"}, required = true, description = "Model file to write (e.g. model.scgmvae).")
        Path output;

        @Option(names = "--labels", paramLabel = "COL", description = "obs column with labels (missing values = unlabelled cells).")
        String labels;

        @Option(names = "--condition", paramLabel = "COL", description = "obs column with the condition: trains a cGMVAE.")
        String condition;

        @Option(names = "--guided", paramLabel = "COL", description = "As 'scgmvae train': without --labels, Leiden guidance by default"
                + " (Leiden's K clusters computed on the driver, on at most --guide-cells cells); 'none' for the plain unsupervised GMVAE;"
                + " an obs column for another clusterer's labels.")
        String guided;

        @Option(names = "--guided-epochs", description = "Epochs of the guided phase (default ${DEFAULT-VALUE}), before the --epochs of"
                + " the unsupervised phase: a guided run trains for up to both; its validation accuracy is the agreement with the"
                + " guiding clusters.")
        int guidedEpochs = TrainingRequest.DEFAULT_GUIDED_EPOCHS;

        @Option(names = "--guide-cells", description = "The most cells Leiden clusters for guided training; above it a seeded sample of"
                + " this many guides, the other cells train unsupervised in the guided phase. Default ${DEFAULT-VALUE}; Leiden runs on"
                + " the driver.")
        int guideCells = LeidenGuide.DEFAULT_MAX_CELLS;

        @Option(names = "--evaluate", paramLabel = "COL", description = "obs column with known labels used only to name the components"
                + " and report the training-set accuracy (without --labels).")
        String evaluate;

        @Option(names = {"-k", "--components"}, description = "Mixture components (default: number of labels, else 20, Leiden-guided"
                + " unless --guided none).")
        int components;

        @Option(names = {"-e", "--epochs"}, description = "Maximum epochs (default ${DEFAULT-VALUE}).")
        int epochs = TrainingConfig.defaults().epochs();

        @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed = TrainingConfig.defaults().seed();

        @Option(names = "--partitions", description = "Shares of the cells, one task each (default: Spark's default parallelism).")
        int partitions;

        @Option(names = "--rounds", description = "Parameter averages per epoch (default ${DEFAULT-VALUE}).")
        int rounds = 4;

        @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[4].")
        String master;

        @Override
        public Integer call() throws Exception {
            boolean table = isTable(input);
            Path file = table ? cellsFile != null ? cellsFile : cellsBeside(output) : Path.of(input);
            String location = table ? tableLocation(input) : null;
            if (table) {
                requireOutsideTable(output, "-o/--output", input);
                requireOutsideTable(file, cellsFile != null ? "--cells-file" : "the cells file beside the model", input);
                if (Files.exists(file)) {
                    throw new IllegalArgumentException(cellsFile != null ? "--cells-file exists already: " + file + " (train on it with -i,"
                            + " or choose a new name; nothing is overwritten)" : "the cells file beside the model, " + file + ", exists"
                            + " already (kept by an earlier run?): train on it with -i, or give --cells-file another name; nothing is"
                            + " overwritten");
                }
                org.scgmvae.core.io.OutputPaths.checkDistinct(output, "-o/--output", file, "--cells-file");
            } else {
                if (cellsFile != null) {
                    throw new IllegalArgumentException("--cells-file is for a Parquet table as the input; " + input + " is read as it is");
                }
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("input file not found: " + input);
                }
            }
            org.scgmvae.core.io.OutputPaths.check(output, "-o/--output", org.scgmvae.core.io.OutputPaths.Kind.FILE, file);
            // the ranges the request checks, before Spark starts and a table is converted
            org.scgmvae.core.options.UserOptions.GUIDED_EPOCHS.check(guidedEpochs, "--guided-epochs");
            org.scgmvae.core.options.UserOptions.GUIDE_CELLS.check(guideCells, "--guide-cells");
            if (!table) {
                try (H5adCellBlocks cells = H5adCellBlocks.open(file, ReadOptions.defaults())) {
                    requireColumns(cells.annotations().obs().columnNames());
                }
            }
            SparkSession spark = session("scgmvae train", master);
            int p = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
            if (!table) {
                return train(spark, file, p);
            }
            // the table's columns as the written file will name them, before minutes of conversion
            requireColumns(ParquetToH5ad.obsNames(ParquetCells.layout(spark.read().parquet(location).schema(), location).obs()));
            boolean delete = cellsFile == null;
            // Ctrl-C ends the JVM without the finally below: a hook removes the converted cells then too
            Thread cleanup = new Thread(() -> deleteQuietly(file));
            if (delete) {
                Runtime.getRuntime().addShutdownHook(cleanup);
            }
            try {
                long t0 = System.nanoTime();
                ParquetToH5ad.Written w = ParquetToH5ad.write(spark, location, file, ParquetToH5ad.BLOCK_CELLS);
                System.err.printf(java.util.Locale.ROOT, "the table's %d cells x %d genes written to %s for the executors in %.1f s%s%n",
                        w.cells(), w.genes(), file, (System.nanoTime() - t0) / 1e9, delete ? " (deleted after training)" : "");
                return train(spark, file, p);
            } finally {
                if (delete) {
                    deleteQuietly(file);
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                }
            }
        }

        /** Deletes the converted cells; a failure is a warning, not an error that would hide the run's own outcome. */
        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                System.err.println("warning: could not delete " + file + ": " + e.getMessage());
            }
        }

        /** A misspelt column is named before any long work (the file's obs, or the table's annotation columns). */
        private void requireColumns(List<String> available) {
            boolean guidedByColumn = guided != null && !guided.equals(TrainingRequest.UNGUIDED) && !guided.equals(ModelTrainer.LEIDEN);
            for (String col : new String[] {labels, condition, evaluate, guidedByColumn ? guided : null}) {
                if (col != null && !available.contains(col)) {
                    throw new IllegalArgumentException("no column '" + col + "'; available: " + available);
                }
            }
        }

        /** The default --cells-file: beside the model, named after it. */
        static Path cellsBeside(Path model) {
            String name = model.getFileName().toString().replaceFirst("(?i)\\.scgmvae$", "");
            return model.toAbsolutePath().resolveSibling(name + ".cells.h5ad");
        }

        private int train(SparkSession spark, Path input, int p) throws Exception {
            try (H5adCellBlocks cells = H5adCellBlocks.open(input, ReadOptions.defaults())) {
                AnnData data = cells.onDisk(4096);
                InputKind.Route route = InputKind.AUTO.resolve(data, InputKind.DEFAULT_TOP_GENES);
                System.err.println(route.explanation());
                TrainingRequest req = TrainingRequest.of(data).withPreprocess(route.config()).withLabels(labels).withConditions(condition)
                        .withArchitecture(ArchitectureOptions.defaults().withComponents(components))
                        .withTraining(TrainingConfig.defaults().withEpochs(epochs).withSeed(seed))
                        .withEvaluation(evaluate).withGuidance(guided, guidedEpochs).withGuideCells(guideCells).withDefaultGuidance(); // the CLI's route
                if (req.guidanceByDefault()) {
                    System.err.println(req.defaultGuidanceNote() + "; Leiden runs on the driver");
                }
                ModelTrainer.Outcome out = ModelTrainer.train(req, new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport r) {
                        System.err.printf(java.util.Locale.ROOT, "epoch %d: loss %.3f, validation loss %.3f%s (%.1f s)%n", r.epoch(), r.trainLoss(),
                                r.validationLoss(), Double.isNaN(r.validationAccuracy()) ? "" : String.format(java.util.Locale.ROOT,
                                        ", validation accuracy %.4f", r.validationAccuracy()), r.seconds());
                    }

                    @Override
                    public void onNote(String message) {
                        System.err.println("note: " + message);
                    }

                    @Override
                    public void onWarning(String message) {
                        System.err.println("warning: " + message);
                    }
                }, CancellationToken.NEVER, DataParallelTraining.on(spark, input, p, rounds));
                ModelFile.save(out.model(), output);
                System.out.printf(java.util.Locale.ROOT, "trained %s %s on %d cells in %d partitions (%d averages per epoch): %d epochs (%s), best"
                                + " %d; %d of %d components used%n", out.model().config().conditional() ? "cGMVAE" : "GMVAE", out.modeName(),
                        data.nCells(), p, rounds, out.result().history().size(), out.result().stopReason(), out.result().bestEpoch(),
                        out.componentsUsed(), out.model().config().nComponents());
                if (!Double.isNaN(out.evaluationAccuracy())) {
                    System.out.printf(java.util.Locale.ROOT, labels != null ? "training-set accuracy: %.4f%n"
                            : "training-set accuracy (each component named by its majority label): %.4f%n", out.evaluationAccuracy());
                }
                System.out.println("model written to " + output);
            }
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, description = "q(y|z), the most probable component and its label per cell.")
    static final class Predict extends Job {
        @Override
        String name() {
            return "predict";
        }

        @Override
        Dataset<Row> results(SparkSession spark, TrainedModel m) throws Exception {
            return SparkInference.predict(spark, m, cells(spark), condition);
        }

        @Override
        void writeH5ad(H5adCellBlocks cells, List<Row> rows, TrainedModel m, Path out) throws Exception {
            int n = rows.size();
            float[][] probs = new float[n][];
            int[] comp = new int[n];
            String[] labels = new String[n];
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i);
                comp[i] = r.getInt(r.fieldIndex("component"));
                labels[i] = r.getString(r.fieldIndex("label"));
                probs[i] = floats(r.getList(r.fieldIndex("probabilities")));
            }
            AnnData a = ResultAnnotations.withPredictions(cells.annotations(), new Predictor.Predictions(probs, comp, labels), m);
            H5adWriter.writeCopying(cells, a.obs(), a.obsm(), out, false, blockCells, carried(cells)
                    .replacing(ResultAnnotations.PREDICTION_OBS));
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true, description = "z and w (posterior means) per cell.")
    static final class Encode extends Job {
        @Override
        String name() {
            return "encode";
        }

        @Override
        Dataset<Row> results(SparkSession spark, TrainedModel m) throws Exception {
            return SparkInference.encode(spark, m, cells(spark), condition);
        }

        @Override
        void writeH5ad(H5adCellBlocks cells, List<Row> rows, TrainedModel m, Path out) throws Exception {
            int n = rows.size();
            int dz = m.config().zDim();
            int dw = m.config().wDim();
            float[] z = new float[n * dz];
            float[] w = new float[n * dw];
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i);
                System.arraycopy(floats(r.getList(r.fieldIndex("z"))), 0, z, i * dz, dz);
                System.arraycopy(floats(r.getList(r.fieldIndex("w"))), 0, w, i * dw, dw);
            }
            AnnData a = ResultAnnotations.withLatents(cells.annotations(),
                    new LatentEncoder.Latents(new DenseMatrix(n, dz, z), new DenseMatrix(n, dw, w)));
            H5adWriter.writeCopying(cells, a.obs(), a.obsm(), out, false, blockCells, carried(cells));
        }
    }

    @Command(name = "flip", mixinStandardHelpOptions = true, description = "Every cell decoded under another condition (scGen-style"
            + " perturbation prediction), as 'scgmvae flip': a Parquet row per cell with the decoded values (genes in the column's"
            + " metadata); with --h5ad an .h5ad per input file holding the predicted cells.")
    static final class Flip extends Job {
        @Option(names = "--target", required = true, description = "Condition to decode the cells under, e.g. stimulated.")
        String target;

        @Option(names = "--labels", paramLabel = "COL", description = "obs column with the cells' labels (kept through the flip; default:"
                + " each cell's predicted component).")
        String labels;

        @Override
        String labelColumn() {
            return labels;
        }

        @Option(names = "--flip-mode", description = "Which latent is decoded: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; see"
                + " 'scgmvae flip --help').")
        ConditionFlipper.Mode flipMode = ConditionFlipper.DEFAULT_MODE;

        @Option(names = "--units", description = "EXPRESSION (log-normalised, as real cells) or MODEL (the decoder's own values)"
                + " (default ${DEFAULT-VALUE}).")
        OutputUnits units = OutputUnits.EXPRESSION;

        @Override
        String name() {
            return "flip";
        }

        @Override
        Dataset<Row> results(SparkSession spark, TrainedModel m) throws Exception {
            String known = m.conditionLike(target);
            if (!known.equals(target)) {
                System.err.println("note: --target '" + target + "' is taken as the model's condition '" + known + "'");
                target = known;
            }
            return SparkInference.flip(spark, m, cells(spark), condition, labels, target, flipMode, units);
        }

        @Override
        void writeH5ad(H5adCellBlocks cells, List<Row> rows, TrainedModel m, Path out) throws Exception {
            int n = rows.size();
            List<String> genes = m.signature().features();
            float[] x = new float[n * genes.size()];
            String layer = OutputUnits.layerName(m);
            float[] l = layer == null ? null : new float[n * genes.size()];
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i);
                System.arraycopy(floats(r.getList(r.fieldIndex("values"))), 0, x, i * genes.size(), genes.size());
                if (l != null) {
                    System.arraycopy(floats(r.getList(r.fieldIndex("layer_values"))), 0, l, i * genes.size(), genes.size());
                }
            }
            DataFrame obs = ResultAnnotations.asFlipped(cells.annotations().obs(), m, condition, target);
            // the layer the single-machine flip writes next to X (the model's own units), so that both .h5ad files hold the same
            java.util.Map<String, org.scgmvae.core.data.ExpressionMatrix> layers = l == null ? java.util.Map.of()
                    : java.util.Map.of(layer, new DenseMatrix(n, genes.size(), l));
            H5adWriter.write(new AnnData(new DenseMatrix(n, genes.size(), x), obs, DataFrame.ofIndex(genes.toArray(String[]::new)), java.util.Map.of(),
                    layers), out, true);
        }
    }

    /**
     * What went wrong, in one line: a worker's failure reaches the driver wrapped in Spark's exception with the remote stack
     * trace in its message, so the first of our own exceptions in the cause chain (a file error, a refused setting) is named
     * instead; else the first line of the message.
     */
    static String userMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.scgmvae.core.io.DataFileException || t instanceof IllegalArgumentException || t instanceof java.io.UncheckedIOException
                    && t.getCause() instanceof org.scgmvae.core.io.DataFileException) {
                return t instanceof java.io.UncheckedIOException ? t.getCause().getMessage() : t.getMessage();
            }
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static float[] floats(List<Object> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) values.get(i)).floatValue();
        }
        return f;
    }
}
