/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/NodeView.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node;

public abstract class NodeView<T extends NodeModel> {
    private final T m_model;

    protected NodeView(final T nodeModel) {
        m_model = nodeModel;
    }

    protected T getNodeModel() {
        return m_model;
    }

    protected abstract void onClose();

    protected abstract void onOpen();

    protected abstract void modelChanged();
}
