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
import org.scgmvae.core.train.EpochReport;
import org.scgmvae.core.train.HistoryTable;
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
        for (String name : HistoryTable.names()) {
            cols.add(TableBuilder.column(name, HistoryTable.EPOCH.equals(name) ? IntCell.TYPE : DoubleCell.TYPE));
        }
        return new DataTableSpec("Training history", cols.toArray(DataColumnSpec[]::new));
    }

    static BufferedDataTable table(final List<EpochReport> epochs, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(spec());
        long i = 0;
        for (EpochReport e : epochs) {
            double[] v = HistoryTable.row(e);
            List<DataCell> cells = new ArrayList<>();
            cells.add(new IntCell(e.epoch()));
            for (int j = 1; j < v.length; j++) {
                cells.add(number(v[j]));
            }
            // guided training restarts epoch numbers in its second phase, so row IDs count rows
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), cells));
        }
        c.close();
        return c.getTable();
    }

    private static DataCell number(final double v) {
        return Double.isNaN(v) ? DataType.getMissingCell() : new DoubleCell(v);
    }
}
