package org.scgmvae.core.io;

import org.scgmvae.core.io.h5ad.H5adReader;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.task.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Picks the reader from the path: a folder is a 10x matrix folder, {@code .h5ad} is AnnData, text is CSV/TSV. */
public final class DataReaders {

    private DataReaders() {
    }

    public static AnnData read(Path path, ReadOptions options, Set<String> csvAnnotationColumns) throws IOException {
        return read(path, options, csvAnnotationColumns, Progress.NONE);
    }

    /** As above; an .h5ad file reports its parts and stops between them when cancelled (the other formats report the end). */
    public static AnnData read(Path path, ReadOptions options, Set<String> csvAnnotationColumns, Progress progress) throws IOException {
        progress.check();
        AnnData data = readAny(path, options, csvAnnotationColumns, progress);
        progress.step(1, 1, "read " + data.nCells() + " cells x " + data.nGenes() + " genes");
        return data;
    }

    private static AnnData readAny(Path path, ReadOptions options, Set<String> csvAnnotationColumns, Progress progress) throws IOException {
        if (Files.isDirectory(path)) {
            return new TenXReader().read(path);
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h5ad") || name.endsWith(".h5")) {
            return new H5adReader(options).read(path, progress);
        }
        if (name.matches(".*\\.(csv|tsv|txt|tab)(\\.gz)?")) {
            return new CsvReader(csvAnnotationColumns, options).read(path);
        }
        if (!Files.exists(path)) {
            throw new DataFileException(path, null, "file not found");
        }
        throw new DataFileException(path, null, "unknown data format; expected an .h5ad file, a 10x matrix folder or a .csv/.tsv file");
    }

    public static AnnData read(Path path) throws IOException {
        return read(path, ReadOptions.defaults(), Set.of());
    }
}
