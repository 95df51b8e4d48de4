/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/NodeSettings.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node;

import org.knime.core.node.config.Config;

public final class NodeSettings extends Config implements NodeSettingsRO, NodeSettingsWO {
    private static final long serialVersionUID = 1L;

    public NodeSettings(final String key) {
        super(key);
    }

    @Override
    protected Config getInstance(final String key) {
        return new NodeSettings(key);
    }

    @Override
    public NodeSettingsRO getNodeSettings(final String key) throws InvalidSettingsException {
        return (NodeSettings)getConfigBase(key);
    }

    @Override
    public NodeSettingsWO addNodeSettings(final String key) {
        return (NodeSettings)addConfig(key);
    }

    @Override
    public void addNodeSettings(final NodeSettings settings) {
        addConfigBase(settings);
    }
}
