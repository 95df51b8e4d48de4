package org.scgmvae.knime.node.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.scgmvae.core.options.NumberOption;
import org.scgmvae.core.options.UserOptions;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.knime.node.NodeTestData;

/** The learners' numeric settings take key and range from the options' one declaration, which the command line reads too. */
class LearnerSettingsRangesTest {

    private static String key(final SettingsModel m) throws Exception {
        Method name = SettingsModel.class.getDeclaredMethod("getConfigName");
        name.setAccessible(true);
        return (String)name.invoke(m);
    }

    @Test
    void everyBoundedSettingHasTheKeyAndRangeOfItsOption() throws Exception {
        for (boolean conditional : new boolean[]{false, true}) {
            LearnerSettings s = new LearnerSettings(conditional);
            int checked = 0;
            for (Field f : LearnerSettings.class.getDeclaredFields()) {
                f.setAccessible(true);
                Object v = f.get(s);
                if (v instanceof SettingsModel sm && key(sm).equals("seed")) {
                    continue; // any int is a seed
                }
                if (v instanceof SettingsModelIntegerBounded b) {
                    NumberOption o = UserOptions.byKey(key(b)).orElseThrow(() -> new AssertionError(f.getName() + " has no option"));
                    assertEquals(o.intMin(), b.getLowerBound(), o.key());
                    assertEquals(o.intMax(), b.getUpperBound(), o.key());
                    checked++;
                } else if (v instanceof SettingsModelDoubleBounded b) {
                    NumberOption o = UserOptions.byKey(key(b)).orElseThrow(() -> new AssertionError(f.getName() + " has no option"));
                    assertEquals(o.min(), b.getLowerBound(), 0, o.key());
                    assertEquals(o.max(), b.getUpperBound(), 0, o.key());
                    checked++;
                }
            }
            assertEquals(14, checked, "bounded settings");
            // the defaults are the library's
            assertEquals(TrainingConfig.defaults().epochs(), s.m_epochs.getIntValue());
            assertEquals(TrainingConfig.defaults().learningRate(), s.m_learningRate.getDoubleValue(), 0);
            assertEquals(ArchitectureOptions.defaults().zDim(), s.m_zDim.getIntValue());
        }
    }

    @Test
    void aHiddenLayerOutsideItsRangeIsRefusedWithTheRange() throws Exception {
        NodeModel m = new GmvaeLearnerNodeFactory().createNodeModel();
        NodeSettings s = NodeTestData.quickTraining(m, 2);
        s.addString(UserOptions.ENCODER_LAYER.key(), "128,0");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.loadSettings(m, s));
        assertTrue(e.getMessage().contains("Encoder hidden layers") && e.getMessage().contains(UserOptions.ENCODER_LAYER.range()),
            e.getMessage());
    }
}
