package org.scgmvae.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's first class of failure, data loss through output paths: every command that writes refuses, before any work,
 * an output that names one of its inputs, a folder where a file is needed (or the reverse), a folder under a regular
 * file, or an unknown format; in one sentence naming the option, with exit status 1, no stack trace, and the inputs
 * unchanged to the byte.
 */
class OutputPathsCliTest {

    @TempDir
    static Path dir;
    static Path data;
    static Path model;
    static String dataHash;
    static String modelHash;

    @BeforeAll
    static void trainOnce() throws Exception {
        data = dir.resolve("toy.h5ad");
        H5adWriter.write(ToyBlobs.generate(20, 2), data, true);
        model = dir.resolve("toy.scgmvae");
        CliTest.Run r = CliTest.run("train", "-i", data.toString(), "--condition", "condition", "--no-preprocess", "-k", "5",
                "--z-dim", "2", "--w-dim", "1", "--encoder", "16", "--decoder", "16", "-e", "2", "-o", model.toString());
        assertEquals(0, r.code(), r.err());
        dataHash = hash(data);
        modelHash = hash(model);
    }

    private static String hash(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    /** Runs a command that must be refused and returns its error text, after checking the common contract. */
    private static String refused(String... args) throws Exception {
        CliTest.Run r = CliTest.run(args);
        assertEquals(1, r.code(), "exit status of " + String.join(" ", args) + "\n" + r.out() + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.err().lines().count() <= 2, "one or two lines: " + r.err());
        assertEquals(dataHash, hash(data), "the input cells are unchanged");
        assertEquals(modelHash, hash(model), "the model file is unchanged");
        return r.err();
    }

    @Test
    void noCommandWritesOverTheFilesItReads() throws Exception {
        String d = data.toString();
        String m = model.toString();
        String viaDots = dir.resolve("sub/../toy.h5ad").toString();
        Files.createDirectories(dir.resolve("sub"));
        for (String[] args : new String[][] {
                {"train", "-i", d, "--no-preprocess", "-o", d},
                {"train", "-i", d, "--no-preprocess", "-o", viaDots},
                {"predict", "-i", d, "-m", m, "-o", d},
                {"encode", "-i", d, "-m", m, "-o", viaDots},
                {"flip", "-i", d, "-m", m, "--target", "stim", "-o", d},
                {"flip", "-i", d, "-m", m, "--target", "stim", "-o", m},
                {"leiden", "-i", d, "--no-preprocess", "-o", d},
                {"generate", "-m", m, "-n", "2", "-o", m},
                {"report", "-i", d, "-m", m, "-o", d}}) {
            String err = refused(args);
            assertTrue(err.contains("names a file this command reads") && err.contains("choose another output"), err);
            assertTrue(err.contains("-o/--output"), "names the option: " + err);
        }
        Path symlink = dir.resolve("link.h5ad");
        Files.createSymbolicLink(symlink, data);
        assertTrue(refused("predict", "-i", d, "-m", m, "-o", symlink.toString()).contains("names a file this command reads"));
    }

    @Test
    void foldersFilesAndFormatsAreCheckedBeforeAnyWork() throws Exception {
        String d = data.toString();
        String m = model.toString();
        Path folder = Files.createDirectories(dir.resolve("results"));
        String err = refused("predict", "-i", d, "-m", m, "-o", folder.toString());
        assertTrue(err.contains("needs a file name, and this is a folder") && err.contains(folder.resolve("cells.h5ad").toString()), err);
        err = refused("train", "-i", d, "--no-preprocess", "-o", folder.toString());
        assertTrue(err.contains("this is a folder") && err.contains("model.scgmvae"), err);

        Path underFile = dir.resolve("toy.h5ad/out/cells.h5ad");
        err = refused("encode", "-i", d, "-m", m, "-o", underFile.toString());
        assertTrue(err.contains("is a file, not a folder") && err.contains(data.toString()), err);

        err = refused("predict", "-i", d, "-m", m, "-o", dir.resolve("cells.xlsx").toString());
        assertTrue(err.contains("unknown output format; use a .h5ad, .csv or .tsv"), err);

        Path history = dir.resolve("h.csv");
        err = refused("train", "-i", d, "--no-preprocess", "-o", history.toString(), "--history", history.toString());
        assertTrue(err.contains("-o/--output and --history name the same file"), err);
        assertFalse(Files.exists(history), "nothing written");

        Path same = dir.resolve("out");
        err = refused("train", "-i", d, "--no-preprocess", "-o", same.toString(), "--report", same.toString());
        assertTrue(err.contains("-o/--output and --report name the same file"), err);

        Path aFile = Files.writeString(dir.resolve("notes.txt"), "keep me");
        err = refused("train", "-i", d, "--no-preprocess", "-o", dir.resolve("m2.scgmvae").toString(), "--report", aFile.toString());
        assertTrue(err.contains("--report needs a folder, and this is a file"), err);
        assertEquals("keep me", Files.readString(aFile));
        assertFalse(Files.exists(dir.resolve("m2.scgmvae")), "refused before training");
    }

    @Test
    void aMissingOutputFolderIsCreated() throws Exception {
        Path out = dir.resolve("new/deeper/cells.csv");
        CliTest.Run r = CliTest.run("predict", "-i", data.toString(), "-m", model.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out) > 0);
        assertEquals(dataHash, hash(data));
        Path history = dir.resolve("logs/run1/history.csv");
        r = CliTest.run("train", "-i", data.toString(), "--no-preprocess", "-k", "5", "--z-dim", "2", "--w-dim", "1", "--encoder", "16",
                "--decoder", "16", "-e", "2", "-o", dir.resolve("models/m.scgmvae").toString(), "--history", history.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(history).startsWith("epoch,train_loss,train_recon,"), "the history is written into its new folder");
        try (var files = Files.list(history.getParent())) {
            assertEquals(1, files.count(), "no partial file beside it");
        }
    }
}
