package org.scgmvae.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Input that cannot be read as valid single-cell data. The message always names the file, the
 * object inside it (e.g. {@code /obs/cell_type}) and what is wrong, so a user can fix the file
 * without reading a stack trace.
 */
public class DataFileException extends IOException {

    public DataFileException(Path file, String object, String problem) {
        super(format(file, object, problem));
    }

    public DataFileException(Path file, String object, String problem, Throwable cause) {
        super(format(file, object, problem), cause);
    }

    private static String format(Path file, String object, String problem) {
        String where = file == null ? "" : file.toString();
        if (object != null && !object.isEmpty()) {
            where = where.isEmpty() ? object : where + ": " + object;
        }
        return where.isEmpty() ? problem : where + ": " + problem;
    }
}
