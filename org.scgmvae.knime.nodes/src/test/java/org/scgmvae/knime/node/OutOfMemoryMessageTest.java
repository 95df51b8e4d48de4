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
 * Issue 15 F15: when ND4J's memory outside the heap runs out, the node's error says so and what to change in knime.ini,
 * not ND4J's "Failed to allocate [n] bytes".
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
            throw new OutOfMemoryError("Failed to allocate [2000000000] bytes"); // nd4j-native's words for a workspace it cannot grow
        }
    }

    @Test
    void theErrorSaysNativeMemoryRanOutAndWhatHelps() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.execute(new Greedy()));
        String m = e.getMessage();
        assertTrue(m.contains("outside the Java heap") && m.contains("a smaller -Xmx") && m.contains("knime.ini"), m);
        assertSame(OutOfMemoryError.class, e.getCause().getClass());
    }
}
