/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/data/DataColumnDomainCreator.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

public class DataColumnDomainCreator {
    private Set<DataCell> m_values;
    private DataCell m_lower;
    private DataCell m_upper;

    public DataColumnDomainCreator() {
    }

    public DataColumnDomainCreator(final DataColumnDomain copyFrom) {
        this(copyFrom.getValues(), copyFrom.getLowerBound(), copyFrom.getUpperBound());
    }

    public DataColumnDomainCreator(final Set<? extends DataCell> values) {
        this(values, null, null);
    }

    public DataColumnDomainCreator(final DataCell[] values) {
        this(values == null ? null : new LinkedHashSet<>(Arrays.asList(values)), null, null);
    }

    public DataColumnDomainCreator(final DataCell lowerBound, final DataCell upperBound) {
        this((Set<DataCell>)null, lowerBound, upperBound);
    }

    public DataColumnDomainCreator(final Set<? extends DataCell> values, final DataCell lowerBound, final DataCell upperBound) {
        setValues(values);
        setLowerBound(lowerBound);
        setUpperBound(upperBound);
    }

    public DataColumnDomain createDomain() {
        return new DataColumnDomain(m_lower, m_upper, m_values);
    }

    public void setValues(final Set<? extends DataCell> values) {
        // kept in the given order, unmodifiable, as KNIME keeps them
        m_values = values == null ? null : Collections.unmodifiableSet(new LinkedHashSet<DataCell>(values));
    }

    public void setLowerBound(final DataCell lower) {
        m_lower = lower;
    }

    public void setUpperBound(final DataCell upper) {
        m_upper = upper;
    }
}
