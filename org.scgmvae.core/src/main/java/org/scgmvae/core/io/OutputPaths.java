package org.scgmvae.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks an output path before any work is done, so that a command never writes over the data it reads (a model zip
 * in place of the user's .h5ad, or a rewritten input without its {@code uns}) and never fails after minutes of training
 * on a path that could not have been written. Each refusal is one sentence that names the option and the path.
 * Missing folders are not an error: the writers create them.
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /** What an output path is checked for. */
    public enum Kind {
        /** A cell table: .h5ad, .csv, .tsv or .txt. */
        CELLS,
        /** Any other single file (a model, a history CSV). */
        FILE,
        /** A folder that the command fills (a report). */
        FOLDER
    }

    /**
     * @param out    the output path as the user gave it
     * @param option the option that named it, for the message (e.g. {@code -o})
     * @param kind   what will be written there
     * @param inputs every path the command reads (input cells, model file); nulls are skipped
     * @throws DataFileException with one sentence naming the option, the path and what to do instead
     */
    public static void check(Path out, String option, Kind kind, Path... inputs) throws DataFileException {
        for (Path in : inputs) {
            if (in != null && same(out, in)) {
                throw new DataFileException(out, null, option + " names a file this command reads (" + in
                        + "): writing there would replace it; choose another output " + (kind == Kind.FOLDER ? "folder" : "file"));
            }
        }
        if (kind == Kind.FOLDER) {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new DataFileException(out, null, option + " needs a folder, and this is a file; name a new or existing folder");
            }
        } else {
            if (Files.isDirectory(out)) {
                throw new DataFileException(out, null, option + " needs a file name, and this is a folder; name a file in it, e.g. "
                        + out.resolve(kind == Kind.CELLS ? "cells.h5ad" : "model.scgmvae"));
            }
            if (kind == Kind.CELLS && !isCellTable(out)) {
                throw new DataFileException(out, null, option + ": unknown output format; use a .h5ad, .csv or .tsv file name");
            }
        }
        Path folder = kind == Kind.FOLDER ? out.toAbsolutePath() : out.toAbsolutePath().getParent();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new DataFileException(out, null, option + ": cannot create the folder " + folder + " because " + existing
                    + " is a file, not a folder");
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw new DataFileException(out, null, option + ": the folder " + existing + " is not writable");
        }
    }

    /** Two outputs of one command must not name the same file, or the second would replace the first. */
    public static void checkDistinct(Path a, String optionA, Path b, String optionB) throws DataFileException {
        if (a != null && b != null && same(a, b)) {
            throw new DataFileException(b, null, optionA + " and " + optionB + " name the same file; give each its own");
        }
    }

    public static boolean isCellTable(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".h5ad") || name.matches(".*\\.(csv|tsv|txt)");
    }

    /** Same file or folder: by the file system where both exist (links, case-insensitive systems), else by normalised path. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the path comparison
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
