/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/ModelContent.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node;

import org.knime.core.node.config.Config;

public final class ModelContent extends Config implements ModelContentRO, ModelContentWO {
    private static final long serialVersionUID = 1L;

    public ModelContent(final String key) {
        super(key);
    }

    @Override
    protected Config getInstance(final String key) {
        return new ModelContent(key);
    }

    @Override
    public ModelContentRO getModelContent(final String key) throws InvalidSettingsException {
        return (ModelContent)getConfigBase(key);
    }

    @Override
    public ModelContentWO addModelContent(final String key) {
        return (ModelContent)addConfig(key);
    }
}
