package org.scgmvae.knime.node.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponent;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.scgmvae.core.options.NumberOption;
import org.scgmvae.core.options.UserOptions;

/**
 * Each bounded option of the learners is declared once (key, range, meaning: {@link UserOptions}; default: the library's
 * configs): the node description starts with that meaning, as the command line's --help does, and states that default
 * and that range in the option's own words, for every option the dialog shows.
 */
class LearnerDescriptionTest {

    private static String key(final SettingsModel m) throws Exception {
        Method name = SettingsModel.class.getDeclaredMethod("getConfigName");
        name.setAccessible(true);
        return (String)name.invoke(m);
    }

    private static String description(final String xmlResource) throws Exception {
        try (InputStream in = LearnerDescriptionTest.class.getResourceAsStream(xmlResource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyBoundedOptionStatesItsDefaultAndRange() throws Exception {
        for (boolean conditional : new boolean[]{false, true}) {
            String xml = description(conditional ? "CgmvaeLearnerNodeFactory.xml" : "GmvaeLearnerNodeFactory.xml");
            DefaultNodeSettingsPane dialog = new LearnerNodeDialog(conditional);
            List<String> missing = new ArrayList<>();
            int checked = 0;
            for (DialogComponent c : dialog.components()) {
                SettingsModel m = c.getModel();
                double value;
                if (m instanceof SettingsModelIntegerBounded b) {
                    value = b.getIntValue();
                } else if (m instanceof SettingsModelDoubleBounded b) {
                    value = b.getDoubleValue();
                } else {
                    continue;
                }
                if (key(m).equals("seed")) {
                    continue; // any whole number is a seed
                }
                String k = key(m);
                NumberOption o = UserOptions.byKey(k).orElseThrow(() -> new AssertionError(k + " has no option"));
                Matcher text = Pattern.compile("<option name=\"" + Pattern.quote(c.getLabel()) + "\">(.*?)</option>", Pattern.DOTALL)
                    .matcher(xml);
                assertTrue(text.find(), "the description documents '" + c.getLabel() + "'");
                String said = text.group(1).replaceAll("\\s+", " ");
                String expected = o.defaultAndRange(value);
                if (!said.contains(expected)) {
                    missing.add(c.getLabel() + " => " + expected);
                }
                if (!said.startsWith(o.doc())) {
                    missing.add(c.getLabel() + " => starts with the option's meaning, as --help says it: " + o.doc());
                }
                checked++;
            }
            assertEquals(List.of(), missing, (conditional ? "cGMVAE" : "GMVAE") + " learner description");
            assertEquals(14, checked, "bounded options in the dialog");
        }
    }
}
