package org.scgmvae.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.io.h5ad.CellRows;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Parquet table of cells ({@link ParquetCells}) written as one {@code .h5ad} file through the driver, a block of cells at a
 * time: data-parallel training has every executor read row ranges of one file, and the single-machine commands read
 * {@code .h5ad}. The table is scanned three times in its read order (the annotations and each cell's number of stored
 * values; X's values; X's gene indices, as a CSR matrix is laid out), so the driver holds the annotations and one block of
 * cells, never the matrix. Each block's cell names and values per cell are checked against the first scan, so a table that
 * changes while it is read is refused rather than written wrongly.
 */
final class ParquetToH5ad {

    private static final String STORED = "__stored";

    /** Cells per block on the driver: a few MB of a typical cell's values. */
    static final int BLOCK_CELLS = 4096;

    private ParquetToH5ad() {
    }

    /** What was written. */
    record Written(int cells, int genes, long storedValues) {
    }

    /**
     * Writes the cells of {@code table} (a location Spark reads) to {@code file}. Text annotations become categories in sorted
     * order (as pandas makes them), numbers stay numbers; a column that {@code to-parquet} renamed to {@code obs_<name>} gets
     * its name back.
     */
    static Written write(SparkSession spark, String table, Path file, int blockCells) throws IOException {
        if (blockCells < 1) {
            throw new IllegalArgumentException("--block-cells must be at least 1, got " + blockCells);
        }
        Dataset<Row> cells = spark.read().parquet(table);
        ParquetCells.Layout layout = ParquetCells.layout(cells.schema(), table);
        // the values a cell adds to X: every listed one of a sparse cell, the non-zeros of a dense one (as ParquetCells.block)
        org.apache.spark.sql.Column stored = layout.sparse() ? functions.size(functions.col(ParquetCells.VALUES))
                : functions.expr("size(filter(" + ParquetCells.VALUES + ", v -> cast(v as float) != 0))"); // as block() keeps them
        List<org.apache.spark.sql.Column> first = new ArrayList<>();
        first.add(functions.col(ParquetCells.CELL));
        layout.obs().forEach(o -> first.add(functions.col("`" + o + "`")));
        first.add(stored.cast(DataTypes.LongType).as(STORED));
        List<Row> annotations = cells.select(first.toArray(new org.apache.spark.sql.Column[0])).collectAsList();
        int n = annotations.size();
        if (n == 0) {
            throw new IllegalArgumentException(table + ": the table holds no cells");
        }
        String[] names = new String[n];
        long[] perCell = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            Row r = annotations.get(i);
            names[i] = r.getString(0);
            if (names[i] == null) {
                throw new IllegalArgumentException(table + ": cell " + i + " (in the table's read order) has no name");
            }
            perCell[i] = r.isNullAt(r.length() - 1) ? -1 : r.getLong(r.length() - 1);
            if (perCell[i] < 0) {
                throw new IllegalArgumentException(table + ": cell '" + names[i] + "' has no values");
            }
            total += perCell[i];
        }
        Map<String, Column> obs = new LinkedHashMap<>();
        List<String> obsNames = obsNames(layout.obs());
        for (int c = 0; c < layout.obs().size(); c++) {
            obs.put(obsNames.get(c), ParquetCells.annotation(annotations, layout.obs().get(c)));
        }
        annotations = null; // the columns are built; let the rows go before the matrix passes
        DataFrame obsFrame = new DataFrame(names, obs);
        Dataset<Row> matrix = cells.select(layout.sparse()
                ? new org.apache.spark.sql.Column[] {functions.col(ParquetCells.CELL), functions.col(ParquetCells.INDICES), functions.col(ParquetCells.VALUES)}
                : new org.apache.spark.sql.Column[] {functions.col(ParquetCells.CELL), functions.col(ParquetCells.VALUES)});
        ParquetCells.Layout xOnly = new ParquetCells.Layout(layout.genes(), layout.sparse(), List.of());
        H5adWriter.write(obsFrame, DataFrame.ofIndex(layout.genes()), new TableRows(matrix, xOnly, table, names, perCell, total), file,
                blockCells);
        return new Written(n, layout.genes().length, total);
    }

    /**
     * The obs names of a table's annotation columns: to-parquet's {@code obs_cell} (renamed beside the table's own 'cell') is
     * 'cell' again, unless the table has an annotation of that name too ({@code source_file} after a second to-parquet),
     * which then keeps it, and {@code obs_source_file} stays as it is.
     */
    static List<String> obsNames(List<String> tableColumns) {
        List<String> out = new ArrayList<>(tableColumns.size());
        for (String c : tableColumns) {
            String own = c.startsWith("obs_") ? c.substring(4) : null;
            boolean renamed = own != null && ParquetCells.tableName(own).equals(c) && !tableColumns.contains(own);
            out.add(renamed ? own : c);
        }
        return out;
    }

    /**
     * X handed to the writer a block at a time from a scan of the table in its read order; asked for the first rows again (the
     * writer's second pass, for the gene indices), it starts a new scan.
     */
    private static final class TableRows implements CellRows {
        private final Dataset<Row> matrix;
        private final ParquetCells.Layout layout;
        private final String table;
        private final String[] names;
        private final long[] perCell;
        private final long total;
        private Iterator<Row> scan;
        private int position;

        TableRows(Dataset<Row> matrix, ParquetCells.Layout layout, String table, String[] names, long[] perCell, long total) {
            this.matrix = matrix;
            this.layout = layout;
            this.table = table;
            this.names = names;
            this.perCell = perCell;
            this.total = total;
        }

        @Override
        public ExpressionMatrix rows(int from, int to) {
            if (scan == null || from < position) {
                scan = matrix.toLocalIterator();
                position = 0;
            }
            while (position < from) {
                next();
                position++;
            }
            List<Row> rows = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                rows.add(next());
            }
            position = to;
            AnnData block = ParquetCells.block(rows, layout, table);
            CsrMatrix x = (CsrMatrix) block.x();
            for (int i = 0; i < rows.size(); i++) {
                long values = x.indptr()[i + 1] - x.indptr()[i];
                if (!Objects.equals(block.cellNames()[i], names[from + i]) || values != perCell[from + i]) {
                    throw new IllegalStateException(table + ": the table changed while it was read (cell " + (from + i) + " was '"
                            + names[from + i] + "' with " + perCell[from + i] + " values, now '" + block.cellNames()[i] + "' with " + values
                            + ")");
                }
            }
            return x;
        }

        private Row next() {
            if (!scan.hasNext()) {
                throw new IllegalStateException(table + ": the table changed while it was read (fewer than " + names.length + " cells)");
            }
            return scan.next();
        }

        @Override
        public long storedEntries() {
            return total;
        }

        @Override
        public boolean sparse() {
            return true;
        }
    }
}
