/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/port/AbstractSimplePortObjectSpec.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.port;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

/** Subclasses need a public no-argument constructor. KNIME stores the content as XML; the stand-in uses Java serialisation. */
public abstract class AbstractSimplePortObjectSpec implements PortObjectSpec {
    private static final String ENTRY = "content.bin";

    public AbstractSimplePortObjectSpec() {
    }

    protected abstract void save(ModelContentWO model);

    protected abstract void load(ModelContentRO model) throws InvalidSettingsException;

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    public abstract static class AbstractSimplePortObjectSpecSerializer<T extends AbstractSimplePortObjectSpec>
        extends PortObjectSpecSerializer<T> {
        @Override
        public final void savePortObjectSpec(final T spec, final PortObjectSpecZipOutputStream out) throws IOException {
            ModelContent content = new ModelContent("model");
            spec.save(content);
            out.putNextEntry(new ZipEntry(ENTRY));
            ObjectOutputStream o = new ObjectOutputStream(out);
            o.writeUTF(spec.getClass().getName());
            o.writeObject(content);
            o.flush();
            out.closeEntry();
        }

        @Override
        @SuppressWarnings("unchecked")
        public final T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            ZipEntry e = in.getNextEntry();
            if (e == null || !ENTRY.equals(e.getName())) {
                throw new IOException("Invalid port object spec stream");
            }
            ObjectInputStream o = new ObjectInputStream(in);
            try {
                String cls = o.readUTF();
                ModelContent content = (ModelContent)o.readObject();
                T spec = (T)Class.forName(cls).getConstructor().newInstance();
                spec.load(content);
                return spec;
            } catch (ReflectiveOperationException | InvalidSettingsException ex) {
                throw new IOException("Cannot load port object spec: " + ex.getMessage(), ex);
            }
        }
    }
}
