package org.scgmvae.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.io.BadInputFiles;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scgmvae.core.io.BadInputFiles.*;

/**
 * Issue 19's corpus in one place: for each class of failure (unreadable but valid files, silent science, options without
 * bounds, data loss through output paths, pathological sizes) and each input format (.h5ad, 10x folder, CSV/TSV), a small
 * file written by the test and the command a user would run on it. Every case is held to the same contract: the exit
 * status; the words that name the file or option and what is wrong; no stack trace; a refusal is one error line (at most
 * one more with a hint) and leaves the case's folder exactly as it was (no output, no partial file); a warning case
 * finishes, writes its output, says the warning and changes no input.
 */
class BadInputCorpusTest {

    @TempDir
    static Path root;
    /** A small supervised model (simulated counts, genes G0000..) for the commands that apply one. */
    static Path model;
    /** A small cGMVAE (control/stimulated) of the same cells, for flips and reports. */
    static Path conditional;
    static AnnData counts;

    /** Writes a case's input into its folder and returns the path the command reads. */
    interface Fixture {
        Path write(Path dir) throws IOException;
    }

    /**
     * One input and command. {@code args} may use {in}, {out} and {model}; {@code exit} 0 means a warning case whose
     * {@code says} are warnings, otherwise a refusal whose {@code says} are in its error line.
     */
    record Case(String name, String format, String failureClass, Fixture input, int exit, List<String> says, String... args) {
        @Override
        public String toString() {
            return failureClass + " / " + format + ": " + name;
        }
    }

    /** Options that keep every training in this corpus to a second: small networks, two epochs, no Leiden. */
    private static final String[] SMALL = {"-e", "2", "--z-dim", "2", "--w-dim", "1", "--encoder", "16", "--decoder", "16",
            "--guided", "none"};

    @BeforeAll
    static void trainModel() throws Exception {
        counts = SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(60, 40));
        Path dir = Files.createDirectories(root.resolve("model"));
        Path data = dir.resolve("cells.h5ad");
        H5adWriter.write(counts, data, true);
        model = dir.resolve("cells.scgmvae");
        CliTest.Run r = CliTest.run(concat(new String[] {"train", "-i", data.toString(), "--labels", "cell_type", "-o",
                model.toString()}, SMALL));
        assertEquals(0, r.code(), r.err());
        conditional = dir.resolve("conditional.scgmvae");
        r = CliTest.run(concat(new String[] {"train", "-i", data.toString(), "--labels", "cell_type", "--condition", "condition", "-o",
                conditional.toString()}, SMALL));
        assertEquals(0, r.code(), r.err());
    }

    static Stream<Case> corpus() {
        List<Case> c = new ArrayList<>();
        // unreadable but valid files: say what the file holds and what is wrong, not "corrupt HDF5"
        c.add(new Case("not an HDF5 file", "h5ad", "unreadable", d -> text(d.resolve("cells.h5ad"), "cell,G1\nc1,3\n"), 1,
                List.of("cells.h5ad", "not an HDF5 file"), "train", "-i", "{in}", "-o", "{out}"));
        c.add(new Case("CSR indptr decreasing", "h5ad", "unreadable", d -> decreasingIndptr(d, counts), 1,
                List.of("cells.h5ad", "/X", "indptr decreases from row 5 to row 6"), "train", "-i", "{in}", "-o", "{out}"));
        c.add(new Case("fewer barcodes than matrix columns", "10x", "unreadable", d -> tenX(d, counts, 3, false), 1,
                List.of("matrix.mtx", "shape mismatch", "57 barcodes"), "train", "-i", "{in}", "-o", "{out}"));
        c.add(new Case("fractional values under an integer header", "10x", "unreadable", d -> tenX(d, counts, 0, true), 1,
                List.of("matrix.mtx", "entry 1", "the header declares integer values"), "train", "-i", "{in}", "-o", "{out}"));
        c.add(new Case("an empty expression value", "csv", "unreadable", d -> csvWith(d, counts, "cells.csv", ',', 3, 2, ""), 1,
                List.of("cells.csv", "line 5", "empty expression value for gene 'G0002'"), "train", "-i", "{in}", "-o", "{out}"));
        c.add(new Case("semicolons in a .csv", "csv", "unreadable", d -> csvWith(d, counts, "cells.csv", ';', -1, -1, null), 1,
                List.of("cells.csv", "holding ';'", "read with commas"), "train", "-i", "{in}", "-o", "{out}"));
        c.add(new Case("a row with a missing field", "tsv", "unreadable", BadInputFiles::raggedTsv, 1,
                List.of("cells.tsv", "line 3", "fields but the header has"), "train", "-i", "{in}", "-o", "{out}"));
        // silent science: refuse where the result would mean nothing, warn with the numbers where it may
        c.add(new Case("a label column with one category", "h5ad", "silent science",
                d -> h5ad(d, counts.withObs(counts.obs().withColumn("batch", one(counts.nCells(), "b1")))), 1,
                List.of("label column 'batch' holds one category ('b1')"), "train", "-i", "{in}", "--labels", "batch", "-o", "{out}"));
        c.add(new Case("the label column as the condition", "csv", "silent science", d -> csv(d, counts), 1,
                List.of("column 'cell_type' is both the condition and the label column"),
                "train", "-i", "{in}", "--labels", "cell_type", "--condition", "cell_type", "-o", "{out}"));
        c.add(new Case("a condition column of measurements", "h5ad", "silent science",
                d -> h5ad(d, counts.withObs(counts.obs().withColumn("size", measurements(counts.nCells())))), 1,
                List.of("obs column 'size' holds fractional numbers", "the condition column needs categories"),
                "train", "-i", "{in}", "--condition", "size", "-o", "{out}"));
        c.add(new Case("cells sharing few of the model's genes", "10x", "silent science", d -> tenX(d, renamedGenes(counts, 35), 0, false),
                1, List.of("cells: only 5 of the model's 40 genes occur in the data (at least 50% are needed"),
                "predict", "-i", "{in}", "-m", "{model}", "-o", "{out}"));
        c.add(new Case("a label column without values", "h5ad", "silent science",
                d -> h5ad(d, counts.withObs(counts.obs().withColumn("type", missing(counts.nCells())))), 0,
                List.of("warning: label column 'type' has no value in any cell: training is unsupervised"),
                "train", "-i", "{in}", "--labels", "type", "-o", "{out}"));
        c.add(new Case("missing labels written as text", "h5ad", "silent science",
                d -> h5ad(d, counts.withObs(counts.obs().withColumn("type", withText(counts, "cell_type", 6, "nan")))), 0,
                List.of("warning: 10 cells of obs column 'type' hold 'nan', read as missing labels"),
                "train", "-i", "{in}", "--labels", "type", "-k", "0", "-o", "{out}"));
        c.add(new Case("a condition column with missing values", "h5ad", "silent science",
                d -> h5ad(d, counts.withObs(counts.obs().withColumn("batch", withText(counts, "condition", 20, "NA")))), 1,
                List.of("3 cells (the first 'sim00000') have no value in condition column 'batch'"),
                "train", "-i", "{in}", "--condition", "batch", "-o", "{out}"));
        c.add(new Case("genes without counts", "h5ad", "silent science", d -> h5ad(d, emptyGenes(counts, 5)), 0,
                List.of("warning: 5 of 40 genes have no counts in any cell and are left out (filter_genes); the model uses the other 35"),
                "train", "-i", "{in}", "-o", "{out}"));
        c.add(new Case("cells without counts", "10x", "silent science", d -> tenX(d, emptyCells(counts, 4), 0, false), 0,
                List.of("warning: 4 of 60 cells have no counts (e.g. 'sim00000')"), "train", "-i", "{in}", "-o", "{out}"));
        c.add(new Case("counts with a stray negative value", "h5ad", "silent science", d -> h5ad(d, strayNegative(counts)), 0,
                List.of("values used as they are", "only 1 of", "sampled values is negative"), "train", "-i", "{in}", "-o", "{out}"));
        c.add(new Case("log-normalised values with the negative binomial", "csv", "silent science", d -> csv(d, logNormalised(counts)),
                0, List.of("warning: the NEGATIVE_BINOMIAL likelihood models raw counts"),
                "train", "-i", "{in}", "--likelihood", "negative_binomial", "-o", "{out}"));
        // silent science when a model meets cells: units unlike the training cells', empty cells, options that change nothing
        c.add(new Case("log-normalised cells into a model of counts", "h5ad", "silent science", d -> h5ad(d, logNormalised(counts)), 0,
                List.of("warning: the model was trained on counts and normalises and logs its input, but these values look"
                        + " log-transformed already"), "predict", "-i", "{in}", "-m", "{model}", "-o", "{out}"));
        c.add(new Case("cells without counts into a model", "csv", "silent science", d -> csv(d, emptyCells(counts, 6)), 0,
                List.of("warning: 6 of 60 cells have no counts in the model's genes (e.g. 'sim00000')"),
                "predict", "-i", "{in}", "-m", "{model}", "-o", "{out}"));
        c.add(new Case("cell names repeated", "h5ad", "silent science", d -> h5ad(d, repeatedCellNames(counts)), 0,
                List.of("note: 30 of the 60 cell names of cells.h5ad repeat an earlier one (first 'sim00000'); every cell is kept"),
                "predict", "-i", "{in}", "-m", "{model}", "-o", "{out}"));
        c.add(new Case("cell names repeated, read a block at a time", "h5ad", "silent science",
                d -> h5ad(d, repeatedCellNames(counts)), 0, List.of("note: 30 of the 60 cell names of cells.h5ad repeat an earlier one"),
                "train", "-i", "{in}", "--on-disk", "-o", "{out}"));
        c.add(new Case("a condition column for a model without conditions", "h5ad", "silent science", d -> h5ad(d, counts), 0,
                List.of("warning: --condition 'batch' is ignored: the model is a GMVAE without conditions (and the cells have no such"
                        + " column)"), "predict", "-i", "{in}", "-m", "{model}", "--condition", "batch", "-o", "{out}"));
        c.add(new Case("a flip to the cells' own condition", "h5ad", "silent science",
                d -> h5ad(d, counts.withObs(counts.obs().withColumn("condition", one(counts.nCells(), "stim")))), 0,
                List.of("warning: every cell is in condition 'stim' already"), "flip", "-i", "{in}", "-m", "{conditional}", "--target",
                "stim", "-o", "{out}"));
        c.add(new Case("flip labels the model does not know", "h5ad", "silent science",
                d -> h5ad(d, counts.withObs(counts.obs().withColumn("type", one(counts.nCells(), "Unknown")))), 0,
                List.of("warning: no value of --labels column 'type' is one of the model's labels"), "flip", "-i", "{in}", "-m",
                "{conditional}", "--target", "stim", "--labels", "type", "-o", "{out}"));
        c.add(new Case("evaluation against one type", "tsv", "silent science",
                d -> tsv(d, counts.withObs(counts.obs().withColumn("batch", one(counts.nCells(), "b1")))), 0,
                List.of("warning: the labels hold one type only ('b1'): every grouping agrees with it"),
                "evaluate", "-i", "{in}", "-m", "{model}", "--labels", "batch"));
        c.add(new Case("Leiden clusters over an existing annotation", "h5ad", "silent science", d -> h5ad(d, counts), 0,
                List.of("warning: obs column 'cell_type' exists in the input and is replaced by the clusters"),
                "leiden", "-i", "{in}", "--column", "cell_type", "-o", "{out}"));
        c.add(new Case("a report flipping a condition to itself", "h5ad", "silent science", d -> h5ad(d, counts), 1,
                List.of("--flip-from and --flip-to name the same condition 'stim'"), "report", "-i", "{in}", "-m", "{conditional}",
                "--labels", "cell_type", "--flip-from", "stim", "--flip-to", "stim", "-o", "{out}"));
        c.add(new Case("the Bernoulli likelihood on expression values", "csv", "silent science", d -> csv(d, counts), 0,
                List.of("warning: the BERNOULLI likelihood models values between 0 and 1"), "train", "-i", "{in}", "--likelihood",
                "bernoulli", "-o", "{out}"));
        c.add(new Case("training on a handful of cells", "tsv", "silent science", d -> tsv(d, counts.selectCells(new int[] {0, 1, 2, 3, 4, 5, 6})),
                0, List.of("warning: 7 cells, fewer than 10: no validation cells are held out"),
                "train", "-i", "{in}", "--labels", "cell_type", "-k", "0", "-o", "{out}"));
        c.add(new Case("a condition of one cell", "h5ad", "silent science",
                d -> h5ad(d, counts.withObs(counts.obs().withColumn("batch", allButLast(counts.nCells(), "A", "B")))), 0,
                List.of("warning: condition 'B' has only 1 cell: what the model learns of it, and a flip to it, rests on that cell"),
                "train", "-i", "{in}", "--condition", "batch", "-o", "{out}"));
        c.add(new Case("one gene", "h5ad", "silent science", d -> h5ad(d, counts.selectGenes(new int[] {3})), 0,
                List.of("warning: the model sees only 1 feature (after normalize_total every cell that has counts holds the same value"),
                "train", "-i", "{in}", "--labels", "cell_type", "-k", "0", "-o", "{out}"));
        c.add(new Case("Leiden on fewer cells than neighbours", "tsv", "silent science",
                d -> tsv(d, counts.selectCells(new int[] {0, 1, 2, 3, 4, 5})), 0,
                List.of("warning: 6 cells, not more than the 15 neighbours"), "leiden", "-i", "{in}", "-o", "{out}"));
        c.add(new Case("an annotation named like a gene into a CSV", "h5ad", "output paths",
                d -> h5ad(d, counts.withObs(counts.obs().withColumn(counts.geneNames()[3], one(counts.nCells(), "x")))), 1,
                List.of("out.csv", "obs column 'G0003' has the name of a gene"), "predict", "-i", "{in}", "-m", "{model}", "-o", "{out}"));
        // models that cannot be read: the file and the part named, no parser's report
        c.add(new Case("a model file with damaged JSON", "h5ad", "unreadable", d -> {
            damagedModel(d.resolve("damaged.scgmvae"));
            return h5ad(d, counts);
        }, 1, List.of("damaged.scgmvae", "format.json", "not valid JSON at line 1"), "predict", "-i", "{in}", "-m", "{dir}/damaged.scgmvae",
                "-o", "{out}"));
        c.add(new Case("a folder as the model", "10x", "unreadable", d -> tenX(d, counts, 0, false), 1,
                List.of("is a folder, not a model file"), "predict", "-i", "{in}", "-m", "{in}", "-o", "{out}"));
        // options without bounds: refused while parsing, with the range (exit 2)
        c.add(new Case("an empty column name", "h5ad", "options", d -> h5ad(d, counts), 2,
                List.of("--column must be a name without '/', got ''"), "leiden", "-i", "{in}", "--column", "", "-o", "{out}"));
        c.add(new Case("a negative number of genes", "h5ad", "options", d -> h5ad(d, counts), 2,
                List.of("'--n-top-genes'", "must be from 0 to 1,000,000", "got -5"), "train", "-i", "{in}", "--n-top-genes", "-5", "-o", "{out}"));
        c.add(new Case("no cells per block", "10x", "options", d -> tenX(d, counts, 0, false), 2,
                List.of("'--block-cells'", "got 0"), "predict", "-i", "{in}", "-m", "{model}", "--block-cells", "0", "-o", "{out}"));
        c.add(new Case("a fractional number of samples", "csv", "options", d -> csv(d, counts), 2,
                List.of("'--samples'", "2.5"), "generate", "-m", "{model}", "-n", "2.5", "-o", "{out}"));
        // output paths: never over an input, never a half-written file
        c.add(new Case("predictions over the input", "csv", "output paths", d -> csv(d, counts), 1,
                List.of("cells.csv", "-o/--output names a file this command reads"), "predict", "-i", "{in}", "-m", "{model}", "-o", "{in}"));
        c.add(new Case("an output folder under a file", "10x", "output paths", d -> tenX(d, counts, 0, false), 1,
                List.of("-o/--output", "is a file, not a folder"), "predict", "-i", "{in}", "-m", "{model}", "-o", "{in}/matrix.mtx/p.csv"));
        c.add(new Case("a model over the cells", "h5ad", "output paths", d -> h5ad(d, counts), 1,
                List.of("cells.h5ad", "-o/--output names a file this command reads"), "train", "-i", "{in}", "-o", "{in}"));
        // pathological sizes: refused up front instead of running for hours
        c.add(new Case("more components than cells", "tsv", "sizes", d -> tsv(d, counts), 1,
                List.of("1000 components for 60 cells"), "train", "-i", "{in}", "-k", "1000", "-o", "{out}"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCaseKeepsTheContract(Case c) throws Exception {
        Path dir = Files.createDirectories(root.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "_")));
        Path in = c.input().write(dir);
        Path out = dir.resolve(c.args()[0].equals("train") ? "out.scgmvae" : c.args()[0].equals("report") ? "report" : "out.csv");
        String[] args = Arrays.stream(c.args()).map(a -> a.replace("{in}", in.toString()).replace("{out}", out.toString())
                .replace("{model}", model.toString()).replace("{conditional}", conditional.toString())
                .replace("{dir}", dir.toString())).toArray(String[]::new);
        boolean writes = Arrays.asList(c.args()).contains("{out}");
        // small networks for the trainings, and 3 components unless the case asks for its own number
        if (args[0].equals("train") && c.exit() != 2) {
            args = concat(args, Arrays.asList(args).contains("-k") ? SMALL : concat(SMALL, new String[] {"-k", "3"}));
        }
        Map<String, String> before = hashes(dir);
        String modelHash = hash(model) + hash(conditional);

        CliTest.Run r = CliTest.run(args);

        String err = r.err();
        assertEquals(c.exit(), r.code(), c + "\n" + r.out() + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        for (String s : c.says()) {
            assertTrue(err.contains(s), c + ": expected '" + s + "' in\n" + err);
        }
        assertEquals(modelHash, hash(model) + hash(conditional), "the model files are unchanged");
        Map<String, String> after = hashes(dir);
        if (c.exit() != 0) {
            List<String> lines = err.lines().toList();
            List<String> errors = lines.stream().filter(l -> l.startsWith("error: ")).toList();
            assertEquals(1, errors.size(), "one error line: " + err);
            assertTrue(lines.size() - lines.indexOf(errors.get(0)) <= 2, "the error line and at most one hint: " + err);
            assertTrue(c.says().stream().allMatch(s -> errors.get(0).contains(s)), "the error line itself says it: " + err);
            assertEquals(before, after, "a refused command leaves its folder as it was");
        } else {
            assertEquals(writes, Files.exists(out), "the output is written (where the command writes one): " + err);
            before.forEach((file, h) -> assertEquals(h, after.get(file), "input " + file + " is unchanged"));
            assertEquals(before.size() + (writes ? 1 : 0), after.size(), "only the output is new: " + after.keySet());
        }
    }

    /** Two files' cells concatenated without anndata's index_unique: the second half repeats the first half's names. */
    private static AnnData repeatedCellNames(AnnData a) {
        String[] names = a.cellNames().clone();
        int half = names.length / 2;
        System.arraycopy(names, 0, names, half, half);
        return a.withObs(a.obs().withIndex(names));
    }

    /** The corpus model with its format.json replaced by text that is not JSON. */
    private static void damagedModel(Path target) throws IOException {
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(model));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(target))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(e.getName().equals("format.json") ? "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8) : in.readAllBytes());
                out.closeEntry();
            }
        }
    }

    // ---- the contract's helpers

    private static String[] concat(String[] a, String[] b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Every file under {@code dir} (relative name to SHA-256), so that any new, changed or removed file shows. */
    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), hash(p));
            }
        }
        return m;
    }

    private static String hash(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
