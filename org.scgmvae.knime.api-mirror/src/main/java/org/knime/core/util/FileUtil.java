/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/util/FileUtil.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 * Stand-in: knime://knime.workflow/... URLs resolve against the folder in the system property
 * "scgmvae.standin.workflowDir" (KNIME resolves them against the open workflow); other knime://
 * mount points are not local files here (null, as KNIME returns for remote locations).
 */
package org.knime.core.util;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

public final class FileUtil {
    private static final URLStreamHandler KNIME_STAND_IN = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(final URL u) throws IOException {
            throw new IOException("knime:// URLs are only resolved to paths in the stand-in");
        }
    };

    private FileUtil() {
    }

    public static URL toURL(final String path) throws MalformedURLException, InvalidPathException {
        if (path.startsWith("knime:")) {
            return new URL(null, path, KNIME_STAND_IN);
        }
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !path.matches("^[a-zA-Z]:[\\\\/].*")) {
            return new URL(path);
        }
        return Paths.get(path).toUri().toURL();
    }

    public static Path resolveToPath(final URL url) throws IOException, URISyntaxException {
        if ("file".equalsIgnoreCase(url.getProtocol())) {
            return Paths.get(url.toURI());
        }
        if ("knime".equalsIgnoreCase(url.getProtocol()) && "knime.workflow".equals(url.getHost())) {
            String dir = System.getProperty("scgmvae.standin.workflowDir");
            if (dir == null) {
                return null;
            }
            String rel = url.getPath().startsWith("/") ? url.getPath().substring(1) : url.getPath();
            return Paths.get(dir).resolve(java.net.URLDecoder.decode(rel, java.nio.charset.StandardCharsets.UTF_8)).normalize();
        }
        return null;
    }
}
