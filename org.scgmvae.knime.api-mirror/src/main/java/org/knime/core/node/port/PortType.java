/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/port/PortType.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.port;

public final class PortType {
    private final Class<? extends PortObject> m_objectClass;
    private final boolean m_optional;

    PortType(final Class<? extends PortObject> objectClass, final boolean optional) {
        m_objectClass = objectClass;
        m_optional = optional;
    }

    public Class<? extends PortObject> getPortObjectClass() {
        return m_objectClass;
    }

    public boolean isOptional() {
        return m_optional;
    }

    public String getName() {
        return m_objectClass.getSimpleName();
    }

    public boolean acceptsPortObjectClass(final Class<? extends PortObject> cl) {
        return m_objectClass.isAssignableFrom(cl);
    }

    @Override
    public String toString() {
        return getName() + (m_optional ? " (optional)" : "");
    }
}
