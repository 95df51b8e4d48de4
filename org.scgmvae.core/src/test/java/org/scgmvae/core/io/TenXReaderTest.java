package org.scgmvae.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.StringColumn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenXReaderTest {

    @TempDir
    Path dir;

    /** genes x cells as Cell Ranger writes it: 5 features, 3 barcodes. */
    static final String MTX = String.join("\n",
            "%%MatrixMarket matrix coordinate integer general",
            "%metadata_json: {\"software_version\": \"cellranger-7.1.0\"}",
            "5 3 6",
            "1 1 3",
            "3 1 1",
            "2 2 7",
            "5 2 2",
            "3 3 4",
            "4 3 1",
            "");

    static final String FEATURES = String.join("\n",
            "ENSG01\tA\tGene Expression",
            "ENSG02\tB\tGene Expression",
            "ENSG03\tA\tGene Expression",
            "ENSG04\tC\tGene Expression",
            "ENSG05\tA\tGene Expression",
            "");

    static final String BARCODES = "AAACCTG-1\nAAACGGG-1\nAAAGATG-1\n";

    static void gz(Path p, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    Path v3Folder(String mtx) throws IOException {
        Path d = Files.createDirectories(dir.resolve("filtered_feature_bc_matrix"));
        gz(d.resolve("matrix.mtx.gz"), mtx);
        gz(d.resolve("features.tsv.gz"), FEATURES);
        gz(d.resolve("barcodes.tsv.gz"), BARCODES);
        return d;
    }

    static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void readsV3FolderAsCellsByGenesWithUniqueSymbols() throws IOException {
        AnnData a = new TenXReader().read(v3Folder(MTX));
        assertEquals(3, a.nCells());
        assertEquals(5, a.nGenes());
        assertInstanceOf(CsrMatrix.class, a.x());
        assertArrayEquals(new String[] {"AAACCTG-1", "AAACGGG-1", "AAAGATG-1"}, a.cellNames());
        // like scanpy.read_10x_mtx + var_names_make_unique: A, B, A-1, C, A-2
        assertArrayEquals(new String[] {"A", "B", "A-1", "C", "A-2"}, a.geneNames());
        assertArrayEquals(new String[] {"ENSG01", "ENSG02", "ENSG03", "ENSG04", "ENSG05"},
                ((StringColumn) a.var().column("gene_ids")).values());
        assertEquals("Gene Expression", a.var().column("feature_types").stringValue(4));
        float[][] expected = {
                {3, 0, 1, 0, 0},
                {0, 7, 0, 0, 2},
                {0, 0, 4, 1, 0},
        };
        float[] row = new float[5];
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected[i], a.x().row(i, row), "cell " + i);
        }
        assertEquals(6, a.x().storedEntries());
    }

    @Test
    void readsV2FolderWithPlainGenesTsvAndUnsortedEntries() throws IOException {
        Path d = Files.createDirectories(dir.resolve("v2"));
        Files.writeString(d.resolve("matrix.mtx"), String.join("\n",
                "%%MatrixMarket matrix coordinate real general",
                "3 2 4",
                "3 1 0.5",
                "1 1 2",
                "2 2 1",
                "1 2 4",
                ""));
        Files.writeString(d.resolve("genes.tsv"), "ENSG1\tX\nENSG2\tY\nENSG3\tZ\n");
        Files.writeString(d.resolve("barcodes.tsv"), "b1\nb2\n");
        AnnData a = new TenXReader().read(d);
        assertArrayEquals(new String[] {"X", "Y", "Z"}, a.geneNames());
        assertFalse(a.var().has("feature_types"));
        float[] row = new float[3];
        assertArrayEquals(new float[] {2, 0, 0.5f}, a.x().row(0, row));
        assertArrayEquals(new float[] {4, 1, 0}, a.x().row(1, row));
    }

    @Test
    void patternMatrixMeansOnes() throws IOException {
        Path d = Files.createDirectories(dir.resolve("pattern"));
        Files.writeString(d.resolve("matrix.mtx"), "%%MatrixMarket matrix coordinate pattern general\n2 2 2\n1 2\n2 1\n");
        Files.writeString(d.resolve("features.tsv"), "g1\tG1\tGene Expression\ng2\tG2\tGene Expression\n");
        Files.writeString(d.resolve("barcodes.tsv"), "c1\nc2\n");
        AnnData a = new TenXReader().read(d);
        assertEquals(1f, a.x().get(0, 1));
        assertEquals(1f, a.x().get(1, 0));
        assertEquals(0f, a.x().get(0, 0));
    }

    @Test
    void shapeMismatchBetweenMatrixAndFeatureList() throws IOException {
        Path d = v3Folder(MTX.replace("5 3 6", "4 3 6"));
        DataFileException e = assertThrows(DataFileException.class, () -> new TenXReader().read(d));
        assertMessage(e, "matrix.mtx.gz", "shape mismatch", "4 genes x 3 cells", "5 features and 3 barcodes");
        Path d2 = Files.createDirectories(dir.resolve("b"));
        Files.writeString(d2.resolve("matrix.mtx"), MTX);
        Files.writeString(d2.resolve("features.tsv"), FEATURES);
        Files.writeString(d2.resolve("barcodes.tsv"), "x\ny\n");
        assertMessage(assertThrows(DataFileException.class, () -> new TenXReader().read(d2)),
                "shape mismatch", "5 features and 2 barcodes");
    }

    @Test
    void truncatedMatrixEntries() throws IOException {
        String cut = String.join("\n", Arrays.copyOf(MTX.split("\n"), 6)) + "\n"; // header + size + 3 of 6 entries
        Path d = v3Folder(cut);
        DataFileException e = assertThrows(DataFileException.class, () -> new TenXReader().read(d));
        assertMessage(e, d.resolve("matrix.mtx.gz").toString(), "truncated", "announces 6 entries", "ends after 3");
    }

    @Test
    void truncatedGzipStream() throws IOException {
        StringBuilder sb = new StringBuilder("%%MatrixMarket matrix coordinate integer general\n5 3 3000\n");
        for (int k = 0; k < 3000; k++) {
            sb.append(1 + k % 5).append(' ').append(1 + (k / 5) % 3).append(' ').append(1).append('\n');
        }
        Path d = v3Folder(sb.toString());
        Path mtx = d.resolve("matrix.mtx.gz");
        byte[] bytes = Files.readAllBytes(mtx);
        Files.write(mtx, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> new TenXReader().read(d));
        assertInstanceOf(DataFileException.class, e, "a bare EOFException would not name the file: " + e);
        assertMessage(e, mtx.toString(), "gzip");
    }

    @Test
    void badEntriesAreReportedWithTheirLine() throws IOException {
        Path outOfRange = v3Folder(MTX.replace("4 3 1", "6 3 1"));
        assertMessage(assertThrows(DataFileException.class, () -> new TenXReader().read(outOfRange)),
                "entry 6", "index out of range", "'6 3 1'");
        Path negative = v3Folder(MTX.replace("4 3 1", "4 3 -2"));
        assertMessage(assertThrows(DataFileException.class, () -> new TenXReader().read(negative)),
                "entry 6", "counts must be finite and >= 0");
        Path garbage = v3Folder(MTX.replace("4 3 1", "4 x 1"));
        assertMessage(assertThrows(DataFileException.class, () -> new TenXReader().read(garbage)),
                "entry 6", "cannot parse '4 x 1'");
        Path twice = v3Folder(MTX.replace("4 3 1", "3 3 1"));
        assertMessage(assertThrows(DataFileException.class, () -> new TenXReader().read(twice)), "matrix.mtx.gz", "twice");
    }

    @Test
    void missingFilesAndNotAFolder() throws IOException {
        Path d = Files.createDirectories(dir.resolve("incomplete"));
        Files.writeString(d.resolve("matrix.mtx"), MTX);
        Files.writeString(d.resolve("features.tsv"), FEATURES);
        DataFileException e = assertThrows(DataFileException.class, () -> new TenXReader().read(d));
        assertMessage(e, d.toString(), "incomplete 10x folder", "missing barcodes.tsv");
        Path file = Files.writeString(dir.resolve("x.txt"), "x");
        assertMessage(assertThrows(DataFileException.class, () -> new TenXReader().read(file)), file.toString(), "not a directory");
        Files.writeString(d.resolve("barcodes.tsv"), "");
        assertMessage(assertThrows(DataFileException.class, () -> new TenXReader().read(d)), "barcodes.tsv", "empty file");
        Files.writeString(d.resolve("barcodes.tsv"), BARCODES);
        Files.writeString(d.resolve("matrix.mtx"), "%%MatrixMarket matrix array real general\n5 3\n");
        assertMessage(assertThrows(DataFileException.class, () -> new TenXReader().read(d)), "coordinate");
        Files.writeString(d.resolve("matrix.mtx"), "hello\n");
        assertMessage(assertThrows(DataFileException.class, () -> new TenXReader().read(d)), "not a MatrixMarket file");
    }
}
