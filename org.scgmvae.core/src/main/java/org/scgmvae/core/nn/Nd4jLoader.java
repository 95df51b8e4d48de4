package org.scgmvae.core.nn;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J looks its backend up through a class loader that it takes, once per JVM, from the context class loader of the
 * first thread that touches it. In KNIME that thread may be one that restores a saved model port while a workflow
 * opens, whose context class loader cannot see the libraries bundle: ND4J then finds no backend, for the rest of the
 * session. The library's entry points set ND4J's class loader to the one that loaded ND4J itself before its first use
 * (knime-dl4j did the same from its bundle activator).
 */
public final class Nd4jLoader {

    private static volatile boolean done;

    private Nd4jLoader() {
    }

    /** Idempotent and cheap; call before anything that may be the first use of ND4J. */
    public static void useLibraryClassLoader() {
        if (!done) {
            synchronized (Nd4jLoader.class) {
                if (!done) {
                    ND4JClassLoading.setNd4jClassloaderFromClass(Nd4j.class); // Nd4j.class names the class without initialising it
                    done = true;
                }
            }
        }
    }
}
