package org.scgmvae.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.NumericColumn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReaderTest {

    @TempDir
    Path dir;

    Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(p, content);
        }
        return p;
    }

    static float[][] dense(AnnData a) {
        float[][] out = new float[a.nCells()][a.nGenes()];
        for (int i = 0; i < a.nCells(); i++) {
            a.x().row(i, out[i]);
        }
        return out;
    }

    static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void indexColumnTextAnnotationAndSparseMatrix() throws IOException {
        Path f = write("cells.csv", String.join("\n",
                "cell,GeneA,GeneB,cell_type,GeneC,GeneD,GeneE",
                "AAAC-1,0,0,T cell,3,0,0",
                "AAAG-1,1,0,B cell,0,0,0",
                "AATT-1,0,0,T cell,0,0,2.5",
                ""));
        AnnData a = new CsvReader().read(f);
        assertArrayEquals(new String[] {"AAAC-1", "AAAG-1", "AATT-1"}, a.cellNames());
        assertArrayEquals(new String[] {"GeneA", "GeneB", "GeneC", "GeneD", "GeneE"}, a.geneNames());
        // 3 non-zeros of 15 -> kept sparse
        assertInstanceOf(CsrMatrix.class, a.x());
        assertArrayEquals(new float[][] {{0, 0, 3, 0, 0}, {1, 0, 0, 0, 0}, {0, 0, 0, 0, 2.5f}}, dense(a));
        CategoricalColumn ct = (CategoricalColumn) a.obs().column("cell_type");
        assertEquals(List.of("T cell", "B cell"), ct.categories());
        assertArrayEquals(new int[] {0, 1, 0}, ct.codes());
        assertEquals(List.of("cell_type"), a.obs().columnNames());
    }

    @Test
    void namedNumericAnnotationColumnAndDenseMatrix() throws IOException {
        Path f = write("cells.csv", String.join("\n",
                "barcode,g1,g2,batch,g3",
                "c1,1,2,0,3",
                "c2,4,5,1,0",
                "c3,7,0,1,9",
                "c4,1,1,,1"));
        AnnData a = new CsvReader(Set.of("batch"), ReadOptions.defaults()).read(f);
        assertArrayEquals(new String[] {"g1", "g2", "g3"}, a.geneNames());
        // 10 non-zeros of 12 -> dense
        assertInstanceOf(DenseMatrix.class, a.x());
        assertArrayEquals(new float[][] {{1, 2, 3}, {4, 5, 0}, {7, 0, 9}, {1, 1, 1}}, dense(a));
        NumericColumn batch = (NumericColumn) a.obs().column("batch");
        assertEquals(0, batch.values()[0]);
        assertEquals(1, batch.values()[2]);
        assertTrue(Double.isNaN(batch.values()[3]), "empty annotation value is missing");

        // without naming it, the numeric "batch" column is a gene, and its empty value an error
        DataFileException e = assertThrows(DataFileException.class, () -> new CsvReader().read(f));
        assertMessage(e, f.toString(), "line 5", "empty expression value for gene 'batch'");
    }

    @Test
    void gzippedTsvWithoutIndexNumbersCells() throws IOException {
        Path f = write("m.tsv.gz", "g1\tg2\tg3\n0\t1\t2\n3\t0\t5\n");
        AnnData a = new CsvReader().read(f);
        assertArrayEquals(new String[] {"0", "1"}, a.cellNames());
        assertArrayEquals(new String[] {"g1", "g2", "g3"}, a.geneNames());
        assertArrayEquals(new float[][] {{0, 1, 2}, {3, 0, 5}}, dense(a));
    }

    @Test
    void emptyFirstHeaderFieldMeansIndexEvenWithNumericNames() throws IOException {
        // pandas' to_csv writes an empty first header field; the index values here look numeric
        Path f = write("pd.csv", ",gA,gB\n10,1,0\n11,0,2\n");
        AnnData a = new CsvReader().read(f);
        assertArrayEquals(new String[] {"10", "11"}, a.cellNames());
        assertArrayEquals(new String[] {"gA", "gB"}, a.geneNames());
        assertArrayEquals(new float[][] {{1, 0}, {0, 2}}, dense(a));
    }

    @Test
    void quotedFieldsAndCrLf() throws IOException {
        Path f = write("q.csv", "\"cell\",\"g,1\",g2,note\r\n\"c \"\"x\"\"\",1,2,\"a, b\"\r\nc2,3,4,c\r\n");
        AnnData a = new CsvReader().read(f);
        assertArrayEquals(new String[] {"c \"x\"", "c2"}, a.cellNames());
        assertArrayEquals(new String[] {"g,1", "g2"}, a.geneNames());
        assertEquals("a, b", a.obs().column("note").stringValue(0));
        assertArrayEquals(new float[][] {{1, 2}, {3, 4}}, dense(a));
    }

    /** A quoted value with a line break (pandas and spreadsheets write them; so does our writer) is one field of one row. */
    @Test
    void quotedLineBreaksStayInsideTheirField() throws IOException {
        Path f = write("nl.csv", "cell,note,g1,g2\nc1,\"two\nlines\",1,2\nc2,\"say \"\"hi\"\"\r\nthere\",3,4\nc3,plain,5,6\n");
        AnnData a = new CsvReader().read(f);
        assertArrayEquals(new String[] {"c1", "c2", "c3"}, a.cellNames());
        assertEquals("two\nlines", a.obs().column("note").stringValue(0));
        assertEquals("say \"hi\"\nthere", a.obs().column("note").stringValue(1));
        assertArrayEquals(new float[][] {{1, 2}, {3, 4}, {5, 6}}, dense(a));
    }

    /**
     * A quote inside a value (5" UTR) is a character, not the start of a quoted field; a quote that opens a field and is never
     * closed is named with its line instead of swallowing the rest of the file; line numbers count lines, also after a
     * field with a line break.
     */
    @Test
    void strayAndUnclosedQuotesAndLineNumbersAfterLineBreaks() throws IOException {
        AnnData a = new CsvReader().read(write("inch.csv", "cell,note,g1\nc1,5\" UTR,1\nc2,plain,2\n"));
        assertEquals("5\" UTR", a.obs().column("note").stringValue(0));
        assertArrayEquals(new float[][] {{1}, {2}}, dense(a));
        DataFileException open = assertThrows(DataFileException.class,
                () -> new CsvReader().read(write("open.csv", "cell,note,g1\nc1,\"never closed,1\nc2,x,2\n")));
        assertMessage(open, "open.csv", "line 2", "a quoted field that starts here is not closed before the end of the file");
        DataFileException empty = assertThrows(DataFileException.class,
                () -> new CsvReader().read(write("after.csv", "cell,note,g1\nc1,\"two\nlines\",1\nc2,x,\n")));
        assertMessage(empty, "after.csv", "line 4", "empty expression value for gene 'g1'");
    }

    /** A results table written by this library reads back with its results and embeddings as annotations, not genes. */
    @Test
    void ownResultColumnsAreAnnotationsNotGenes() throws IOException {
        AnnData a = new CsvReader().read(write("results.csv", "cell,gmvae_component,gmvae_probability,X_gmvae_z_0,X_tsne_1,library_size,G1,G2\n"
                + "c1,3,0.9,-1.5,2.25,1200,4,0\nc2,1,0.8,0.5,-3.0,900,0,7\n"));
        assertArrayEquals(new String[] {"G1", "G2"}, a.geneNames());
        assertEquals(java.util.List.of("gmvae_component", "gmvae_probability", "X_gmvae_z_0", "X_tsne_1", "library_size"), a.obs().columnNames());
        assertArrayEquals(new float[][] {{4, 0}, {0, 7}}, dense(a));
    }

    /** Predicting on a results table writes the new results once: its old embedding columns give way to the new ones. */
    @Test
    void resultsReadBackAndWrittenAgainNameEachColumnOnce() throws IOException {
        AnnData first = new CsvReader().read(write("r1.csv", "cell,X_gmvae_probs_0,X_gmvae_probs_1,G1\nc1,0.2,0.8,4\nc2,0.9,0.1,0\n"));
        AnnData again = first.withObsm("X_gmvae_probs", new DenseMatrix(2, 2, new float[] {0.3f, 0.7f, 0.6f, 0.4f}));
        Path out = dir.resolve("r2.csv");
        CsvWriter.write(again, out, true);
        String header = java.nio.file.Files.readAllLines(out).get(0);
        assertEquals("cell,X_gmvae_probs_0,X_gmvae_probs_1,G1", header);
        assertEquals(0.3f, (float) ((NumericColumn) new CsvReader().read(out).obs().column("X_gmvae_probs_0")).values()[0]);
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstName() throws IOException {
        // Excel's "CSV UTF-8" starts with a BOM; here the first column is a gene, not an index
        Path f = write("bom.csv", "\uFEFFGeneA,GeneB\n1,2\n3,4\n");
        AnnData a = new CsvReader().read(f);
        assertArrayEquals(new String[] {"GeneA", "GeneB"}, a.geneNames());
        assertArrayEquals(new String[] {"0", "1"}, a.cellNames());
    }

    @Test
    void delimiterByExtension() {
        assertEquals('\t', CsvReader.delimiterFor(Path.of("x.tsv")));
        assertEquals('\t', CsvReader.delimiterFor(Path.of("x.TXT.gz")));
        assertEquals(',', CsvReader.delimiterFor(Path.of("x.csv.gz")));
    }

    @Test
    void raggedRowNamesFileLineAndWidths() throws IOException {
        Path f = write("ragged.csv", "cell,g1,g2,g3\nc1,1,2,3\nc2,4,5\n");
        DataFileException e = assertThrows(DataFileException.class, () -> new CsvReader().read(f));
        assertMessage(e, f.toString(), "line 3", "has 3 fields but the header has 4");
    }

    @Test
    void missingAnnotationColumnIsReported() throws IOException {
        Path f = write("a.csv", "cell,g1\nc1,1\n");
        DataFileException e = assertThrows(DataFileException.class,
                () -> new CsvReader(Set.of("condition"), ReadOptions.defaults()).read(f));
        assertMessage(e, f.toString(), "annotation column 'condition' not found");
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        Path empty = write("empty.csv", "");
        assertMessage(assertThrows(DataFileException.class, () -> new CsvReader().read(empty)), empty.toString(), "empty file");
        Path header = write("header.csv", "cell,g1,g2\n");
        assertMessage(assertThrows(DataFileException.class, () -> new CsvReader().read(header)),
                header.toString(), "empty matrix", "not followed by any cell row");
    }

    @Test
    void onlyTextColumns() throws IOException {
        Path f = write("text.csv", "cell,type\nc1,a\nc2,b\n");
        assertMessage(assertThrows(DataFileException.class, () -> new CsvReader().read(f)), f.toString(), "no numeric gene columns");
    }

    @Test
    void nanInAGeneColumnIsAnError() throws IOException {
        Path f = write("nan.csv", "cell,g1,g2\nc1,1,2\nc2,NaN,4\n");
        DataFileException e = assertThrows(DataFileException.class, () -> new CsvReader().read(f));
        assertMessage(e, f.toString(), "NaN", "cell 'c2'", "gene 'g1'", "must be finite");
    }

    @Test
    void pythonStyleInfAndNanAreErrorsNotAnnotations() throws IOException {
        // numpy/pandas write inf and nan in lower case; such a gene column must not silently
        // turn into an obs annotation.
        Path inf = write("inf.csv", "cell,g1,g2\nc1,1,2\nc2,inf,4\n");
        DataFileException e = assertThrows(DataFileException.class, () -> new CsvReader().read(inf));
        assertMessage(e, inf.toString(), "Infinity", "cell 'c2'", "gene 'g1'");
        Path nan = write("nan2.tsv", "cell\tg1\tg2\nc1\t1\tnan\nc2\t3\t-inf\n");
        DataFileException e2 = assertThrows(DataFileException.class, () -> new CsvReader().read(nan));
        assertMessage(e2, nan.toString(), "NaN", "gene 'g2'");
    }

    /** R's NA or a typo among a gene's numbers used to turn the gene into a text annotation: it is gone without a word. */
    @Test
    void textAmongAGenesNumbersIsAnErrorNotAnAnnotation() throws IOException {
        Path na = write("na.csv", "cell,g1,g2,g3,type\nc1,1,2,NA,a\nc2,3,4,5,b\nc3,1,1,1,a\n");
        DataFileException e = assertThrows(DataFileException.class, () -> new CsvReader().read(na));
        assertMessage(e, na.toString(), "column 'g3'", "holds numbers in 2 cells but 'NA' in line 2", "--csv-annotations");
        Path typo = write("typo.csv", "cell,g1,g2\nc1,1,2\nc2,x,4\nc3,2,2\nc4,y,1\nc5,3,3\n");
        assertMessage(assertThrows(DataFileException.class, () -> new CsvReader().read(typo)), "column 'g1'",
                "holds numbers in 3 cells but 'x' in line 3 and 1 more text cells");
        // named as an annotation, the same column is read as text; a column mostly of text stays an annotation
        AnnData a = new CsvReader(java.util.Set.of("g3"), ReadOptions.defaults()).read(na);
        assertEquals(2, a.nGenes());
        assertEquals("NA", a.obs().column("g3").stringValue(0));
        AnnData b = new CsvReader().read(write("batch.csv", "cell,g1,batch\nc1,1,b1\nc2,2,b2\nc3,3,7\n"));
        assertEquals(1, b.nGenes());
        assertEquals("7", b.obs().column("batch").stringValue(2));
    }

    @Test
    void emptyExpressionValueIsAnError() throws IOException {
        Path f = write("hole.csv", "cell,g1,g2\nc1,1,\nc2,3,4\n");
        DataFileException e = assertThrows(DataFileException.class, () -> new CsvReader().read(f));
        assertMessage(e, f.toString(), "line 2", "empty expression value for gene 'g2'");
    }

    @Test
    void duplicateGeneNamesFailOrAreMadeUnique() throws IOException {
        Path f = write("dup.csv", "cell,A,B,A,A-1,A\nc1,1,2,3,4,5\n");
        DataFileException e = assertThrows(DataFileException.class, () -> new CsvReader().read(f));
        assertMessage(e, f.toString(), "duplicate gene names [A]");
        AnnData a = new CsvReader(Set.of(), ReadOptions.defaults().withMakeGeneNamesUnique(true)).read(f);
        // anndata's make_index_unique skips names that already exist ("A-1")
        assertArrayEquals(new String[] {"A", "B", "A-2", "A-1", "A-3"}, a.geneNames());
        assertArrayEquals(new float[][] {{1, 2, 3, 4, 5}}, dense(a));
    }

    @Test
    void truncatedGzipNamesTheFile() throws IOException {
        StringBuilder sb = new StringBuilder("cell,g1,g2\n");
        for (int i = 0; i < 2000; i++) {
            sb.append("c").append(i).append(',').append(i % 7).append(',').append(i % 3).append('\n');
        }
        Path full = write("big.csv.gz", sb.toString());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> new CsvReader().read(cut));
        assertInstanceOf(DataFileException.class, e);
        assertMessage(e, cut.toString(), "gzip");
        assertFalse(e.getMessage().isBlank());
    }
}
