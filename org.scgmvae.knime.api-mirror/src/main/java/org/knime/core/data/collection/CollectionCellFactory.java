/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/collection/CollectionCellFactory.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data.collection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

public final class CollectionCellFactory {
    private CollectionCellFactory() {
    }

    public static ListCell createListCell(final Collection<? extends DataCell> coll) {
        List<DataCell> cells = new ArrayList<>(coll);
        DataType element = null;
        for (DataCell c : cells) {
            if (!c.isMissing()) {
                element = element == null || element.equals(c.getType()) ? c.getType() : element;
            }
        }
        return new ListCell(cells, element);
    }
}
