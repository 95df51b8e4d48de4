/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/port/PortObjectSpec.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

public interface PortObjectSpec {
    JComponent[] getViews();

    abstract static class PortObjectSpecSerializer<T extends PortObjectSpec> {
        public abstract void savePortObjectSpec(T portObjectSpec, PortObjectSpecZipOutputStream out) throws IOException;

        public abstract T loadPortObjectSpec(PortObjectSpecZipInputStream in) throws IOException;
    }
}
