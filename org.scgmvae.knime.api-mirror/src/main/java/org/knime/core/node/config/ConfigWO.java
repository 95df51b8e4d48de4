/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/config/ConfigWO.java (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.config;

import org.knime.core.node.config.base.ConfigBaseWO;

public interface ConfigWO extends ConfigBaseWO {
    ConfigWO addConfig(String key);
}
