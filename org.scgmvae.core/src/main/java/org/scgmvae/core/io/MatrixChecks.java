package org.scgmvae.core.io;

import org.scgmvae.core.data.ExpressionMatrix;

import java.nio.file.Path;

/** Value checks that turn silent garbage (NaN, Inf, negative counts) into a clear error. */
public final class MatrixChecks {

    private MatrixChecks() {
    }

    /** Every stored value must be finite; the message names the first offending cell and gene. */
    public static void requireFinite(ExpressionMatrix m, Path file, String object, String[] cells, String[] genes)
            throws DataFileException {
        requireFinite(m, file, object, cells, genes, 0);
    }

    /** As above for a block of a file's cells that starts at row {@code firstRow}: the message gives the row in the file. */
    public static void requireFinite(ExpressionMatrix m, Path file, String object, String[] cells, String[] genes, long firstRow)
            throws DataFileException {
        Offender o = firstOffender(m, false);
        if (o != null) {
            throw new DataFileException(file, object, "contains " + o.value + " at cell '" + cells[o.cell]
                    + "' (row " + (firstRow + o.cell) + "), gene '" + genes[o.gene] + "' (column " + o.gene
                    + "); expression values must be finite");
        }
    }

    /**
     * Counts must be finite and non-negative. Used where a method needs raw counts
     * (normalize_total, negative-binomial likelihood).
     */
    public static void requireCounts(ExpressionMatrix m, String what, String[] cells, String[] genes) {
        Offender o = firstOffender(m, true);
        if (o != null) {
            throw new IllegalArgumentException(what + " expects raw counts (finite, >= 0) but found " + o.value
                    + " at cell '" + cells[o.cell] + "', gene '" + genes[o.gene]
                    + "'. Was the data already log-transformed or scaled? Use the raw counts (e.g. layers/counts).");
        }
    }

    private record Offender(int cell, int gene, float value) {
    }

    private static Offender firstOffender(ExpressionMatrix m, boolean negativeToo) {
        Offender[] found = new Offender[1];
        for (int i = 0; i < m.nCells() && found[0] == null; i++) {
            final int cell = i;
            m.forEachNonZero(i, (g, v) -> {
                if (found[0] == null && (!Float.isFinite(v) || (negativeToo && v < 0))) {
                    found[0] = new Offender(cell, g, v);
                }
            });
        }
        return found[0];
    }
}
