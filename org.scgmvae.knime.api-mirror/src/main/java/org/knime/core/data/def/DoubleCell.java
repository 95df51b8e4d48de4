/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/def/DoubleCell.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data.def;

import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;

public final class DoubleCell extends StandInValueCell<Double> implements DoubleValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(DoubleCell.class);

    public DoubleCell(final double value) {
        super(value);
    }

    @Override
    public double getDoubleValue() {
        return m_value;
    }
}
