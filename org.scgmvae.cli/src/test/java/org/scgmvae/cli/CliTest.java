package org.scgmvae.cli;

import org.scgmvae.core.train.TrainingRequest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.infer.ResultAnnotations;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user runs it: exit codes, files written, messages printed. */
class CliTest {

    @TempDir
    static Path dir;
    static Path data;
    static Path model;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = ScGmvaeCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void trainOnce() throws Exception {
        data = dir.resolve("toy.h5ad");
        H5adWriter.write(ToyBlobs.generate(30, 2), data, true);
        model = dir.resolve("toy.scgmvae");
        Run r = run("train", "-i", data.toString(), "--condition", "condition", "--evaluate", "cell_type", "--no-preprocess",
                "-k", "20", "--z-dim", "4", "--w-dim", "1", "--encoder", "32", "--decoder", "32", "-e", "8", "-b", "32",
                "--lr", "0.002", "-o", model.toString(), "--history", dir.resolve("history.csv").toString());
        assertEquals(0, r.code(), r.err());
        // without --labels the default route: Leiden's clusters first, then unsupervised
        assertTrue(r.out().contains("trained cGMVAE GUIDED on 300 cells x 16 features"), r.out());
        assertTrue(r.err().contains("no --labels: pre-training on Leiden's 20 clusters, then unsupervised (the default route; --guided none"
                + " for the plain unsupervised GMVAE)"), r.err());
        assertTrue(r.out().contains("training-set accuracy (each component named by its majority label)"), r.out());
        // loss terms as readable figures, not a Java map
        assertTrue(r.out().matches("(?s).*loss terms per cell \\(best epoch, training cells\\): loss \\d+\\.\\d\\d  recon .*"), r.out());
        assertFalse(r.out().contains("{loss="), r.out());
        // --no-preprocess is the as-is route: said on stderr, the model keeps the gene names
        assertTrue(r.err().contains("input: values used as they are (chosen): every gene, no transformation"), r.err());
    }

    @Test
    void restartsReportWhichRunWasKept() {
        Run r = run("train", "-i", data.toString(), "--condition", "condition", "--no-preprocess", "-k", "5", "--z-dim", "4", "--w-dim", "1",
                "--encoder", "16", "--decoder", "16", "-e", "2", "-b", "32", "--restarts", "2", "--seed", "7", "-o", dir.resolve("r.scgmvae").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*kept the run with seed (7|8), the lowest validation loss of 2 restarts\n.*"), r.out());
        Run none = run("train", "-i", data.toString(), "--no-preprocess", "--restarts", "0", "-o", dir.resolve("r.scgmvae").toString());
        assertEquals(2, none.code(), "a usage error, found while parsing");
        assertTrue(none.err().contains("--restarts must be from 1 to 1,000, got 0"), none.err());
    }

    @Test
    void trainWritesModelAndHistory() throws Exception {
        assertTrue(Files.size(model) > 1000);
        List<String> history = Files.readAllLines(dir.resolve("history.csv"));
        assertEquals("epoch,train_loss,train_recon,train_klz,train_klw,train_kly,train_kld,train_classification,train_balance,"
                + "validation_loss,validation_recon,validation_klz,validation_klw,validation_kly,validation_kld,validation_classification,"
                + "validation_balance,validation_accuracy,learning_rate,kl_weight,seconds",
                history.get(0), "every loss term on training and validation cells, the balance regulariser included");
        assertEquals(1 + TrainingRequest.DEFAULT_GUIDED_EPOCHS + 8, history.size(), "a row per epoch: the guided phase's, then -e 8");
        // the same numbers as the history stored in the model (the KNIME learner's table is the same HistoryTable)
        var stored = org.scgmvae.core.io.ModelFile.load(model).summary().history();
        for (int e = 0; e < stored.size(); e++) {
            String[] row = history.get(1 + e).split(",", -1);
            assertEquals(21, row.length, history.get(1 + e));
            assertEquals(stored.get(e).epoch(), Integer.parseInt(row[0]));
            assertEquals(stored.get(e).train().get("loss"), Double.parseDouble(row[1]), 1e-9);
            assertEquals(stored.get(e).validation().get("recon"), Double.parseDouble(row[10]), 1e-9);
            // accuracy against the guiding clusters in the guided phase; no labels afterwards, no accuracy: an empty cell
            double acc = stored.get(e).validationAccuracy();
            assertEquals(Double.isNaN(acc), row[17].isEmpty(), history.get(1 + e));
            if (!Double.isNaN(acc)) {
                assertEquals(acc, Double.parseDouble(row[17]), 1e-9);
            }
        }
    }

    @Test
    void leidenWritesClustersAndEvaluatesThem() throws Exception {
        Path out = dir.resolve("leiden.h5ad");
        // the toy blobs: 5 classes x 2 conditions, 10 separate groups of cells
        Run r = run("leiden", "-i", data.toString(), "--no-preprocess", "--pcs", "10", "--clusters", "10", "--evaluate", "cell_type",
                "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("10 Leiden clusters of 300 cells written to " + out + " (obs column 'leiden')\n"), r.out());
        assertTrue(r.out().contains("accuracy (majority mapping):   1.0000"), r.out());
        AnnData written = new H5adReader().read(out);
        assertEquals(300, written.nCells());
        assertEquals(16, written.nGenes(), "the input cells are written unchanged");
        assertEquals(10, written.obs().categorical("leiden").categories().size());
        assertTrue(written.obs().has("cell_type"), "the input's obs columns are kept");

        Run five = run("leiden", "-i", data.toString(), "--no-preprocess", "--pcs", "10", "--clusters", "5", "-o", out.toString());
        assertEquals(0, five.code(), five.err());
        assertTrue(five.out().contains("(asked for 5: even at the lowest resolution Leiden finds 10; groups of cells with no neighbours in common"), five.out());

        // raw counts through the default preprocessing (genes filtered and selected): all input cells and genes written, in order
        AnnData counts = org.scgmvae.core.data.synthetic.SimulatedCounts.generate(org.scgmvae.core.data.synthetic.SimulatedCounts.Spec.defaults());
        Path countsFile = dir.resolve("counts.h5ad");
        H5adWriter.write(counts, countsFile, true);
        Run pre = run("leiden", "-i", countsFile.toString(), "--evaluate", "cell_type", "-o", out.toString());
        assertEquals(0, pre.code(), pre.err());
        assertTrue(!pre.err().contains("warning"), pre.err());
        AnnData clustered = new H5adReader().read(out);
        assertEquals(counts.nCells(), clustered.nCells());
        assertEquals(counts.nGenes(), clustered.nGenes());
        org.junit.jupiter.api.Assertions.assertArrayEquals(counts.cellNames(), clustered.cellNames());
        double acc = Double.parseDouble(pre.out().split("accuracy \\(majority mapping\\): +")[1].split("\\s")[0]);
        assertTrue(acc > 0.95, "Leiden on the preprocessed simulated counts: " + pre.out());

        // already log-normalised values: detected and routed (HVG + scaling, no second log), said on stderr
        Path logFile = dir.resolve("lognorm.h5ad");
        H5adWriter.write(new AnnData(org.scgmvae.core.preprocess.Log1p.apply(org.scgmvae.core.preprocess.NormalizeTotal.apply(counts.x(), 1e4)),
                counts.obs(), counts.var()), logFile, true);
        Path noXFile = dir.resolve("leiden_nox.csv");
        Run logged = run("leiden", "-i", logFile.toString(), "--evaluate", "cell_type", "--no-x", "-o", noXFile.toString());
        assertEquals(0, logged.code(), logged.err());
        assertTrue(logged.err().contains("input: log-normalised values (detected)"), logged.err());
        assertFalse(logged.err().contains("warning"), logged.err());
        double logAcc = Double.parseDouble(logged.out().split("accuracy \\(majority mapping\\): +")[1].split("\\s")[0]);
        assertTrue(logAcc > 0.95, "Leiden on log-normalised input through its route: " + logged.out());
        List<String> noX = Files.readAllLines(noXFile);
        assertEquals(counts.nCells() + 1, noX.size());
        assertTrue(noX.get(0).contains("leiden") && !noX.get(0).contains(counts.geneNames()[0]), "--no-x writes obs only: " + noX.get(0));
        // forcing the counts route on them still warns instead of logging twice in silence
        Run forced = run("leiden", "-i", logFile.toString(), "--input-kind", "counts", "-o", out.toString());
        assertEquals(0, forced.code(), forced.err());
        assertTrue(forced.err().contains("warning: the values to normalise look log-transformed already"), forced.err());
        Run both = run("leiden", "-i", logFile.toString(), "--input-kind", "counts", "--normalized", "-o", out.toString());
        assertEquals(1, both.code());
        assertTrue(both.err().contains("give one of them"), both.err());

        Run missing = run("leiden", "-i", data.toString(), "--no-preprocess", "--evaluate", "celltype", "-o", out.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("celltype"), missing.err());
        assertFalse(missing.err().contains("\tat "), "no stack trace without --debug: " + missing.err());
    }

    @Test
    void predictEncodeFlipGenerateEvaluate() throws Exception {
        Path pred = dir.resolve("pred.h5ad");
        assertEquals(0, run("predict", "-m", model.toString(), "-i", data.toString(), "-o", pred.toString()).code());
        AnnData p = new H5adReader().read(pred);
        assertEquals(300, p.nCells());
        assertTrue(p.obs().has(ResultAnnotations.LABEL) && p.obs().has(ResultAnnotations.COMPONENT));
        assertEquals(20, p.obsm().get(ResultAnnotations.PROBS).nGenes());

        Path enc = dir.resolve("latent.csv");
        assertEquals(0, run("encode", "-m", model.toString(), "-i", data.toString(), "-o", enc.toString(), "--no-x").code());
        String header = Files.readAllLines(enc).get(0);
        assertTrue(header.contains("X_gmvae_z_3") && header.contains("X_gmvae_w_0") && !header.contains("dim0"), header);

        Path flipped = dir.resolve("flipped.h5ad");
        Run f = run("flip", "-m", model.toString(), "-i", data.toString(), "--target", "stim", "-o", flipped.toString());
        assertEquals(0, f.code(), f.err());
        assertEquals(300, new H5adReader().read(flipped).nCells());

        Path gen = dir.resolve("generated.h5ad");
        assertEquals(0, run("generate", "-m", model.toString(), "-n", "3", "-o", gen.toString()).code());
        assertEquals(3 * 20 * 2, new H5adReader().read(gen).nCells());

        Run e = run("evaluate", "-m", model.toString(), "-i", data.toString(), "--labels", "cell_type");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy (majority mapping)") && e.out().contains("adjusted Rand index"), e.out());
    }

    @Test
    void userErrorsGiveOneClearLineAndExitCode1() {
        Run missing = run("predict", "-m", model.toString(), "-i", dir.resolve("nope.h5ad").toString(), "-o", dir.resolve("x.h5ad").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("nope.h5ad") && missing.err().contains("not found"), missing.err());
        assertFalse(missing.err().contains("\tat "), "no stack trace without --debug");

        Run badTarget = run("flip", "-m", model.toString(), "-i", data.toString(), "--target", "heat", "-o", dir.resolve("y.h5ad").toString());
        assertEquals(1, badTarget.code());
        assertTrue(badTarget.err().contains("unknown condition 'heat'") && badTarget.err().contains("[ctrl, stim]"), badTarget.err());

        Run badColumn = run("train", "-i", data.toString(), "--labels", "celltype", "-o", dir.resolve("z.scgmvae").toString());
        assertEquals(1, badColumn.code());
        assertTrue(badColumn.err().contains("no column 'celltype'") && badColumn.err().contains("cell_type"), badColumn.err());

        Run usage = run("train", "-i", data.toString());
        assertEquals(2, usage.code(), "missing required option is a usage error");
        assertTrue(usage.err().contains("--output"), usage.err());
    }

    /** Every help text formats cleanly: a stray '%' in a description makes picocli print a warning instead of the text. */
    @Test
    void everyHelpTextFormatsWithoutWarnings() {
        for (String cmd : new String[] {"", "train", "predict", "encode", "flip", "generate", "evaluate", "leiden", "report", "demo"}) {
            Run r = cmd.isEmpty() ? run("--help") : run(cmd, "--help");
            assertEquals(0, r.code(), cmd + ": " + r.err());
            assertFalse((r.out() + r.err()).contains("WARN"), cmd + " --help: " + r.err());
            assertTrue(r.out().startsWith("Usage: scgmvae"), r.out());
        }
    }

    /** The README's main job on the embedded real cells: it prints figures that beat its baselines, and writes its outputs. */
    @Test
    void demoOnRealCellsBeatsNoChangeAndMatchesLeiden() throws Exception {
        Path out = dir.resolve("demo");
        Run r = run("demo", "--output-dir", out.toString());
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        assertTrue(o.contains("input: log-normalised values (detected)"), o);
        double accuracy = figure(o, "cGMVAE predicted label +accuracy ");
        double leiden = figure(o, "Leiden \\(PCA 50, 15-NN, res 1\\) accuracy ");
        double flipDegs = figure(o, "cGMVAE flip +all \\d+ model genes [0-9.]+ +top-100 DEGs ");
        double noChangeDegs = figure(o, "no change +all \\d+ model genes [0-9.]+ +top-100 DEGs ");
        double flipAll = figure(o, "cGMVAE flip +all \\d+ model genes ");
        double noChangeAll = figure(o, "no change +all \\d+ model genes ");
        assertTrue(accuracy > 0.7 && accuracy > leiden - 0.05, "annotation " + accuracy + " vs Leiden " + leiden);
        assertTrue(flipAll > noChangeAll + 0.05 && flipDegs > noChangeDegs + 0.1, o);
        // the report of the README demo: its page names the same flip figures, and every picture it refers to exists
        String html = Files.readString(out.resolve("report/index.html"));
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "CD4T (held out) predicted: R\u00b2 all genes %.4f, top-100 DEGs %.4f", flipAll, flipDegs)), html);
        java.util.regex.Matcher img = java.util.regex.Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            assertTrue(Files.size(out.resolve("report").resolve(img.group(1))) > 10_000, img.group(1));
            images++;
        }
        assertEquals(6, images, "z, w, training, confusion, flip, generated");
        for (String f : new String[] {"model.scgmvae", "cells.h5ad", "flipped.h5ad", "history.csv"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        AnnData flipped = new H5adReader(new org.scgmvae.core.io.ReadOptions(false, false, java.util.Set.of("*"))).read(out.resolve("flipped.h5ad"));
        assertTrue(flipped.layers().containsKey("gmvae_model_units"), "decoder values kept as a layer");
        assertFalse(flipped.geneNames()[0].startsWith("feature"), "gene names kept");
        // log-normalised units: non-negative on average and below log1p of a whole library
        double mean = java.util.Arrays.stream(org.scgmvae.core.eval.PerturbationMetrics.columnMeans(flipped.x(), null)).average().orElse(Double.NaN);
        assertTrue(mean > 0 && mean < 5, "mean flipped value " + mean);
    }

    private static double figure(String text, String before) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(before + "([0-9.]+)").matcher(text);
        assertTrue(m.find(), "no figure after '" + before + "' in " + text);
        return Double.parseDouble(m.group(1));
    }
}
