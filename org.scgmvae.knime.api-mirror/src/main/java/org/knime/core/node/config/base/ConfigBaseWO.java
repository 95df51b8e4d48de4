/*
 * Mirrors knime/knime-shared: org.knime.core.util/src/main/java/org/knime/core/node/config/base/ConfigBaseWO.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.config.base;

public interface ConfigBaseWO {
    String getKey();

    void addInt(String key, int value);

    void addLong(String key, long value);

    void addDouble(String key, double value);

    void addBoolean(String key, boolean value);

    void addString(String key, String value);

    void addIntArray(String key, int... values);

    void addDoubleArray(String key, double... values);

    void addStringArray(String key, String... values);
}
