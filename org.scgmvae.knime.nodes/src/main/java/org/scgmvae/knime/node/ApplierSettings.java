package org.scgmvae.knime.node;

import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** The settings every node that applies a model to cells has: the column with the cells' own conditions. */
public abstract class ApplierSettings extends NodeSettingsGroup {
    /** String column with each cell's condition; "" = the column the model was trained with. */
    public final SettingsModelString m_conditionColumn = add(new SettingsModelString("condition_column", ""));
}
