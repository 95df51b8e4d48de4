/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/port/PortTypeRegistry.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.port;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** KNIME looks port types up among org.knime.core.PortType extensions; the stand-in just caches them. */
public final class PortTypeRegistry {
    private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

    private final Map<String, PortType> m_types = new ConcurrentHashMap<>();

    private PortTypeRegistry() {
    }

    public static PortTypeRegistry getInstance() {
        return INSTANCE;
    }

    public PortType getPortType(final Class<? extends PortObject> objectClass) {
        return getPortType(objectClass, false);
    }

    public PortType getPortType(final Class<? extends PortObject> objectClass, final boolean isOptional) {
        return m_types.computeIfAbsent(objectClass.getName() + isOptional, k -> new PortType(objectClass, isOptional));
    }
}
