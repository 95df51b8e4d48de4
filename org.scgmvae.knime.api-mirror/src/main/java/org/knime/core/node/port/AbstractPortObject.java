/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/port/AbstractPortObject.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.port;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** Subclasses need a public no-argument constructor: the serializer instantiates them reflectively. */
public abstract class AbstractPortObject implements PortObject {
    private static final String META = "meta.xml";

    public AbstractPortObject() {
    }

    protected abstract void save(PortObjectZipOutputStream out, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected abstract void load(PortObjectZipInputStream in, PortObjectSpec spec, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    public abstract static class AbstractPortObjectSerializer<T extends AbstractPortObject> extends PortObjectSerializer<T> {
        @Override
        public final void savePortObject(final T portObject, final PortObjectZipOutputStream out, final ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
            out.putNextEntry(new ZipEntry(META));
            new DataOutputStream(out).writeUTF(portObject.getClass().getName());
            out.closeEntry();
            portObject.save(out, exec);
        }

        @Override
        @SuppressWarnings("unchecked")
        public final T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec, final ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
            ZipEntry e = in.getNextEntry();
            if (e == null || !META.equals(e.getName())) {
                throw new IOException("Invalid port object stream: expected " + META);
            }
            String cls = new DataInputStream(in).readUTF();
            T result;
            try {
                result = (T)Class.forName(cls).getConstructor().newInstance();
            } catch (ReflectiveOperationException ex) {
                throw new IOException("Cannot instantiate port object class " + cls, ex);
            }
            result.load(in, spec, exec);
            return result;
        }
    }
}
