package org.scgmvae.core.io;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.StringColumn;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads a 10x Genomics Cell Ranger matrix folder: {@code matrix.mtx[.gz]} (genes x cells,
 * MatrixMarket coordinate format), {@code barcodes.tsv[.gz]} and {@code features.tsv[.gz]}
 * (v3) or {@code genes.tsv} (v2). Like scanpy's {@code read_10x_mtx}, gene symbols become the
 * var names (made unique with -1, -2 suffixes, since symbols repeat) and the Ensembl IDs are kept
 * in var column {@code gene_ids}.
 */
public final class TenXReader {

    public AnnData read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir, null, "not a directory (a 10x matrix folder holds matrix.mtx, barcodes.tsv and features.tsv)");
        }
        Path mtx = TextFiles.find(dir, "matrix.mtx");
        Path barcodesFile = TextFiles.find(dir, "barcodes.tsv");
        Path featuresFile = TextFiles.find(dir, "features.tsv", "genes.tsv");
        if (mtx == null || barcodesFile == null || featuresFile == null) {
            throw new DataFileException(dir, null, "incomplete 10x folder: needs matrix.mtx[.gz], barcodes.tsv[.gz] and features.tsv[.gz] or genes.tsv; missing "
                    + (mtx == null ? "matrix.mtx " : "") + (barcodesFile == null ? "barcodes.tsv " : "")
                    + (featuresFile == null ? "features.tsv/genes.tsv" : "").trim());
        }
        List<String[]> features = guarded(featuresFile, () -> readTsv(featuresFile));
        List<String[]> barcodes = guarded(barcodesFile, () -> readTsv(barcodesFile));
        CsrMatrix x = guarded(mtx, () -> readMtxTransposed(mtx, features.size(), barcodes.size()));
        String[] cellNames = barcodes.stream().map(r -> r[0]).toArray(String[]::new);
        String[] ids = features.stream().map(r -> r[0]).toArray(String[]::new);
        String[] symbols = features.stream().map(r -> r.length > 1 ? r[1] : r[0]).toArray(String[]::new);
        LinkedHashMap<String, StringColumn> varCols = new LinkedHashMap<>();
        varCols.put("gene_ids", new StringColumn(ids));
        if (features.get(0).length > 2) {
            varCols.put("feature_types", new StringColumn(features.stream().map(r -> r.length > 2 ? r[2] : null).toArray(String[]::new)));
        }
        DataFrame var = new DataFrame(GeneNames.makeUnique(symbols), varCols);
        return new AnnData(x, DataFrame.ofIndex(cellNames), var);
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** Runs a read of {@code file}, turning a truncated/corrupt gzip stream into an error that names the file. */
    private static <T> T guarded(Path file, IoSupplier<T> read) throws IOException {
        try {
            return read.get();
        } catch (IOException e) {
            DataFileException corrupt = TextFiles.corruptCompression(file, e);
            throw corrupt != null ? corrupt : e;
        }
    }

    private static List<String[]> readTsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = TextFiles.open(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new DataFileException(file, null, "empty file");
        }
        return rows;
    }

    /** Reads genes x cells coordinates and builds the cells x genes CSR matrix by counting sort. */
    private static CsrMatrix readMtxTransposed(Path file, int nFeatures, int nBarcodes) throws IOException {
        try (BufferedReader r = TextFiles.open(file)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("%%MatrixMarket")) {
                throw new DataFileException(file, null, "not a MatrixMarket file (first line must start with %%MatrixMarket)");
            }
            if (!header.contains("coordinate")) {
                throw new DataFileException(file, null, "only the sparse 'coordinate' MatrixMarket format is supported");
            }
            String fields = header.toLowerCase(java.util.Locale.ROOT); // the MatrixMarket banner is case-insensitive
            boolean pattern = fields.contains("pattern");
            boolean integer = fields.contains("integer");
            String line;
            do {
                line = r.readLine();
            } while (line != null && (line.startsWith("%") || line.isBlank()));
            if (line == null) {
                throw new DataFileException(file, null, "missing the size line (rows cols entries)");
            }
            String[] size = line.trim().split("\\s+");
            int rows = Integer.parseInt(size[0]);
            int cols = Integer.parseInt(size[1]);
            int nnz = Math.toIntExact(Long.parseLong(size[2]));
            if (rows != nFeatures || cols != nBarcodes) {
                throw new DataFileException(file, null, "shape mismatch: matrix is " + rows + " genes x " + cols
                        + " cells but the folder lists " + nFeatures + " features and " + nBarcodes + " barcodes");
            }
            int[] gene = new int[nnz];
            int[] cell = new int[nnz];
            float[] val = new float[nnz];
            for (int k = 0; k < nnz; k++) {
                line = r.readLine();
                if (line == null) {
                    throw new DataFileException(file, null, "truncated: header announces " + nnz + " entries but the file ends after " + k);
                }
                int p1 = line.indexOf(' ');
                int p2 = line.indexOf(' ', p1 + 1);
                try {
                    gene[k] = Integer.parseInt(line, 0, p1, 10) - 1;
                    cell[k] = Integer.parseInt(line, p1 + 1, p2 < 0 ? line.length() : p2, 10) - 1;
                    val[k] = pattern ? 1f : Float.parseFloat(line.substring(p2 + 1).trim());
                } catch (RuntimeException e) {
                    throw new DataFileException(file, "entry " + (k + 1), "cannot parse '" + line + "'", e);
                }
                if (gene[k] < 0 || gene[k] >= rows || cell[k] < 0 || cell[k] >= cols) {
                    throw new DataFileException(file, "entry " + (k + 1), "index out of range: '" + line + "'");
                }
                if (!Float.isFinite(val[k]) || val[k] < 0) {
                    throw new DataFileException(file, "entry " + (k + 1), "counts must be finite and >= 0 but found '" + line + "'");
                }
                if (integer && val[k] != Math.rint(val[k])) {
                    // the header promises counts; fractional values mean a file written by something else, not counts
                    throw new DataFileException(file, "entry " + (k + 1), "the header declares integer values but found '" + line
                            + "'; write the matrix with 'real' in its header if it holds other values than counts");
                }
            }
            long[] indptr = new long[cols + 1];
            for (int c : cell) {
                indptr[c + 1]++;
            }
            for (int i = 0; i < cols; i++) {
                indptr[i + 1] += indptr[i];
            }
            long[] next = indptr.clone();
            int[] indices = new int[nnz];
            float[] data = new float[nnz];
            for (int k = 0; k < nnz; k++) {
                int pos = (int) next[cell[k]]++;
                indices[pos] = gene[k];
                data[pos] = val[k];
            }
            try {
                return new CsrMatrix(cols, rows, indptr, indices, data);
            } catch (IllegalArgumentException e) {
                throw new DataFileException(file, null, e.getMessage(), e);
            }
        }
    }
}
