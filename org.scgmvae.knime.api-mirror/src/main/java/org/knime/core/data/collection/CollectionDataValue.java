/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/collection/CollectionDataValue.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data.collection;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DataValue;

public interface CollectionDataValue extends DataValue, Iterable<DataCell> {
    int size();

    DataType getElementType();
}
