/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/BufferedDataContainer.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.DataContainer;

public class BufferedDataContainer extends DataContainer {
    BufferedDataContainer(final DataTableSpec spec) {
        super(spec);
    }

    @Override
    public BufferedDataTable getTable() {
        if (isOpen()) {
            throw new IllegalStateException("Cannot get table: container is not closed.");
        }
        return new BufferedDataTable(getTableSpec(), rows());
    }
}
