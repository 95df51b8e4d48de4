package org.scgmvae.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;
import org.scgmvae.core.preprocess.Log1p;
import org.scgmvae.core.preprocess.NormalizeTotal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file as many pipelines write it: log-normalised X, the raw counts in a layer named otherwise than 'counts'
 * ({@code raw_counts}); --counts-layer names it, and the output holds it once, under its own name.
 */
class CountsLayerCliTest {

    static final Path KANG = Path.of(System.getProperty("scgmvae.sharedData", "../shared/data")).resolve("kang_ctrl_muscat.h5ad");

    @TempDir
    Path dir;

    @Test
    void aCountsLayerOfAnotherNameIsReadAsTheCounts() throws Exception {
        Assumptions.assumeTrue(Files.exists(KANG), "shared data not present");
        AnnData counts = new H5adReader().read(KANG).selectCells(IntStream.range(0, 600).toArray());
        AnnData file = new AnnData(Log1p.apply(NormalizeTotal.apply(counts.x(), 1e4)), counts.obs(), counts.var(), Map.of(),
                Map.of("raw_counts", counts.x()));
        Path cells = dir.resolve("lognorm_rawcounts.h5ad");
        H5adWriter.write(file, cells, true);

        Path model = dir.resolve("m.scgmvae");
        String[] train = {"train", "-i", cells.toString(), "--labels", "cell_type", "--likelihood", "negative_binomial", "-k", "0", "--z-dim",
                "2", "--w-dim", "1", "--encoder", "16", "--decoder", "16", "-e", "1", "-o", model.toString()};
        CliTest.Run plain = CliTest.run(train);
        assertTrue(plain.err().contains("or a layer of another name with --counts-layer"), "the hint names the option: " + plain.err());

        String[] named = java.util.Arrays.copyOf(train, train.length + 2);
        named[train.length] = "--counts-layer";
        named[train.length + 1] = "raw_counts";
        CliTest.Run t = CliTest.run(named);
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("input: counts (detected, layer 'counts' rather than X)"), t.err());
        assertTrue(!t.err().contains("--counts-layer"), "no hint once the counts are found: " + t.err());

        Path out = dir.resolve("p.h5ad");
        CliTest.Run p = CliTest.run("predict", "-i", cells.toString(), "--counts-layer", "raw_counts", "-m", model.toString(), "-o", out.toString());
        assertEquals(0, p.code(), p.err());
        AnnData written = new H5adReader(new ReadOptions(false, false, Set.of("*"))).read(out);
        assertEquals(Set.of("raw_counts"), written.layers().keySet(), "the counts once, under the name the file gave them");

        CliTest.Run missing = CliTest.run("predict", "-i", cells.toString(), "--counts-layer", "spliced", "-m", model.toString(), "-o",
                dir.resolve("q.h5ad").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("/layers/spliced: no such layer for the counts; the file's layers are [raw_counts]"), missing.err());
    }
}
