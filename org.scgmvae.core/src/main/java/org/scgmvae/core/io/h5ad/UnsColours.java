package org.scgmvae.core.io.h5ad;

import io.jhdf.api.Dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The colours scanpy stores for a categorical obs column, {@code uns['<column>_colors']}: one hex colour per category, in
 * the column's category order. Pictures of the same cells then colour each category as scanpy's plots of the file did.
 */
public final class UnsColours {

    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?");

    private UnsColours() {
    }

    /**
     * The colours of {@code column} in {@code file}; null when the file is not an {@code .h5ad}, has none for it, or holds
     * anything but {@code #rrggbb} strings (scanpy also accepts colour names, which only matplotlib can resolve).
     */
    public static List<String> of(Path file, String column) {
        if (file == null || column == null || !file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".h5ad")) {
            return null;
        }
        try (H5adFile f = H5adFile.open(file)) {
            if (!(f.child("uns/" + column + "_colors") instanceof Dataset d) || d.isScalar() || d.getJavaType() != String.class) {
                return null;
            }
            String[] colours = (String[]) f.flat(d, "/uns/" + column + "_colors");
            for (String c : colours) {
                if (c == null || !HEX.matcher(c).matches()) {
                    return null;
                }
            }
            return List.of(colours);
        } catch (IOException | RuntimeException e) {
            return null; // colours are a nicety: an unreadable entry leaves the palette's
        }
    }
}
