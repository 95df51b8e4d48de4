package org.scgmvae.knime.port;

import java.io.IOException;
import java.util.zip.ZipEntry;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;

/** Our port objects store their content as one zip entry in the workflow, in the core library's own format. */
abstract class SingleEntryPortObject extends AbstractPortObject {
    /** The entry name inside KNIME's port zip. */
    protected abstract String entryName();

    protected abstract byte[] content() throws IOException;

    /** Rebuilds the object (and its spec) from {@link #content()}'s bytes. */
    protected abstract void restore(byte[] bytes) throws IOException;

    @Override
    protected final void save(final PortObjectZipOutputStream out, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        byte[] bytes = content();
        out.putNextEntry(new ZipEntry(entryName()));
        out.write(bytes);
        out.closeEntry();
    }

    @Override
    protected final void load(final PortObjectZipInputStream in, final PortObjectSpec spec, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        ZipEntry e = in.getNextEntry();
        if (e == null || !entryName().equals(e.getName())) {
            throw new IOException("The saved " + getClass().getSimpleName() + " is damaged (no " + entryName() + " entry).");
        }
        restore(in.readAllBytes());
    }
}
