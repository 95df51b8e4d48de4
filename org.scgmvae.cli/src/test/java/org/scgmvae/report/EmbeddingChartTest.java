package org.scgmvae.report;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.DenseMatrix;

import java.awt.Color;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingChartTest {

    @Test
    void aComponentNamedAfterATypeHasThatTypesColourBesideIt() {
        String[] type = {"B", "CD4T", "NK", "B", "CD4T", "NK"};
        String[] component = {"2 B", "0 CD4T", "1 NK", "2 B", "0 CD4T", "1 NK"};
        DenseMatrix xy = new DenseMatrix(6, 2, new float[12]);
        EmbeddingChart.Annotation label = EmbeddingChart.Annotation.of("cell_type", type); // B, CD4T, NK
        List<String> used = List.of("0 CD4T", "1 NK", "2 B"); // component order
        EmbeddingChart.Annotation byComponent = new EmbeddingChart.Annotation("predicted component", component, used)
                .withColours(EmbeddingChart.coloursOfTypes(List.of("CD4T", "NK", "B"), label));
        XYChart types = EmbeddingChart.chart("t", "UMAP", xy, label, null, 200, 200);
        XYChart components = EmbeddingChart.chart("c", "UMAP", xy, byComponent, null, 200, 200);
        for (String[] pair : new String[][] {{"B", "2 B"}, {"CD4T", "0 CD4T"}, {"NK", "1 NK"}}) {
            assertEquals(types.getSeriesMap().get(pair[0]).getMarkerColor(), components.getSeriesMap().get(pair[1]).getMarkerColor(), pair[1]);
        }
        // by position alone, component 0 would take the first type's colour
        XYChart plain = EmbeddingChart.chart("c", "UMAP", xy, new EmbeddingChart.Annotation("predicted component", component, used), null, 200, 200);
        assertNotEquals(types.getSeriesMap().get("CD4T").getMarkerColor(), plain.getSeriesMap().get("0 CD4T").getMarkerColor());
    }

    @Test
    void componentsSharingATypeTakeShadesOfItAndUnnamedOnesGrey() {
        EmbeddingChart.Annotation types = EmbeddingChart.Annotation.of("cell_type", new String[] {"B", "CD4T", "NK"});
        Color cd4t = types.colour(1);
        // over-clustered without labels, each component named by its majority type: the type's colour, then its shades
        List<Color> c = EmbeddingChart.coloursOfTypes(Arrays.asList("CD4T", "CD4T", "B", "CD4T", null, "Megakaryocytes"), types);
        assertEquals(cd4t, c.get(0));
        assertEquals(EmbeddingChart.shade(cd4t, 1), c.get(1));
        assertTrue(brightness(c.get(1)) > brightness(cd4t), "the second CD4T component a lighter shade");
        assertTrue(brightness(c.get(3)) < brightness(cd4t), "the third a darker one");
        assertEquals(types.colour(0), c.get(2), "B keeps its colour");
        assertEquals(c.get(4).getRed(), c.get(4).getBlue(), "an unnamed component is grey");
        assertNotEquals(c.get(4), c.get(5), "two unnamed ones differ");
        assertEquals(6, new java.util.HashSet<>(c).size(), "every component its own colour: " + c);
        assertNull(EmbeddingChart.coloursOfTypes(Arrays.asList(null, "Megakaryocytes"), types), "no known type at all: the palette");
        assertEquals(Palette.of(1, 3), EmbeddingChart.coloursOfTypes(List.of("CD4T", "B"), types).get(0));
    }

    private static int brightness(Color c) {
        return c.getRed() + c.getGreen() + c.getBlue();
    }

    @Test
    void aColumnKeepsItsCategoryOrderAndTheFilesColours() {
        // scGen's Kang file: its own category order, not the alphabet; its uns colours where it has them
        CategoricalColumn type = CategoricalColumn.fromStrings(new String[] {"CD4T", "CD14+Mono", "B", "CD4T", null});
        EmbeddingChart.Annotation scanpyDefaults = EmbeddingChart.Annotation.ofColumn("cell_type", type, null, null);
        assertEquals(List.of("CD4T", "CD14+Mono", "B"), scanpyDefaults.categories());
        assertEquals(new Color(0x1f77b4), scanpyDefaults.colour(0), "scanpy's first default colour for the first category");
        assertEquals(new Color(0x279e68), scanpyDefaults.colour(2), "scanpy's default_10 green, not tab10's");
        EmbeddingChart.Annotation fromFile = EmbeddingChart.Annotation.ofColumn("cell_type", type, new int[] {2, 1},
                List.of("#aa0000", "#00bb00", "#0000cc"));
        assertEquals(List.of("CD14+Mono", "B"), fromFile.categories(), "only the categories the shown cells hold");
        assertEquals(new Color(0x00bb00), fromFile.colour(0), "CD14+Mono keeps the file's colour of its place in the column");
        assertEquals(new Color(0x0000cc), fromFile.colour(1));
        // colours for another number of categories than the column has are not the column's: scanpy's defaults instead
        assertEquals(new Color(0xff7f0e), EmbeddingChart.Annotation.ofColumn("cell_type", type, null, List.of("#aa0000")).colour(1));
    }
}
