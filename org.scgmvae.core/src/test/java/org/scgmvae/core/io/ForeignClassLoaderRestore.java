package org.scgmvae.core.io;

import org.scgmvae.core.model.TrainedModel;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link ForeignClassLoaderTest}: restores a model from its bytes on a thread whose context class
 * loader sees none of the application's classes, as KNIME may when it opens a saved workflow on a thread of its own
 * before any node ran. ND4J's first use looks its backend up through the context class loader and keeps that loader.
 */
public final class ForeignClassLoaderRestore {

    private ForeignClassLoaderRestore() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader()));
        TrainedModel model = ModelFile.fromBytes(bytes);
        System.out.println("restored " + model.config().nComponents() + " components");
    }
}
