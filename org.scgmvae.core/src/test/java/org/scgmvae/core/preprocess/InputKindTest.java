package org.scgmvae.core.preprocess;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.io.h5ad.H5adReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class InputKindTest {

    private static AnnData withX(ExpressionMatrix x) {
        return FittedPreprocessingTest.trainData(false).withX(x);
    }

    @Test
    void countsLogNormalisedAndScaledValuesTakeTheirRoutes() {
        AnnData counts = FittedPreprocessingTest.trainData(false);
        assertEquals(InputKind.COUNTS, InputKind.detect(counts));
        AnnData logged = withX(Log1p.apply(NormalizeTotal.apply(counts.x(), 1e4)));
        assertEquals(InputKind.LOG_NORMALIZED, InputKind.detect(logged));
        AnnData scaled = withX(Scaler.fit(logged.x(), null).apply(logged.x()));
        assertEquals(InputKind.AS_IS, InputKind.detect(scaled));
        // a counts layer wins over whatever X holds
        AnnData layered = new AnnData(logged.x(), logged.obs(), logged.var(), Map.of(), Map.of("counts", counts.x()));
        assertEquals(InputKind.COUNTS, InputKind.detect(layered));

        InputKind.Route r = InputKind.AUTO.resolve(logged, 5);
        assertEquals(InputKind.LOG_NORMALIZED, r.kind());
        assertTrue(!r.config().normalizeTotal() && !r.config().log1p() && r.config().scale(), r.config().toString());
        assertEquals(5, r.config().nTopGenes());
        assertEquals("input: log-normalised values (detected): 5 highly variable genes, scaling; no second normalisation or log", r.explanation());
        // the log-normalised route does not log again: the model input is the scaled log values of the selected genes
        FittedPreprocessing.Fit fit = FittedPreprocessing.fit(logged, r.config());
        assertTrue(fit.warnings().isEmpty(), fit.warnings().toString());
        assertEquals(5, fit.transformed().nGenes());
        assertEquals(InputKind.COUNTS, InputKind.AUTO.resolve(counts, 0).kind());
        assertNull(InputKind.COUNTS.pipeline(0).hvgFlavor(), "0 top genes = every gene");
    }

    @Test
    void asIsKeepsEveryValueAndTheGeneNames() {
        AnnData scaled = withX(new DenseMatrix(2, 12, new float[] {-1, 0.5f, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -3}).selectCells(new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1,
                0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}));
        PreprocessConfig asIs = InputKind.AS_IS.pipeline(2000);
        assertTrue(asIs.isIdentity());
        FittedPreprocessing.Fit fit = FittedPreprocessing.fit(scaled, asIs);
        assertArrayEquals(scaled.geneNames(), fit.preprocessing().selectedGenes());
        assertEquals(scaled.x(), DenseMatrix.copyOf(fit.transformed().x()));
    }

    @Test
    void spellingsAndErrors() {
        assertEquals(InputKind.LOG_NORMALIZED, InputKind.parse("log-normalised"));
        assertEquals(InputKind.LOG_NORMALIZED, InputKind.parse("LOG_NORMALIZED"));
        assertEquals(InputKind.AS_IS, InputKind.parse("as-is"));
        assertEquals(InputKind.COUNTS, InputKind.parse(" counts "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputKind.parse("tpm"));
        assertEquals("unknown input kind 'tpm'; use auto, counts, log-normalized or as-is", e.getMessage());
        for (InputKind k : InputKind.values()) {
            assertEquals(k, InputKind.parse(k.label()));
        }
    }

    /** The three real files of ../shared/data each take the route their values call for. */
    @Test
    void realFilesAreRecognised() throws Exception {
        Path dir = Path.of(System.getProperty("scgmvae.sharedData", "../shared/data"));
        assumeTrue(Files.isRegularFile(dir.resolve("kang_valid_scgen.h5ad")), "no ../shared/data");
        H5adReader reader = new H5adReader();
        assertEquals(InputKind.LOG_NORMALIZED, InputKind.detect(reader.read(dir.resolve("kang_valid_scgen.h5ad"))));
        assertEquals(InputKind.COUNTS, InputKind.detect(reader.read(dir.resolve("kang_ctrl_muscat.h5ad"))));
        assertEquals(InputKind.AS_IS, InputKind.detect(reader.read(dir.resolve("pbmc68k_reduced.h5ad"))));
    }
}
