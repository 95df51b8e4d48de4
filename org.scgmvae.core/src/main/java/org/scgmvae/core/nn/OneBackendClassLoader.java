package org.scgmvae.core.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Delegates everything to the library's class loader, except that ND4J's backend service lookup sees only the
 * service files of the chosen backend, so ND4J never instantiates (or loads the native libraries of) the other one.
 * Where only one backend is installed it is used whatever was chosen, except that asking for CUDA without the CUDA
 * backend is an error (the user expects a GPU and would silently get the CPU).
 */
final class OneBackendClassLoader extends ClassLoader {

    static final String BACKEND_SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    static {
        registerAsParallelCapable(); // ND4J loads its classes through this loader from several threads
    }

    private final Nd4jLoader.Backend chosen;

    OneBackendClassLoader(ClassLoader library, Nd4jLoader.Backend chosen) {
        super(library);
        this.chosen = chosen;
    }

    /** Throws the message below when CUDA was asked for and is not installed (a CPU choice always finds a backend). */
    void checkChosenIsInstalled() {
        try {
            getResources(BACKEND_SERVICE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list ND4J's backends: " + e.getMessage(), e);
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!BACKEND_SERVICE.equals(name)) {
            return all;
        }
        List<URL> found = Collections.list(all);
        List<URL> kept = new ArrayList<>();
        for (URL u : found) {
            if (names(u, chosen.providerClass)) {
                kept.add(u);
            }
        }
        if (!kept.isEmpty()) {
            return Collections.enumeration(kept);
        }
        if (chosen == Nd4jLoader.Backend.CUDA) {
            throw new IllegalStateException("-D" + Nd4jLoader.BACKEND_PROPERTY + "=cuda, but the CUDA backend is not installed "
                    + "(KNIME: install the 'sc*GMVAE CUDA backend' feature; command line: build with -Pcuda); remove the "
                    + "setting to run on the CPU");
        }
        return Collections.enumeration(found);
    }

    /** Whether the service file names this provider on a line of its own (comments and blanks aside). */
    private static boolean names(URL serviceFile, String provider) {
        try (InputStream in = serviceFile.openStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String entry = line.replaceAll("#.*", "").trim();
                if (entry.equals(provider)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ND4J's backend list " + serviceFile + ": " + e.getMessage(), e);
        }
    }
}
