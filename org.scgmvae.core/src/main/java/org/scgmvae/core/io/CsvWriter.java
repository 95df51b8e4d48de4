package org.scgmvae.core.io;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.DenseMatrix;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes cells as rows: cell name, obs columns, obsm embeddings (e.g. X_gmvae_z_0..), and
 * optionally the expression matrix with gene names as headers. Tab-separated for .tsv, else comma.
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    public static void write(AnnData data, Path file, boolean withX) throws IOException {
        if (withX) {
            // one header row holds both: a repeated name cannot be read back (genes are matched by name)
            java.util.Set<String> genes = new java.util.HashSet<>(java.util.Arrays.asList(data.geneNames()));
            for (String c : data.obs().columnNames()) {
                if (genes.contains(c)) {
                    throw new DataFileException(file, null, "obs column '" + c + "' has the name of a gene, and a table's header holds"
                            + " both: write an .h5ad file instead, or rename the column");
                }
            }
        }
        AtomicFile.write(file, partial -> writeTo(data, partial, CsvReader.delimiterFor(file), withX));
    }

    private static void writeTo(AnnData data, Path file, char d, boolean withX) throws IOException {
        // an embedding's columns replace obs columns of the same names (a results table read back holds the last run's
        // X_gmvae_probs_0.. as annotations): one header never names a column twice
        java.util.Set<String> embedded = new java.util.HashSet<>();
        data.obsm().forEach((key, m) -> java.util.stream.IntStream.range(0, m.nGenes()).forEach(j -> embedded.add(key + "_" + j)));
        List<String> obsNames = data.obs().columnNames().stream().filter(c -> !embedded.contains(c)).toList();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder("cell");
            for (String c : obsNames) {
                h.append(d).append(quote(c, d));
            }
            for (Map.Entry<String, DenseMatrix> e : data.obsm().entrySet()) {
                for (int j = 0; j < e.getValue().nGenes(); j++) {
                    h.append(d).append(quote(e.getKey() + "_" + j, d));
                }
            }
            if (withX) {
                for (String g : data.geneNames()) {
                    h.append(d).append(quote(g, d));
                }
            }
            w.write(h.toString());
            w.newLine();
            float[] row = new float[data.nGenes()];
            for (int i = 0; i < data.nCells(); i++) {
                StringBuilder sb = new StringBuilder(quote(data.cellNames()[i], d));
                for (String name : obsNames) {
                    String v = data.obs().column(name).stringValue(i);
                    sb.append(d).append(v == null ? "" : quote(v, d));
                }
                for (DenseMatrix m : data.obsm().values()) {
                    for (int j = 0; j < m.nGenes(); j++) {
                        sb.append(d).append(m.get(i, j));
                    }
                }
                if (withX) {
                    data.x().row(i, row);
                    for (float v : row) {
                        sb.append(d).append(v == 0f ? "0" : Float.toString(v));
                    }
                }
                w.write(sb.toString());
                w.newLine();
            }
        }
    }

    private static String quote(String s, char d) {
        if (s.indexOf(d) >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
