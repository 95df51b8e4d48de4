/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/DataTableSpecCreator.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data;

import java.util.ArrayList;
import java.util.List;

public final class DataTableSpecCreator {
    private String m_name = "default";
    private final List<DataColumnSpec> m_columns = new ArrayList<>();

    public DataTableSpecCreator() {
    }

    public DataTableSpecCreator(final DataTableSpec spec) {
        m_name = spec.getName();
        spec.forEach(m_columns::add);
    }

    public DataTableSpecCreator setName(final String name) {
        m_name = name;
        return this;
    }

    public DataTableSpecCreator addColumns(final DataColumnSpec... specs) {
        m_columns.addAll(List.of(specs));
        return this;
    }

    public DataTableSpecCreator addColumns(final DataTableSpec spec) {
        spec.forEach(m_columns::add);
        return this;
    }

    public DataTableSpec createSpec() {
        return new DataTableSpec(m_name, m_columns.toArray(DataColumnSpec[]::new));
    }
}
