/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/DataCell.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data;

import java.io.Serializable;

public abstract class DataCell implements DataValue, Serializable {
    private static final long serialVersionUID = 1L;

    protected DataCell() {
    }

    public final DataType getType() {
        return DataType.getType(getClass());
    }

    public boolean isMissing() {
        return false;
    }

    protected abstract boolean equalsDataCell(DataCell dc);

    @Override
    public final boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DataCell other) || other.getClass() != getClass()) {
            return false;
        }
        return equalsDataCell(other);
    }

    @Override
    public abstract int hashCode();

    @Override
    public abstract String toString();
}
