package org.scgmvae.knime.node;

import java.io.File;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.nn.Nd4jLoader;
import org.scgmvae.core.task.CancelledException;

/**
 * Base of all sc*GMVAE node models: settings handling through one {@link NodeSettingsGroup}; no
 * internals (everything a node produces travels in its output ports, which KNIME saves).
 */
public abstract class ScGmvaeNodeModel<S extends NodeSettingsGroup> extends NodeModel {
    protected final S m_settings;

    protected ScGmvaeNodeModel(final PortType[] in, final PortType[] out, final S settings) {
        super(in, out);
        m_settings = settings;
    }

    /**
     * Runs {@link #executeNode} with the library bundle's class loader as the thread's context class
     * loader: inside OSGi, ND4J and jackson look classes and service files up through it.
     */
    @Override
    protected final PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        Nd4jLoader.useLibraryClassLoader(); // ND4J keeps the class loader of its first use for the whole session
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(GmvaeModule.class.getClassLoader());
        try {
            return executeNode(inObjects, exec);
        } catch (CancelledException e) {
            exec.checkCanceled(); // the core library stopped at the user's request: KNIME's own cancellation
            throw e;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // the core library reports bad input this way: show its message, not an exception class name
            throw userError("Cannot process the input", e);
        } catch (OutOfMemoryError | RuntimeException e) {
            if (e instanceof RuntimeException r && !org.scgmvae.core.nn.MemoryLimits.isNative(r)) {
                throw r;
            }
            // KNIME would show ND4J's own words ("Failed to allocate [n] bytes") with no hint which memory ran out
            throw new InvalidSettingsException(org.scgmvae.core.nn.MemoryLimits.describe(e)
                + " (in knime.ini below -vmargs); or select fewer genes in the Normalizer", e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    protected abstract PortObject[] executeNode(PortObject[] inObjects, ExecutionContext exec) throws Exception;

    @Override
    protected final void saveSettingsTo(final NodeSettingsWO settings) {
        m_settings.saveSettingsTo(settings);
    }

    @Override
    protected final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.validateSettings(settings);
    }

    @Override
    protected final void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.loadSettingsFrom(settings);
    }

    @Override
    protected final void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
    }

    @Override
    protected final void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
    }

    @Override
    protected void reset() {
    }

    /** Turns the core library's argument errors into the message KNIME shows on the node. */
    protected static InvalidSettingsException userError(final String what, final Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new InvalidSettingsException(what + ": " + msg, e);
    }
}
