package org.scgmvae.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where a model came from, stored in the model file as Tribuo stores provenance with its models: enough to tell two
 * models apart, to know which data and settings made one, and to train it again.
 *
 * @param library   the library that trained it, e.g. "sc*GMVAE 0.1.0"
 * @param trainedAt when training ended (ISO-8601, UTC)
 * @param cells     cells of the training data (before the split into training and validation cells)
 * @param genes     genes of the training data as read (before gene selection)
 * @param genesSha256 SHA-256 of those gene names, one per line: the same gene list gives the same hash
 * @param settings  every setting of the training request (preprocessing, architecture, optimisation, columns)
 * @param compute   the arithmetic it ran on (BLAS library and kernel, threads): results can differ in the last digits
 */
public record Provenance(String library, String trainedAt, int cells, int genes, String genesSha256, Map<String, Object> settings,
                         String compute) {

    /** The library's name and version, as {@code scgmvae --version} prints it. */
    public static final String LIBRARY = "sc*GMVAE 0.1.0";

    public Provenance {
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    public static String sha256(String[] names) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String n : names) {
                md.update(n.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
