/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/def/StringCell.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data.def;

import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;

public final class StringCell extends StandInValueCell<String> implements StringValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(StringCell.class);

    public StringCell(final String value) {
        super(java.util.Objects.requireNonNull(value, "Value must not be null."));
    }

    @Override
    public String getStringValue() {
        return m_value;
    }
}
