package org.scgmvae.core.io;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 19's corpus files, written by the tests that use them (the command line's and the KNIME nodes'): each a small
 * file a user could have, with one thing wrong or odd, in each input format (.h5ad, a 10x folder, CSV/TSV).
 */
public final class BadInputFiles {

    private BadInputFiles() {
    }

    public static Path h5ad(Path dir, AnnData a) throws IOException {
        Path p = dir.resolve("cells.h5ad");
        H5adWriter.write(a, p, true);
        return p;
    }

    public static Path csv(Path dir, AnnData a) throws IOException {
        Path p = dir.resolve("cells.csv");
        CsvWriter.write(a, p, true);
        return p;
    }

    public static Path tsv(Path dir, AnnData a) throws IOException {
        Path p = dir.resolve("cells.tsv");
        CsvWriter.write(a, p, true);
        return p;
    }

    public static Path text(Path p, String s) throws IOException {
        Files.writeString(p, s, StandardCharsets.UTF_8);
        return p;
    }

    /** A CSR file whose indptr steps back between rows 5 and 6 (two offsets swapped, as a broken writer might leave them). */
    public static Path decreasingIndptr(Path dir, AnnData counts) throws IOException {
        CsrMatrix x = CsrMatrix.fromDense(counts.x());
        // the matrix keeps the array it was checked with, so the fixture can break it afterwards for the writer
        long[] ip = x.indptr();
        long t = ip[5];
        ip[5] = ip[6];
        ip[6] = t;
        return h5ad(dir, new AnnData(x, counts.obs(), counts.var()));
    }

    /** A CellRanger folder (matrix.mtx, features.tsv, barcodes.tsv) of {@code a}'s counts, {@code fewerBarcodes} left out. */
    public static Path tenX(Path dir, AnnData a, int fewerBarcodes, boolean halves) throws IOException {
        Path f = Files.createDirectories(dir.resolve("cells"));
        StringBuilder mtx = new StringBuilder();
        List<String> entries = new ArrayList<>();
        ExpressionMatrix x = a.x();
        for (int i = 0; i < a.nCells(); i++) {
            int cell = i;
            x.forEachNonZero(i, (gene, v) -> entries.add((gene + 1) + " " + (cell + 1) + " " + (halves ? (v + 0.5) : String.valueOf((int) v))));
        }
        mtx.append("%%MatrixMarket matrix coordinate integer general\n%\n").append(a.nGenes()).append(' ').append(a.nCells())
                .append(' ').append(entries.size()).append('\n');
        entries.forEach(e -> mtx.append(e).append('\n'));
        text(f.resolve("matrix.mtx"), mtx.toString());
        StringBuilder features = new StringBuilder();
        for (String g : a.geneNames()) {
            features.append("ENSG_").append(g).append('\t').append(g).append("\tGene Expression\n");
        }
        text(f.resolve("features.tsv"), features.toString());
        text(f.resolve("barcodes.tsv"), String.join("\n", Arrays.copyOf(a.cellNames(), a.nCells() - fewerBarcodes)) + "\n");
        return f;
    }

    /** A CSV of the counts with delimiter {@code sep}, the value of (row, gene) replaced by {@code value} when given. */
    public static Path csvWith(Path dir, AnnData counts, String name, char sep, int row, int gene, String value) throws IOException {
        StringBuilder s = new StringBuilder("cell");
        for (String g : counts.geneNames()) {
            s.append(sep).append(g);
        }
        s.append('\n');
        float[] v = new float[counts.nGenes()];
        for (int i = 0; i < counts.nCells(); i++) {
            counts.x().row(i, v);
            s.append(counts.cellNames()[i]);
            for (int j = 0; j < v.length; j++) {
                s.append(sep).append(i == row && j == gene ? value : String.valueOf((int) v[j]));
            }
            s.append('\n');
        }
        return text(dir.resolve(name), s.toString());
    }

    public static Path raggedTsv(Path dir) throws IOException {
        return text(dir.resolve("cells.tsv"), "cell\tG1\tG2\tG3\nc1\t1\t0\t4\nc2\t2\t5\nc3\t0\t1\t1\n");
    }

    public static CategoricalColumn one(int n, String value) {
        String[] v = new String[n];
        Arrays.fill(v, value);
        return CategoricalColumn.fromStrings(v);
    }

    /** {@code value} in every cell but the last, which holds {@code other}. */
    public static CategoricalColumn allButLast(int n, String value, String other) {
        String[] v = new String[n];
        Arrays.fill(v, value);
        v[n - 1] = other;
        return CategoricalColumn.fromStrings(v);
    }

    public static CategoricalColumn missing(int n) {
        return CategoricalColumn.fromStrings(new String[n], List.of("A", "B"));
    }

    /** The obs column's values as text, every {@code every}-th cell holding {@code text} instead (as pandas' astype(str) writes NaN). */
    public static CategoricalColumn withText(AnnData a, String column, int every, String text) {
        String[] v = new String[a.nCells()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % every == 0 ? text : a.obs().column(column).stringValue(i);
        }
        return CategoricalColumn.fromStrings(v);
    }

    public static NumericColumn measurements(int n) {
        double[] v = new double[n];
        Arrays.setAll(v, i -> 10.25 + i * 0.37);
        return new NumericColumn(v);
    }

    /** The cells with all but the last {@code kept} genes renamed. */
    public static AnnData renamedGenes(AnnData a, int renamed) {
        String[] g = a.geneNames().clone();
        for (int j = 0; j < renamed; j++) {
            g[j] = "OTHER" + j;
        }
        return a.withVar(DataFrame.ofIndex(g));
    }

    /** The first {@code n} cells' counts set to zero (empty droplets). */
    public static AnnData emptyCells(AnnData a, int n) {
        float[] v = dense(a);
        Arrays.fill(v, 0, n * a.nGenes(), 0f);
        return new AnnData(new DenseMatrix(a.nCells(), a.nGenes(), v), a.obs(), a.var());
    }

    /** The counts with the first {@code n} genes zero in every cell (and no counts layer). */
    public static AnnData emptyGenes(AnnData a, int n) {
        float[] v = dense(a);
        for (int i = 0; i < a.nCells(); i++) {
            Arrays.fill(v, i * a.nGenes(), i * a.nGenes() + n, 0f);
        }
        return new AnnData(new DenseMatrix(a.nCells(), a.nGenes(), v), a.obs(), a.var());
    }

    /** The counts with one entry negative (and no counts layer, so the values alone decide). */
    public static AnnData strayNegative(AnnData a) {
        float[] v = dense(a);
        v[7] = -3;
        return new AnnData(new DenseMatrix(a.nCells(), a.nGenes(), v), a.obs(), a.var());
    }

    /** log1p of counts per 10^4, as scanpy's normalize_total + log1p leave them. */
    public static AnnData logNormalised(AnnData a) {
        float[] v = dense(a);
        int g = a.nGenes();
        for (int i = 0; i < a.nCells(); i++) {
            double total = 0;
            for (int j = 0; j < g; j++) {
                total += v[i * g + j];
            }
            for (int j = 0; j < g; j++) {
                v[i * g + j] = (float) Math.log1p(v[i * g + j] / Math.max(total, 1) * 1e4);
            }
        }
        return new AnnData(new DenseMatrix(a.nCells(), g, v), a.obs(), a.var());
    }

    public static float[] dense(AnnData a) {
        float[] v = new float[a.nCells() * a.nGenes()];
        float[] row = new float[a.nGenes()];
        for (int i = 0; i < a.nCells(); i++) {
            a.x().row(i, row);
            System.arraycopy(row, 0, v, i * row.length, row.length);
        }
        return v;
    }
}
