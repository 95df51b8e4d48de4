package org.scgmvae.core.io;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads a delimited text matrix with cells as rows and genes as columns.
 *
 * <ul>
 *   <li>Delimiter: tab for {@code .tsv}/{@code .txt} (optionally {@code .gz}), else comma.</li>
 *   <li>The first row is the header. The first column holds cell names when its header is empty
 *       or any of its values is not a number; otherwise cells are numbered 0, 1, ...</li>
 *   <li>Every other column is a gene, except columns named in {@code annotationColumns},
 *       columns containing any non-numeric value, and the numeric columns this library's own outputs
 *       hold ({@link #isWrittenAnnotation}: results and embeddings): those become obs annotations (text
 *       columns as categories, numeric ones as numbers).</li>
 * </ul>
 * The file is read twice (first to classify columns, then to fill the matrix) so that memory
 * stays proportional to the non-zero values.
 */
public final class CsvReader {

    private final Set<String> annotationColumns;
    private final ReadOptions options;

    public CsvReader(Set<String> annotationColumns, ReadOptions options) {
        this.annotationColumns = Set.copyOf(annotationColumns);
        this.options = options;
    }

    public CsvReader() {
        this(Set.of(), ReadOptions.defaults());
    }

    public AnnData read(Path file) throws IOException {
        try {
            return readChecked(file);
        } catch (IOException e) {
            DataFileException corrupt = TextFiles.corruptCompression(file, e);
            throw corrupt != null ? corrupt : e;
        }
    }

    private AnnData readChecked(Path file) throws IOException {
        char delim = delimiterFor(file);
        String[] header;
        boolean[] nonNumeric;
        int[] numbers;
        int[] texts;
        String[] firstText;
        int[] firstTextLine;
        int rows = 0;
        try (BufferedReader r = TextFiles.open(file)) {
            Records records = new Records(r, file, delim);
            String line = records.next();
            if (line == null || line.isBlank()) {
                throw new DataFileException(file, null, "empty file: expected a header row with gene names");
            }
            if (line.charAt(0) == '\uFEFF') {
                line = line.substring(1); // UTF-8 byte order mark (Excel's "CSV UTF-8"), not part of the first name
            }
            header = split(line, delim);
            nonNumeric = new boolean[header.length];
            numbers = new int[header.length];
            texts = new int[header.length];
            firstText = new String[header.length];
            firstTextLine = new int[header.length];
            while ((line = records.next()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = split(line, delim);
                checkWidth(file, f, header, records.startLine());
                for (int j = 0; j < f.length; j++) {
                    if (f[j].isEmpty()) {
                        continue;
                    }
                    if (isNumber(f[j])) {
                        numbers[j]++;
                    } else {
                        nonNumeric[j] = true;
                        if (texts[j]++ == 0) {
                            firstText[j] = f[j];
                            firstTextLine[j] = records.startLine();
                        }
                    }
                }
                rows++;
            }
        }
        // a column of numbers with a few text cells ('NA', a typo) is a gene with bad values, not an annotation:
        // taking it as text would drop the gene without a word
        for (int j = 1; j < header.length; j++) {
            if (texts[j] > 0 && numbers[j] > texts[j] && !annotationColumns.contains(header[j])) {
                throw new DataFileException(file, "column '" + header[j] + "'", "holds numbers in " + numbers[j] + " cells but '"
                        + firstText[j] + "' in line " + firstTextLine[j] + (texts[j] > 1 ? " and " + (texts[j] - 1) + " more text cells" : "")
                        + ": a gene column cannot hold text or missing values; fix or fill them (e.g. with 0), or name the column "
                        + "in --csv-annotations to read it as a cell annotation");
            }
        }
        if (rows == 0) {
            throw new DataFileException(file, null, "empty matrix: the header is not followed by any cell row");
        }
        boolean hasIndex = header[0].isEmpty() || nonNumeric[0];
        List<Integer> geneCols = new ArrayList<>();
        List<Integer> annCols = new ArrayList<>();
        for (int j = hasIndex ? 1 : 0; j < header.length; j++) {
            if (annotationColumns.contains(header[j]) || nonNumeric[j] || isWrittenAnnotation(header[j])) {
                annCols.add(j);
            } else {
                geneCols.add(j);
            }
        }
        for (String a : annotationColumns) {
            if (!Arrays.asList(header).contains(a)) {
                throw new DataFileException(file, "header", "annotation column '" + a + "' not found");
            }
        }
        if (geneCols.isEmpty()) {
            throw new DataFileException(file, "header", "no numeric gene columns found (all " + header.length + " columns hold text or are annotations)"
                    + otherSeparatorHint(header, delim));
        }
        String[] cellNames = new String[rows];
        String[][] annValues = new String[annCols.size()][rows];
        CsrMatrix.Builder b = new CsrMatrix.Builder(geneCols.size());
        try (BufferedReader r = TextFiles.open(file)) {
            Records records = new Records(r, file, delim);
            records.next();
            String line;
            int i = 0;
            while ((line = records.next()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = split(line, delim);
                cellNames[i] = hasIndex ? f[0] : Integer.toString(i);
                for (int a = 0; a < annCols.size(); a++) {
                    annValues[a][i] = f[annCols.get(a)];
                }
                for (int g = 0; g < geneCols.size(); g++) {
                    String s = f[geneCols.get(g)];
                    if (s.isEmpty()) {
                        throw new DataFileException(file, "line " + records.startLine(), "empty expression value for gene '" + header[geneCols.get(g)] + "'");
                    }
                    double special = parseNumber(s);
                    // Float.parseFloat rounds the decimal once; (float) of a double could round twice.
                    float v = Double.isFinite(special) ? Float.parseFloat(s.trim()) : (float) special;
                    if (v != 0f) {
                        b.add(g, v);
                    }
                }
                b.endRow();
                i++;
            }
        }
        LinkedHashMap<String, Column> obsCols = new LinkedHashMap<>();
        for (int a = 0; a < annCols.size(); a++) {
            String name = header[annCols.get(a)];
            obsCols.put(name, nonNumeric[annCols.get(a)] ? CategoricalColumn.fromStrings(annValues[a]) : numeric(annValues[a]));
        }
        String[] genes = geneCols.stream().map(j -> header[j]).toArray(String[]::new);
        DataFrame var = GeneNames.checkUnique(DataFrame.ofIndex(genes), options.makeGeneNamesUnique(), file, "header");
        CsrMatrix csr = b.build();
        ExpressionMatrix x = csr.storedEntries() * 2L > (long) rows * genes.length ? csr.toDense() : csr;
        DataFrame obs = new DataFrame(cellNames, obsCols);
        MatrixChecks.requireFinite(x, file, "matrix", obs.index(), var.index());
        return new AnnData(x, obs, var);
    }

    /**
     * Numeric columns of the tables this library writes that are not genes: the results ({@code gmvae_*}), the library sizes
     * the preprocessing adds, and embeddings written as {@code <obsm key>_<j>} (X_gmvae_z_0, X_umap_1, X_tsne_0), so that a
     * results table read back (predict on its own output, leiden on it) does not take them for genes.
     */
    static boolean isWrittenAnnotation(String column) {
        return column.startsWith("gmvae_") || column.equals("library_size") || column.matches("X_[A-Za-z0-9_]*_\\d+");
    }

    private static NumericColumn numeric(String[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i].isEmpty() ? Double.NaN : parseNumber(v[i]);
        }
        return new NumericColumn(d);
    }

    private static void checkWidth(Path file, String[] f, String[] header, int lineNo) throws DataFileException {
        if (f.length != header.length) {
            throw new DataFileException(file, "line " + lineNo, "has " + f.length + " fields but the header has " + header.length);
        }
    }

    /** Lines a quoted field may span before the file is taken for one whose quote is never closed. */
    static final int MAX_RECORD_LINES = 1000;

    /**
     * The records of a CSV file: a line, or several where a quoted field holds line breaks (pandas and spreadsheets write
     * them, and so does our writer); remembers the line each record starts on, for messages. A quote opens a field only
     * at the field's start (RFC 4180): a quote inside a value, such as {@code 5" UTR}, is a character.
     */
    static final class Records {
        private final BufferedReader reader;
        private final Path file;
        private final char delimiter;
        private int line;
        private int start;

        Records(BufferedReader reader, Path file, char delimiter) {
            this.reader = reader;
            this.file = file;
            this.delimiter = delimiter;
        }

        /** The next record, or null at the end. */
        String next() throws IOException {
            String first = reader.readLine();
            if (first == null) {
                return null;
            }
            start = ++line;
            if (!endsInsideQuotes(first, delimiter, false)) {
                return first;
            }
            StringBuilder record = new StringBuilder(first);
            boolean open = true;
            while (open) {
                String next = reader.readLine();
                if (next == null || line - start >= MAX_RECORD_LINES) {
                    throw new DataFileException(file, "line " + start, "a quoted field that starts here is not closed"
                            + (next == null ? " before the end of the file" : " within " + MAX_RECORD_LINES + " lines"));
                }
                line++;
                record.append('\n').append(next);
                open = endsInsideQuotes(next, delimiter, true);
            }
            return record.toString();
        }

        /** The line the last record started on (1 = the header). */
        int startLine() {
            return start;
        }
    }

    /** Whether a quoted field is still open at the end of {@code text} ({@code inside}: the text continues an open one). */
    static boolean endsInsideQuotes(String text, char delimiter, boolean inside) {
        boolean fieldStart = !inside;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inside) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++; // a doubled quote inside the field
                    } else {
                        inside = false;
                    }
                }
            } else if (c == '"' && fieldStart) {
                inside = true;
                fieldStart = false;
            } else {
                fieldStart = c == delimiter;
            }
        }
        return inside;
    }

    /** A one-column header that holds another separator: the file's fields are separated otherwise than its name says. */
    private static String otherSeparatorHint(String[] header, char delim) {
        if (header.length != 1) {
            return "";
        }
        for (char c : new char[] {';', '\t', ',', '|'}) {
            if (c != delim && header[0].indexOf(c) >= 0) {
                return "; the header is one field holding '" + (c == '\t' ? "\\t" : String.valueOf(c)) + "': the file seems to separate its"
                        + " fields by it, but a ." + (delim == '\t' ? "tsv/.txt/.tab file is read with tabs" : "csv file is read with commas")
                        + " (name a tab-separated file .tsv; convert other separators)";
            }
        }
        return "";
    }

    static char delimiterFor(Path file) {
        String n = file.getFileName().toString().toLowerCase();
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".tsv") || n.endsWith(".txt") || n.endsWith(".tab") ? '\t' : ',';
    }

    private static boolean isNumber(String s) {
        try {
            parseNumber(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Java number syntax plus the spellings numpy/pandas/R write for non-finite values ("nan",
     * "inf", "-inf", "Inf"), so that such a value is reported as non-finite instead of silently
     * turning its gene column into a text annotation.
     */
    static double parseNumber(String s) {
        String t = s.trim();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                return Double.parseDouble(t);
            }
        }
    }

    /** Splits one line; supports double-quoted fields with embedded delimiters and "" escapes. */
    static String[] split(String line, char delim) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true; // a quote opens a quoted field only here (as in endsInsideQuotes); elsewhere it is a character
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == delim) {
                out.add(cur.toString());
                cur.setLength(0);
                fieldStart = true;
            } else if (c != '\r') {
                cur.append(c);
                fieldStart = false;
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }
}
