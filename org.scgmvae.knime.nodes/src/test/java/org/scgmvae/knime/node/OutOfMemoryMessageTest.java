package org.scgmvae.knime.node;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;

/**
 * Issue 15 F15: when ND4J's memory outside the heap runs out, the node's error says which limit to raise in knime.ini,
 * not JavaCPP's "Cannot allocate new FloatPointer".
 */
class OutOfMemoryMessageTest {

    private static final class NoSettings extends NodeSettingsGroup {
    }

    /** A node whose work needs more memory than JavaCPP allows (the error JavaCPP 1.5.7 throws). */
    private static final class Greedy extends ScGmvaeNodeModel<NoSettings> {
        Greedy() {
            super(new PortType[0], new PortType[0], new NoSettings());
        }

        @Override
        protected org.knime.core.node.port.PortObjectSpec[] configure(final org.knime.core.node.port.PortObjectSpec[] in) {
            return new org.knime.core.node.port.PortObjectSpec[0];
        }

        @Override
        protected PortObject[] executeNode(final PortObject[] in, final org.knime.core.node.ExecutionContext exec) {
            OutOfMemoryError e = new OutOfMemoryError("Cannot allocate new FloatPointer(500000000): totalBytes = 2G, physicalBytes = 5G");
            e.initCause(new OutOfMemoryError("Failed to allocate memory within limits: totalBytes (2G + 2G) > maxBytes (4G)"));
            throw e;
        }
    }

    @Test
    void theErrorNamesTheOffHeapLimitAndWhereToRaiseIt() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.execute(new Greedy()));
        String m = e.getMessage();
        assertTrue(m.contains("outside the Java heap") && m.contains("-Dorg.bytedeco.javacpp.maxbytes") && m.contains("knime.ini"), m);
        assertSame(OutOfMemoryError.class, e.getCause().getClass());
    }
}
