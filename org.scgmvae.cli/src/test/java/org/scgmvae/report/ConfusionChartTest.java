package org.scgmvae.report;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.eval.LabelAgreement;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The confusion heatmap's rows name their cells, so that a share of a rare type is not read as one of a common type. */
class ConfusionChartTest {

    @Test
    void eachRowNamesItsCells() {
        // 3 B cells, 1 NK cell; components 0 and 1
        CategoricalColumn truth = CategoricalColumn.fromStrings(new String[] {"B", "B", "B", "NK"});
        LabelAgreement a = LabelAgreement.of(new int[] {0, 0, 1, 1}, truth);
        var chart = ConfusionChart.chart(a, List.of("B", "NK"), 400, 300);
        // rows from the top in label order (the heat map's y axis grows upwards)
        assertEquals(List.of("NK (1)", "B (3)"), chart.getHeatMapSeries().getYData());
    }
}
