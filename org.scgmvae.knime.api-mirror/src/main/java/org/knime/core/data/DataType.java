/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/DataType.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data;

import java.io.Serializable;
import java.util.Objects;

public final class DataType implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final DataCell MISSING = new MissingCell(null);

    private final Class<? extends DataCell> m_cellClass;
    private final DataType m_elementType;

    private DataType(final Class<? extends DataCell> cellClass, final DataType elementType) {
        m_cellClass = cellClass;
        m_elementType = elementType;
    }

    public static DataType getType(final Class<? extends DataCell> cellClass) {
        return new DataType(cellClass, null);
    }

    public static DataType getType(final Class<? extends DataCell> collectionCellClass, final DataType elementType) {
        return new DataType(collectionCellClass, elementType);
    }

    public static DataCell getMissingCell() {
        return MISSING;
    }

    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        return valueClass.isAssignableFrom(m_cellClass);
    }

    public boolean isCollectionType() {
        return m_elementType != null;
    }

    public DataType getCollectionElementType() {
        return m_elementType;
    }

    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    public String getName() {
        String n = m_cellClass.getSimpleName().replace("Cell", "");
        return m_elementType == null ? n : n + " of " + m_elementType.getName();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataType t && t.m_cellClass == m_cellClass && Objects.equals(t.m_elementType, m_elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_cellClass, m_elementType);
    }

    @Override
    public String toString() {
        return getName();
    }
}
