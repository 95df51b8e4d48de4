package org.scgmvae.knime.port;

import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

/** The port views: a read-only text summary (what a user checks before wiring the next node). */
final class SummaryView {
    private SummaryView() {
    }

    static JComponent of(final String title, final String text) {
        JTextArea area = new JTextArea(text);
        area.setEditable(false);
        area.setLineWrap(true);
        area.setWrapStyleWord(true);
        JScrollPane pane = new JScrollPane(area);
        pane.setName(title);
        return pane;
    }
}
