package org.scgmvae.core.io;

import org.scgmvae.core.io.h5ad.CarriedGroups;
import org.scgmvae.core.io.h5ad.H5adWriter;

import org.scgmvae.core.data.AnnData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Picks the writer from the file name: {@code .h5ad} or CSV/TSV. */
public final class DataWriters {

    private DataWriters() {
    }

    /** Whether a file of this name keeps layers (an .h5ad does; a CSV or TSV table holds X and the annotations only). */
    public static boolean keepsLayers(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5ad");
    }

    public static void write(AnnData data, Path file, boolean withX) throws IOException {
        write(data, file, withX, CarriedGroups.NONE);
    }

    /** As {@link #write(AnnData, Path, boolean)}; an {@code .h5ad} output carries over what {@code carried} names from the input. */
    public static void write(AnnData data, Path file, boolean withX, CarriedGroups carried) throws IOException {
        if (!OutputPaths.isCellTable(file)) {
            throw new DataFileException(file, null, "unknown output format; use a .h5ad, .csv or .tsv file name");
        }
        if (keepsLayers(file)) {
            H5adWriter.write(data, file, withX, carried);
        } else {
            CsvWriter.write(data, file, withX);
        }
    }
}
