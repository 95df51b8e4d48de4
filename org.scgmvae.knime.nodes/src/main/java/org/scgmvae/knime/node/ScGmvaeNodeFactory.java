package org.scgmvae.knime.node;

import java.util.function.Supplier;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;

/**
 * Common factory: every sc*GMVAE node has one model, one dialog and no views (results are tables
 * and ports that KNIME's own views show). The node description is the XML file named like the
 * concrete factory, next to it.
 */
public abstract class ScGmvaeNodeFactory<M extends NodeModel> extends NodeFactory<M> {
    private final Supplier<M> m_model;
    private final Supplier<? extends NodeDialogPane> m_dialog;

    protected ScGmvaeNodeFactory(final Supplier<M> model, final Supplier<? extends NodeDialogPane> dialog) {
        m_model = model;
        m_dialog = dialog;
    }

    @Override
    public final M createNodeModel() {
        return m_model.get();
    }

    @Override
    protected final int getNrNodeViews() {
        return 0;
    }

    @Override
    public final NodeView<M> createNodeView(final int viewIndex, final M nodeModel) {
        throw new IndexOutOfBoundsException("sc*GMVAE nodes have no views; index " + viewIndex);
    }

    @Override
    protected final boolean hasDialog() {
        return true;
    }

    @Override
    protected final NodeDialogPane createNodeDialogPane() {
        return m_dialog.get();
    }
}
