/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/NodeLogger.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class NodeLogger {
    private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());

    private final String m_name;

    private NodeLogger(final String name) {
        m_name = name;
    }

    public static NodeLogger getLogger(final Class<?> c) {
        return new NodeLogger(c.getName());
    }

    public static NodeLogger getLogger(final String s) {
        return new NodeLogger(s);
    }

    private void log(final String level, final Object o) {
        LOG.add(level + " " + m_name + ": " + o);
    }

    public void debug(final Object o) {
        log("DEBUG", o);
    }

    public void info(final Object o) {
        log("INFO", o);
    }

    public void warn(final Object o) {
        log("WARN", o);
    }

    public void error(final Object o) {
        log("ERROR", o);
    }

    public void error(final Object o, final Throwable t) {
        log("ERROR", o + " (" + t + ")");
    }

    /** Not a KNIME method: the stand-in's log, for tests. */
    static List<String> messages() {
        return LOG;
    }
}
