package org.scgmvae.knime.node.learner;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.scgmvae.core.model.LossTerms;
import org.scgmvae.core.train.EpochReport;
import org.scgmvae.knime.table.TableBuilder;

/**
 * The learner's second output: one row per epoch with every loss term on training and validation cells and the
 * validation metrics, numeric columns side by side as KNIME's Line Plot takes them (x: epoch, y: any of the terms).
 */
final class TrainingHistory {
    private TrainingHistory() {
    }

    static DataTableSpec spec() {
        List<DataColumnSpec> cols = new ArrayList<>();
        cols.add(TableBuilder.column("epoch", IntCell.TYPE));
        for (String t : LossTerms.NAMES) {
            cols.add(TableBuilder.column("train " + t, DoubleCell.TYPE));
        }
        cols.add(TableBuilder.column("validation loss", DoubleCell.TYPE));
        for (String t : LossTerms.NAMES) {
            if (!"loss".equals(t)) {
                cols.add(TableBuilder.column("validation " + t, DoubleCell.TYPE));
            }
        }
        cols.add(TableBuilder.column("validation accuracy", DoubleCell.TYPE));
        cols.add(TableBuilder.column("learning rate", DoubleCell.TYPE));
        cols.add(TableBuilder.column("KL weight", DoubleCell.TYPE));
        cols.add(TableBuilder.column("seconds", DoubleCell.TYPE));
        return new DataTableSpec("Training history", cols.toArray(DataColumnSpec[]::new));
    }

    static BufferedDataTable table(final List<EpochReport> epochs, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(spec());
        long i = 0;
        for (EpochReport e : epochs) {
            List<DataCell> cells = new ArrayList<>();
            cells.add(new IntCell(e.epoch()));
            for (String t : LossTerms.NAMES) {
                cells.add(number(e.train().get(t)));
            }
            cells.add(number(e.validationLoss()));
            for (String t : LossTerms.NAMES) {
                if (!"loss".equals(t)) {
                    cells.add(number(e.validation().get(t)));
                }
            }
            cells.add(number(e.validationAccuracy()));
            cells.add(number(e.learningRate()));
            cells.add(number(e.klWeight()));
            cells.add(number(e.seconds()));
            // guided training restarts epoch numbers in its second phase, so row IDs count rows
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), cells));
        }
        c.close();
        return c.getTable();
    }

    private static DataCell number(final Double v) {
        return v == null || v.isNaN() ? DataType.getMissingCell() : new DoubleCell(v);
    }
}
