package org.scgmvae.core.io.h5ad;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.io.DataFileException;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.io.hdf5.Hdf5Writer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Blocks of cells read from disk hold exactly the rows of the whole matrix, for every layout X can have. */
class H5adCellBlocksTest {

    @TempDir
    Path tmp;

    @Test
    void csrBlocksEqualTheWholeMatrixWithLayerAndObsm() throws Exception {
        AnnData cells = cells(23, 9, true);
        Path file = tmp.resolve("csr.h5ad");
        H5adWriter.write(cells, file, true);
        assertBlocksEqualWhole(file, 5);
        assertBlocksEqualWhole(file, 23);
        try (H5adCellBlocks blocks = H5adCellBlocks.open(file, ReadOptions.defaults())) {
            assertEquals(List.of(), blocks.inMemoryParts());
            AnnData b = blocks.block(4, 11);
            assertEquals(7, b.nCells());
            assertArrayEquals(IntStream.range(4, 11).mapToObj(i -> "cell" + i).toArray(), b.cellNames());
            assertEquals("counts", String.join(",", b.layers().keySet()));
            assertEquals(2, b.obsm().get("X_pca").nGenes());
            assertEquals(cells.obsm().get("X_pca").get(10, 1), b.obsm().get("X_pca").get(6, 1));
            assertEquals(List.of("b", "c"), b.obs().categorical("type").categories(), "categories of the whole file, not of the block");
        }
    }

    @Test
    void denseBlocksEqualTheWholeMatrix() throws Exception {
        Path file = tmp.resolve("dense.h5ad");
        H5adWriter.write(cells(17, 6, false), file, true);
        assertBlocksEqualWhole(file, 4);
    }

    @Test
    void cscIsReadWholeOnceAndSaysSo() throws Exception {
        Path csc = tmp.resolve("csc.h5ad");
        writeCsc(cells(12, 5, true), csc);
        assertBlocksEqualWhole(csc, 5);
        try (H5adCellBlocks blocks = H5adCellBlocks.open(csc, ReadOptions.defaults())) {
            String why = String.join(" ", blocks.inMemoryParts());
            assertTrue(why.contains("/X is stored column by column (csc_matrix)") && why.contains("tocsr()"), why);
        }
    }

    @Test
    void badRangesAndMissingFilesGetClearMessages() throws Exception {
        Path file = tmp.resolve("csr.h5ad");
        H5adWriter.write(cells(8, 4, true), file, true);
        try (H5adCellBlocks blocks = H5adCellBlocks.open(file, ReadOptions.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> blocks.block(6, 9));
            assertEquals("cells 6..9 are not a non-empty range of 0..8", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> blocks.block(3, 3));
        }
        DataFileException missing = assertThrows(DataFileException.class, () -> H5adCellBlocks.open(tmp.resolve("none.h5ad"), ReadOptions.defaults()));
        assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());
    }

    @Test
    void nonFiniteValuesAreNamedWithTheirCellInTheBlockThatHoldsThem() throws Exception {
        AnnData cells = cells(10, 4, false);
        float[] v = ((DenseMatrix) cells.x()).values().clone();
        v[7 * 4 + 2] = Float.NaN;
        Path file = tmp.resolve("nan.h5ad");
        H5adWriter.write(cells.withX(new DenseMatrix(10, 4, v)), file, true);
        try (H5adCellBlocks blocks = H5adCellBlocks.open(file, ReadOptions.defaults())) {
            assertEquals(5, blocks.block(0, 5).nCells());
            DataFileException e = assertThrows(DataFileException.class, () -> blocks.block(5, 10));
            assertTrue(e.getMessage().contains("cell7") && e.getMessage().contains("gene2"), e.getMessage());
        }
    }

    /** The real files of ../shared/data (written by anndata: chunked and compressed datasets), when present. */
    @TestFactory
    Stream<DynamicTest> realFilesReadInBlocksEqualTheWholeFile() throws Exception {
        Path dir = Path.of(System.getProperty("scgmvae.sharedData", "../shared/data"));
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".h5ad")).sorted().toList();
            return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> assertBlocksEqualWhole(f, 997)));
        }
    }

    private static void assertBlocksEqualWhole(Path file, int blockSize) throws Exception {
        ReadOptions options = ReadOptions.defaults().withMakeGeneNamesUnique(true);
        AnnData whole = new H5adReader(options).read(file);
        try (H5adCellBlocks blocks = H5adCellBlocks.open(file, options)) {
            assertEquals(whole.nCells(), blocks.nCells());
            assertEquals(whole.nGenes(), blocks.nGenes());
            assertArrayEquals(whole.geneNames(), blocks.annotations().geneNames());
            for (int from = 0; from < whole.nCells(); from += blockSize) {
                int to = Math.min(whole.nCells(), from + blockSize);
                AnnData b = blocks.block(from, to);
                int[] rows = IntStream.range(from, to).toArray();
                String where = file.getFileName() + " cells " + from + ".." + to;
                assertSameValues(whole.x().selectCells(rows), b.x(), where);
                assertArrayEquals(whole.obs().select(rows).index(), b.cellNames(), where);
                assertEquals(whole.layers().keySet(), b.layers().keySet(), where);
                for (String layer : whole.layers().keySet()) {
                    assertSameValues(whole.layers().get(layer).selectCells(rows), b.layers().get(layer), where + " layer " + layer);
                }
                for (String key : whole.obsm().keySet()) {
                    assertSameValues(whole.obsm().get(key).selectCells(rows), b.obsm().get(key), where + " obsm " + key);
                }
            }
        }
    }

    private static void assertSameValues(ExpressionMatrix expected, ExpressionMatrix actual, String where) {
        assertEquals(expected.nCells(), actual.nCells(), where);
        assertEquals(expected.nGenes(), actual.nGenes(), where);
        assertEquals(expected.isSparse(), actual.isSparse(), where);
        float[] e = new float[expected.nGenes()];
        float[] a = new float[actual.nGenes()];
        for (int i = 0; i < expected.nCells(); i++) {
            assertArrayEquals(expected.row(i, e), actual.row(i, a), where + " row " + i);
        }
    }

    /** Cells with a categorical obs column, a counts layer, an obsm array and one empty row. */
    private static AnnData cells(int n, int g, boolean sparse) {
        Random rnd = new Random(n * 31L + g);
        float[] v = new float[n * g];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(3) == 0 ? rnd.nextInt(20) : 0;
        }
        java.util.Arrays.fill(v, 2 * g, 3 * g, 0f); // cell 2 has no counts
        DenseMatrix dense = new DenseMatrix(n, g, v);
        ExpressionMatrix x = sparse ? CsrMatrix.fromDense(dense) : dense;
        String[] type = IntStream.range(0, n).mapToObj(i -> i % 3 == 0 ? "b" : "c").toArray(String[]::new);
        Map<String, org.scgmvae.core.data.Column> obsCols = new LinkedHashMap<>();
        obsCols.put("type", CategoricalColumn.fromStrings(type));
        DataFrame obs = new DataFrame(IntStream.range(0, n).mapToObj(i -> "cell" + i).toArray(String[]::new), obsCols);
        DataFrame var = DataFrame.ofIndex(IntStream.range(0, g).mapToObj(j -> "gene" + j).toArray(String[]::new));
        float[] pca = new float[n * 2];
        for (int i = 0; i < pca.length; i++) {
            pca[i] = i * 0.5f;
        }
        return new AnnData(x, obs, var, Map.of("X_pca", new DenseMatrix(n, 2, pca)), Map.of("counts", x));
    }

    /** The same cells with X stored as a csc_matrix group (what scipy writes for a column-compressed X). */
    private static void writeCsc(AnnData cells, Path target) throws Exception {
        ExpressionMatrix x = cells.x();
        int n = x.nCells();
        int g = x.nGenes();
        List<Float> data = new java.util.ArrayList<>();
        List<Integer> rowIdx = new java.util.ArrayList<>();
        long[] colPtr = new long[g + 1];
        for (int j = 0; j < g; j++) {
            for (int i = 0; i < n; i++) {
                float val = x.get(i, j);
                if (val != 0) {
                    data.add(val);
                    rowIdx.add(i);
                }
            }
            colPtr[j + 1] = data.size();
        }
        float[] d = new float[data.size()];
        int[] r = new int[rowIdx.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = data.get(k);
            r[k] = rowIdx.get(k);
        }
        try (Hdf5Writer h5 = new Hdf5Writer(target)) {
            Hdf5Writer.Group root = h5.root();
            root.attribute("encoding-type", "anndata").attribute("encoding-version", "0.1.0");
            Hdf5Writer.Group gx = root.group("X").attribute("encoding-type", "csc_matrix").attribute("encoding-version", "0.1.0")
                    .attribute("shape", new long[] {n, g});
            gx.dataset("data", d);
            gx.dataset("indices", r);
            gx.dataset("indptr", colPtr);
            Hdf5Writer.Group obs = root.group("obs").attribute("encoding-type", "dataframe").attribute("encoding-version", "0.2.0")
                    .attribute("_index", "_index").attribute("column-order", new String[0]);
            obs.dataset("_index", cells.cellNames());
            Hdf5Writer.Group var = root.group("var").attribute("encoding-type", "dataframe").attribute("encoding-version", "0.2.0")
                    .attribute("_index", "_index").attribute("column-order", new String[0]);
            var.dataset("_index", cells.geneNames());
        }
    }
}
