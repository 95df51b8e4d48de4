package org.scgmvae.knime.node.flipper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** A new Flipper starts at DELTA; a workflow saved before the flip mode existed keeps ENCODED, what it ran then. */
class FlipperSettingsTest {

    @Test
    void oldWorkflowsKeepTheFlipTheyRanNewNodesStartAtDelta() throws Exception {
        assertEquals("DELTA", new FlipperSettings().m_flipMode.getStringValue());
        NodeSettings old = new NodeSettings("model");
        for (String key : new String[]{"condition_column", "target_condition", "label_column"}) {
            new SettingsModelString(key, key.equals("target_condition") ? "stim" : "").saveSettingsTo(old);
        }
        FlipperSettings loaded = new FlipperSettings();
        loaded.validateSettings(old);
        loaded.loadSettingsFrom(old);
        assertEquals("ENCODED", loaded.m_flipMode.getStringValue());
        assertEquals("EXPRESSION", loaded.m_units.getStringValue(), "other absent options keep their default");

        NodeSettings saved = new NodeSettings("model");
        new FlipperSettings().saveSettingsTo(saved);
        FlipperSettings again = new FlipperSettings();
        again.loadSettingsFrom(saved);
        assertEquals("DELTA", again.m_flipMode.getStringValue(), "a stored value is kept");
    }
}
