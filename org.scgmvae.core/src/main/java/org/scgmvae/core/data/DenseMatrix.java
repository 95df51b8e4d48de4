package org.scgmvae.core.data;

import java.util.Arrays;

/** Row-major dense float32 matrix. */
public final class DenseMatrix implements ExpressionMatrix {

    private final int nCells;
    private final int nGenes;
    private final float[] values;

    /** Wraps (does not copy) a row-major array of length nCells * nGenes. */
    public DenseMatrix(int nCells, int nGenes, float[] values) {
        if (nCells < 0 || nGenes < 0) {
            throw new IllegalArgumentException("negative matrix shape " + nCells + " x " + nGenes);
        }
        if ((long) nCells * nGenes != values.length) {
            throw new IllegalArgumentException("dense matrix " + nCells + " x " + nGenes
                    + " needs " + (long) nCells * nGenes + " values but got " + values.length);
        }
        this.nCells = nCells;
        this.nGenes = nGenes;
        this.values = values;
    }

    public static DenseMatrix of(float[][] rows) {
        int n = rows.length;
        int m = n == 0 ? 0 : rows[0].length;
        float[] v = new float[n * m];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != m) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + m);
            }
            System.arraycopy(rows[i], 0, v, i * m, m);
        }
        return new DenseMatrix(n, m, v);
    }

    /** Any matrix as dense (the same object when it is dense already). */
    public static DenseMatrix copyOf(ExpressionMatrix m) {
        if (m instanceof DenseMatrix d) {
            return d;
        }
        int g = m.nGenes();
        float[] v = new float[Math.multiplyExact(m.nCells(), g)];
        for (int i = 0; i < m.nCells(); i++) {
            int off = i * g;
            m.forEachNonZero(i, (j, x) -> v[off + j] = x);
        }
        return new DenseMatrix(m.nCells(), g, v);
    }

    /** The backing row-major array (not a copy). */
    public float[] values() {
        return values;
    }

    @Override public int nCells() { return nCells; }

    @Override public int nGenes() { return nGenes; }

    @Override public long storedEntries() { return values.length; }

    @Override public boolean isSparse() { return false; }

    @Override
    public float get(int cell, int gene) {
        return values[cell * nGenes + gene];
    }

    @Override
    public float[] row(int cell, float[] dest) {
        System.arraycopy(values, cell * nGenes, dest, 0, nGenes);
        return dest;
    }

    @Override
    public void forEachNonZero(int cell, RowEntryConsumer consumer) {
        int off = cell * nGenes;
        for (int g = 0; g < nGenes; g++) {
            float v = values[off + g];
            if (v != 0f) {
                consumer.accept(g, v);
            }
        }
    }

    @Override
    public DenseMatrix selectCells(int[] cells) {
        float[] v = new float[cells.length * nGenes];
        for (int i = 0; i < cells.length; i++) {
            System.arraycopy(values, cells[i] * nGenes, v, i * nGenes, nGenes);
        }
        return new DenseMatrix(cells.length, nGenes, v);
    }

    @Override
    public DenseMatrix selectGenes(int[] genes) {
        float[] v = new float[nCells * genes.length];
        for (int i = 0; i < nCells; i++) {
            int src = i * nGenes;
            int dst = i * genes.length;
            for (int j = 0; j < genes.length; j++) {
                v[dst + j] = values[src + genes[j]];
            }
        }
        return new DenseMatrix(nCells, genes.length, v);
    }

    @Override
    public DenseMatrix map(ValueFunction f) {
        float[] v = new float[values.length];
        for (int i = 0; i < nCells; i++) {
            int off = i * nGenes;
            for (int g = 0; g < nGenes; g++) {
                v[off + g] = f.apply(i, g, values[off + g]);
            }
        }
        return new DenseMatrix(nCells, nGenes, v);
    }

    @Override
    public String toString() {
        return "DenseMatrix[" + nCells + " x " + nGenes + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseMatrix d && d.nCells == nCells && d.nGenes == nGenes && Arrays.equals(d.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * nCells + nGenes) + Arrays.hashCode(values);
    }
}
