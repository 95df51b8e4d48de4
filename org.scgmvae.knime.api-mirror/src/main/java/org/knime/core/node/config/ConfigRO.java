/*
 * Mirrors knime/knime-core: org.knime.core/src/eclipse/org/knime/core/node/config/ConfigRO.java (javax.swing.tree.TreeNode dropped from extends: no node uses it) (KNIME 5.x).
 * Signatures only: the body is sc*GMVAE's own in-memory stand-in, used to compile and unit-test the
 * nodes offline. This module is never shipped; the release build compiles against real KNIME.
 */
package org.knime.core.node.config;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBaseRO;

public interface ConfigRO extends ConfigBaseRO, Iterable<String> {
    ConfigRO getConfig(String key) throws InvalidSettingsException;
}
