/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/def/BooleanCell.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data.def;

import org.knime.core.data.DataType;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DoubleValue;

public final class BooleanCell extends StandInValueCell<Boolean> implements BooleanValue, DoubleValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(BooleanCell.class);

    private BooleanCell(final boolean value) {
        super(value);
    }

    public static final BooleanCell TRUE = new BooleanCell(true);

    public static final BooleanCell FALSE = new BooleanCell(false);

    @Override
    public boolean getBooleanValue() {
        return m_value;
    }

    @Override
    public double getDoubleValue() {
        return m_value ? 1 : 0;
    }
}
