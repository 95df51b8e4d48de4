package org.scgmvae.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.eval.FlipScore;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.Predictor;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.train.ToyModelFixture;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report as a user asks for it: 'scgmvae report' on a saved model and cells, its pictures and the figures in their titles. */
class ReportCommandTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path cells;

    @BeforeAll
    static void saveToyModel() throws Exception {
        model = dir.resolve("toy.scgmvae");
        cells = dir.resolve("toy.h5ad");
        ModelFile.save(ToyModelFixture.supervised().model(), model);
        H5adWriter.write(ToyModelFixture.data(), cells, true);
    }

    private static CliTest.Run report(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("report", "-m", model.toString(), "-i", cells.toString(), "-o", out.toString(),
                "--labels", "cell_type", "--flip-to", "stim", "--seed", "3"));
        args.addAll(List.of(extra));
        if (!args.contains("--generate")) {
            args.addAll(List.of("--generate", "10"));
        }
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void writesReadablePicturesThatThePageRefersTo() throws Exception {
        Path out = dir.resolve("report");
        CliTest.Run r = report(out);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("report written to"), r.out());
        String html = Files.readString(out.resolve("index.html"));
        Set<String> referenced = new HashSet<>();
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        Set<String> written = new HashSet<>();
        try (var files = Files.list(out)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".png")).forEach(written::add);
        }
        assertEquals(written, referenced, "the page refers to exactly the pictures written");
        // embedding of z and w, training curves, confusion, one flip per type (5 classes), generated cells
        assertTrue(referenced.containsAll(List.of("embedding_z.png", "embedding_w.png", "training.png", "confusion.png", "generated.png")), referenced.toString());
        assertEquals(5, referenced.stream().filter(f -> f.startsWith("flip_")).count(), referenced.toString());
        for (String f : referenced) {
            BufferedImage img = ImageIO.read(out.resolve(f).toFile());
            assertTrue(img != null && img.getWidth() >= 600 && img.getHeight() >= 300, f + " decodes as a PNG of a readable size");
            assertTrue(distinctColours(img) > 20, f + " is not blank");
        }
        assertTrue(html.contains("cGMVAE") && html.contains("toy.h5ad") && html.contains("scgmvae report"), "header names model, data and command");
        assertFalse(html.contains("scgmvae report report"), "the command's name once");
        // the generated cells' caption says how many of each and which real cells lie beside them
        assertTrue(html.contains("Generated cells (10 per component and condition, ") && html.contains(") and real cells (all "), html);
    }

    @Test
    void titlesCarryTheFiguresOfEvaluateAndOfTheFlipScore() throws Exception {
        Path out = dir.resolve("figures");
        assertEquals(0, report(out).code());
        String html = Files.readString(out.resolve("index.html"));
        TrainedModel m = ModelFile.load(model);
        AnnData data = ToyModelFixture.data();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int[] predicted = Predictor.predict(m, InferenceInput.prepare(m, data, null, null).input()).components();
        EvaluateCommand.report(new PrintStream(buf, true, StandardCharsets.UTF_8), predicted, data.obs().categorical("cell_type"));
        String evaluate = buf.toString(StandardCharsets.UTF_8);
        for (String what : new String[] {"majority mapping\\):", "one-to-one mapping\\):", "adjusted Rand index:", "normalised mutual information:"}) {
            Matcher e = Pattern.compile(what + " +([0-9.]+)").matcher(evaluate);
            assertTrue(e.find(), evaluate);
            assertTrue(html.contains(e.group(1)), "report shows evaluate's " + what + " " + e.group(1));
        }
        FlipScore s = FlipScore.of(m, data, "cell_type", "condition", "class2", "ctrl", "stim");
        // every type was trained on under 'stim' too: marked, and the caption says the figure is a fit, not a held-out prediction
        assertTrue(html.contains(String.format(Locale.ROOT, "class2 (in training) predicted: R\u00b2 all genes %.4f, top-100 DEGs %.4f",
                s.all(), s.degs())), html);
        assertTrue(html.contains("'stim' class2 cells, so the real 'stim' cells here may be ones it was fitted to: a fit, not a held-out"
                + " prediction"), html);
    }

    @Test
    void sameSeedSamePictures() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, report(a, "--flip-types", "class0").code());
        assertEquals(0, report(b, "--flip-types", "class0").code());
        for (String f : new String[] {"embedding_z.png", "embedding_w.png", "generated.png", "flip_class0.png", "confusion.png"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void pcaAndClearMessages() throws Exception {
        assertEquals(0, report(dir.resolve("pca"), "--embedding", "PCA", "--generate", "0").code());
        assertTrue(Files.readString(dir.resolve("pca/index.html")).contains("PCA of z"));
        Path file = dir.resolve("afile");
        Files.writeString(file, "x");
        CliTest.Run r = report(file);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("is a file"), r.err());
        r = report(dir.resolve("bad"), "--flip-types", "nosuchtype");
        assertTrue(r.code() != 0 && r.err().contains("no cell type 'nosuchtype'"), r.err());
        // options the flip section cannot use are refused before the cells are encoded and embedded
        r = CliTest.run("report", "-m", model.toString(), "-i", cells.toString(), "-o", dir.resolve("early").toString(), "--labels",
                "cell_type", "--flip-to", "stimulated");
        assertTrue(r.code() != 0 && r.err().contains("cannot flip to 'stimulated': the model's conditions are"), r.err());
        assertFalse(r.err().contains("report: encoding"), "refused before any work: " + r.err());
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }
}
