package org.scgmvae.core.nn;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J looks its backend up through a class loader that it takes, once per JVM, from the context class loader of the
 * first thread that touches it. In KNIME that thread may be one that restores a saved model port while a workflow
 * opens, whose context class loader cannot see the libraries bundle: ND4J then finds no backend, for the rest of the
 * session. The library's entry points set ND4J's class loader to the one that loaded ND4J itself before its first use
 * (knime-dl4j did the same from its bundle activator).
 *
 * <p>That class loader also shows ND4J one backend only ({@link OneBackendClassLoader}): with the optional CUDA feature
 * installed next to the CPU one, both backends are on one class path and ND4J would try CUDA first on every machine
 * (knime-dl4j removed all but the chosen backend's fragment from the class path for the same reason). The choice is
 * the user's, {@code -Dscgmvae.backend=cpu} (the default) or {@code cuda}, e.g. in knime.ini.
 */
public final class Nd4jLoader {

    /** System property that names the backend where more than one is installed. */
    public static final String BACKEND_PROPERTY = "scgmvae.backend";

    private static volatile boolean done;

    private Nd4jLoader() {
    }

    /** Idempotent and cheap; call before anything that may be the first use of ND4J. */
    public static void useLibraryClassLoader() {
        if (!done) {
            synchronized (Nd4jLoader.class) {
                if (!done) {
                    // Nd4j.class names the class without initialising it
                    ClassLoader library = Nd4j.class.getClassLoader();
                    Backend chosen = Backend.parse(System.getProperty(BACKEND_PROPERTY, "cpu"));
                    OneBackendClassLoader oneBackend = new OneBackendClassLoader(library, chosen);
                    // asked here, before ND4J's static initialiser does: an error there would reach the user only as
                    // ExceptionInInitializerError, and every later use as NoClassDefFoundError
                    oneBackend.checkChosenIsInstalled();
                    ND4JClassLoading.setNd4jClassloader(oneBackend);
                    done = true;
                }
            }
        }
    }

    /** The ND4J backends the extension ships, by the provider class their service file names. */
    public enum Backend {
        CPU("org.nd4j.linalg.cpu.nativecpu.CpuBackend"),
        CUDA("org.nd4j.linalg.jcublas.JCublasBackend");

        final String providerClass;

        Backend(String providerClass) {
            this.providerClass = providerClass;
        }

        static Backend parse(String value) {
            for (Backend b : values()) {
                if (b.name().equalsIgnoreCase(value.trim())) {
                    return b;
                }
            }
            throw new IllegalArgumentException("-D" + BACKEND_PROPERTY + "=" + value + " is not a backend; use cpu or cuda");
        }
    }
}
