/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/NodeModel.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

public abstract class NodeModel {
    private final PortType[] m_inTypes;
    private final PortType[] m_outTypes;
    private String m_warning;

    protected NodeModel(final int nrInDataPorts, final int nrOutDataPorts) {
        this(tables(nrInDataPorts), tables(nrOutDataPorts));
    }

    protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
        m_inTypes = inPortTypes.clone();
        m_outTypes = outPortTypes.clone();
    }

    private static PortType[] tables(final int n) {
        PortType[] t = new PortType[n];
        Arrays.fill(t, BufferedDataTable.TYPE);
        return t;
    }

    public final int getNrInPorts() {
        return m_inTypes.length;
    }

    public final int getNrOutPorts() {
        return m_outTypes.length;
    }

    public final PortType getInPortType(final int index) {
        return m_inTypes[index];
    }

    public final PortType getOutPortType(final int index) {
        return m_outTypes[index];
    }

    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec[] specs = new DataTableSpec[inSpecs.length];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = (DataTableSpec)inSpecs[i];
        }
        return configure(specs);
    }

    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        throw new InvalidSettingsException("NodeModel.configure() implementation missing!");
    }

    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable[] in = new BufferedDataTable[inObjects.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = (BufferedDataTable)inObjects[i];
        }
        return execute(in, exec);
    }

    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec) throws Exception {
        throw new IOException("NodeModel.execute() implementation missing!");
    }

    protected abstract void saveSettingsTo(NodeSettingsWO settings);

    protected abstract void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void loadValidatedSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void loadInternals(File nodeInternDir, ExecutionMonitor exec) throws IOException, CanceledExecutionException;

    protected abstract void saveInternals(File nodeInternDir, ExecutionMonitor exec) throws IOException, CanceledExecutionException;

    protected abstract void reset();

    protected final void setWarningMessage(final String warningMessage) {
        m_warning = warningMessage;
    }

    String warning() {
        return m_warning;
    }
}
