package org.scgmvae.bench;


import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.synthetic.Sampling;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.h5ad.CellRows;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Data and figures for the scale benchmark ({@code benchmarks/scale/scale.sh}), never committed:
 * <ul>
 * <li>{@code make SOURCE.h5ad N OUT.h5ad}: N cells x 2,000 genes resampled from the real raw counts of SOURCE
 * (Kang's control cells): each new cell copies a random real cell, scales its library by exp(N(0, 0.2^2)) and draws
 * every count from a Poisson around it; genes beyond the source's are noisy half-depth copies of random real genes.
 * Written a block at a time (memory of one block), with the source cell's obs columns.</li>
 * <li>{@code read FILE}: reads every block of X as {@code predict}/{@code encode} do; prints cells/s, MB/s and the
 * process' peak resident memory.</li>
 * </ul>
 */
public final class ScaleBenchmark {

    static final int GENES = 2000;
    static final int BLOCK = 8192;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("make")) {
            make(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
        } else if (args.length >= 2 && args[0].equals("read")) {
            read(Path.of(args[1]));
        } else {
            System.err.println("usage: ScaleBenchmark make SOURCE.h5ad N OUT.h5ad | read FILE.h5ad");
            System.exit(2);
        }
    }

    static void make(Path source, int n, Path out) throws IOException {
        long t0 = System.nanoTime();
        AnnData src = new H5adReader().read(source);
        CsrMatrix counts = CsrMatrix.fromDense(src.x());
        int real = src.nGenes();
        Random pick = new Random(7);
        int[] copyOf = new int[Math.max(0, GENES - real)];
        for (int q = 0; q < copyOf.length; q++) {
            copyOf[q] = pick.nextInt(real);
        }
        int genes = real + copyOf.length;
        String[] geneNames = new String[genes];
        for (int j = 0; j < genes; j++) {
            geneNames[j] = j < real ? src.geneNames()[j] : src.geneNames()[copyOf[j - real]] + "-copy" + (j - real);
        }
        int[] sourceCell = new int[n];
        Random choose = new Random(42);
        for (int i = 0; i < n; i++) {
            sourceCell[i] = choose.nextInt(src.nCells());
        }
        Map<String, Column> cols = new LinkedHashMap<>();
        for (String c : src.obs().columnNames()) {
            if (src.obs().column(c) instanceof CategoricalColumn cat) {
                int[] codes = new int[n];
                for (int i = 0; i < n; i++) {
                    codes[i] = cat.codes()[sourceCell[i]];
                }
                cols.put(c, new CategoricalColumn(codes, cat.categories(), cat.ordered()));
            }
        }
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "cell" + i;
        }
        CellRows rows = new CellRows() {
            private long nnz = -1;

            @Override
            public ExpressionMatrix rows(int from, int to) {
                return resample(counts, copyOf, sourceCell, from, to);
            }

            @Override
            public long storedEntries() {
                if (nnz < 0) {
                    long total = 0;
                    for (int from = 0; from < n; from += BLOCK) {
                        total += resample(counts, copyOf, sourceCell, from, Math.min(n, from + BLOCK)).storedEntries();
                    }
                    nnz = total;
                }
                return nnz;
            }

            @Override
            public boolean sparse() {
                return true;
            }
        };
        H5adWriter.write(new DataFrame(names, cols), DataFrame.ofIndex(geneNames), rows, out, BLOCK);
        System.out.printf(Locale.ROOT, "%s: %d cells x %d genes, %d stored values, %.0f MB, %.1f s%n", out.getFileName(), n, genes,
                rows.storedEntries(), Files.size(out) / 1e6, (System.nanoTime() - t0) / 1e9);
    }

    /** Cells {@code [from, to)}; each block draws from its own seed, so a block is the same every time it is asked for. */
    private static CsrMatrix resample(CsrMatrix counts, int[] copyOf, int[] sourceCell, int from, int to) {
        Random rnd = new Random(1_000_003L * from + 17);
        int real = counts.nGenes();
        CsrMatrix.Builder b = new CsrMatrix.Builder(real + copyOf.length);
        float[] row = new float[real];
        for (int i = from; i < to; i++) {
            int s = sourceCell[i];
            double depth = Math.exp(0.2 * rnd.nextGaussian());
            counts.row(s, row);
            for (int j = 0; j < real; j++) {
                if (row[j] > 0) {
                    int k = Sampling.poisson(rnd, row[j] * depth);
                    if (k > 0) {
                        b.add(j, k);
                    }
                }
            }
            for (int q = 0; q < copyOf.length; q++) {
                float c = row[copyOf[q]];
                if (c > 0) {
                    int k = Sampling.poisson(rnd, 0.5 * c * depth);
                    if (k > 0) {
                        b.add(real + q, k);
                    }
                }
            }
            b.endRow();
        }
        return b.build();
    }

    static void read(Path file) throws IOException {
        long t0 = System.nanoTime();
        long stored = 0;
        int n;
        try (H5adCellBlocks blocks = H5adCellBlocks.open(file, ReadOptions.defaults())) {
            n = blocks.nCells();
            double opened = (System.nanoTime() - t0) / 1e9;
            for (int from = 0; from < n; from += BLOCK) {
                stored += blocks.block(from, Math.min(n, from + BLOCK)).x().storedEntries();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "read %s: %d cells, %d stored values in %.1f s (obs/var %.1f s): %.0f cells/s, %.0f MB/s; peak RSS %s%n",
                    file.getFileName(), n, stored, s, opened, n / s, Files.size(file) / 1e6 / s, PeakMemory.describe());
        }
    }
}
