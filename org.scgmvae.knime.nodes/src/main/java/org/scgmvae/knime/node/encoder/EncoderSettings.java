package org.scgmvae.knime.node.encoder;

import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.scgmvae.knime.node.ApplierSettings;

final class EncoderSettings extends ApplierSettings {
    final SettingsModelBoolean m_sample = add(new SettingsModelBoolean("sample", false));
    final SettingsModelIntegerBounded m_seed = add(new SettingsModelIntegerBounded("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE));
    final SettingsModelBoolean m_includeW = add(new SettingsModelBoolean("include_w", true));
    /** Optional: workflows saved before it existed load without the UMAP columns. */
    final SettingsModelBoolean m_umap = addOptional("umap", new SettingsModelBoolean("umap", false));
}
