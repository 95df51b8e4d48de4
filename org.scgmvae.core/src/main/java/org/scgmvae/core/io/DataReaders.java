package org.scgmvae.core.io;

import org.scgmvae.core.data.AnnData;

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
        if (Files.isDirectory(path)) {
            return new TenXReader().read(path);
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h5ad") || name.endsWith(".h5")) {
            return new H5adReader(options).read(path);
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
