package org.scgmvae.knime.node.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingRequest;

/**
 * New learners take the default route without labels (Leiden guidance decided by the core, as in the CLI); workflows saved
 * before keep the meaning their ticked box had (explicit Leiden guidance), and a label column always wins.
 */
class LearnerGuidanceSettingsTest {

    /** The settings a learner saved before the route setting existed: every model but that one. */
    private static NodeSettings savedBeforeTheRoute(final boolean guided) throws Exception {
        LearnerSettings s = new LearnerSettings(false);
        s.m_guided.setBooleanValue(guided);
        NodeSettings old = new NodeSettings("model");
        int saved = 0;
        for (Field f : LearnerSettings.class.getDeclaredFields()) {
            f.setAccessible(true);
            if (f.get(s) instanceof SettingsModel m && !f.getName().equals("m_guidanceRoute")) {
                m.saveSettingsTo(old);
                saved++;
            }
        }
        assertTrue(saved > 10, "saved " + saved + " settings");
        return old;
    }

    @Test
    void newNodesTakeTheDefaultRouteOldWorkflowsKeepTheirs() throws Exception {
        LearnerSettings fresh = new LearnerSettings(false);
        assertTrue(fresh.m_guided.getBooleanValue());
        assertNull(fresh.guidance(), "no labels: the core's default route decides");

        LearnerSettings old = new LearnerSettings(false);
        old.loadSettingsFrom(savedBeforeTheRoute(true));
        assertEquals(LearnerSettings.EXPLICIT_ROUTE, old.m_guidanceRoute.getStringValue());
        assertEquals(ModelTrainer.LEIDEN, old.guidance(), "a ticked box of an old workflow: explicit Leiden guidance as before");

        LearnerSettings oldPlain = new LearnerSettings(false);
        oldPlain.loadSettingsFrom(savedBeforeTheRoute(false));
        assertEquals(TrainingRequest.UNGUIDED, oldPlain.guidance());

        fresh.m_labelColumn.setStringValue("cell_type");
        assertEquals(TrainingRequest.UNGUIDED, fresh.guidance(), "a label column wins over the guidance box");
        NodeSettings saved = new NodeSettings("model");
        new LearnerSettings(false).saveSettingsTo(saved);
        assertEquals(LearnerSettings.DEFAULT_ROUTE, saved.getString("guidance_route"));
    }
}
