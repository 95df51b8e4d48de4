package org.scgmvae.core.io;

import org.scgmvae.core.io.h5ad.H5adReader;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.BooleanColumn;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.data.StringColumn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading real anndata 0.8 files (and older layouts written with h5py); skipped without python3 + anndata. */
class H5adReaderTest {

    static JsonNode expected;

    @BeforeAll
    static void generate() throws IOException, InterruptedException {
        Assumptions.assumeTrue(H5adFixtures.available(), "python3 with anndata/h5py/scipy/pandas not available");
        expected = H5adFixtures.expected();
    }

    static void assertMatrix(JsonNode rows, ExpressionMatrix m) {
        assertEquals(rows.size(), m.nCells(), "cells");
        assertEquals(rows.get(0).size(), m.nGenes(), "genes");
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < rows.get(i).size(); j++) {
                assertEquals((float) rows.get(i).get(j).asDouble(), m.get(i, j), "(" + i + "," + j + ")");
            }
        }
    }

    static String[] strings(JsonNode n) {
        List<String> s = new ArrayList<>();
        n.forEach(v -> s.add(v.isNull() ? null : v.asText()));
        return s.toArray(String[]::new);
    }

    static int[] ints(JsonNode n) {
        int[] r = new int[n.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = n.get(i).asInt();
        }
        return r;
    }

    @Test
    void denseFloat32XWithAllObsColumnKinds() throws Exception {
        JsonNode e = expected.get("dense");
        AnnData a = new H5adReader().read(H5adFixtures.file("dense.h5ad"));
        assertInstanceOf(DenseMatrix.class, a.x());
        assertMatrix(e.get("X"), a.x());
        assertArrayEquals(strings(e.get("obs_names")), a.cellNames());
        assertArrayEquals(strings(e.get("var_names")), a.geneNames());
        assertEquals(List.of(strings(e.get("obs_columns"))), a.obs().columnNames(), "column order kept");

        CategoricalColumn ct = (CategoricalColumn) a.obs().column("cell_type");
        assertEquals(List.of(strings(e.get("cell_type_categories"))), ct.categories());
        assertArrayEquals(ints(e.get("cell_type_codes")), ct.codes());
        assertTrue(ct.isMissing(3), "NaN category -> code -1");
        assertFalse(ct.ordered());
        CategoricalColumn stage = (CategoricalColumn) a.obs().column("stage");
        assertEquals(List.of("early", "mid", "late"), stage.categories());
        assertArrayEquals(ints(e.get("stage_codes")), stage.codes());
        assertTrue(stage.ordered(), "ordered categorical keeps ordered=True");

        NumericColumn score = (NumericColumn) a.obs().column("score");
        assertFalse(score.integer());
        for (int i = 0; i < 5; i++) {
            JsonNode v = e.get("score").get(i);
            if (v.isNull()) {
                assertTrue(Double.isNaN(score.values()[i]));
            } else {
                assertEquals(v.asDouble(), score.values()[i], 0);
            }
        }
        NumericColumn nGenes = (NumericColumn) a.obs().column("n_genes");
        assertTrue(nGenes.integer());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, nGenes.values());

        assertArrayEquals(strings(e.get("barcode")), ((StringColumn) a.obs().column("barcode")).values());
        BooleanColumn doublet = (BooleanColumn) a.obs().column("is_doublet");
        for (int i = 0; i < 5; i++) {
            assertEquals(e.get("is_doublet").get(i).asBoolean(), doublet.values()[i]);
        }
        // nullable integer with a missing value: numbers, NaN where missing
        NumericColumn batch = (NumericColumn) a.obs().column("batch_int");
        assertTrue(batch.integer());
        assertEquals(1, batch.values()[0]);
        assertTrue(Double.isNaN(batch.values()[1]));
        assertEquals(2, batch.values()[4]);
        // nullable boolean with a missing value cannot be a BooleanColumn: 1/0/NaN
        NumericColumn flag = (NumericColumn) a.obs().column("flag");
        assertEquals(1, flag.values()[0]);
        assertTrue(Double.isNaN(flag.values()[1]));
        assertEquals(0, flag.values()[2]);
        assertEquals("1", flag.stringValue(3));
    }

    /** anndata 0.11+ writes pandas' string dtype (the index too) as nullable string arrays: read, not numbered or refused. */
    @Test
    void nullableStringArraysOfNewerAnndata() throws Exception {
        AnnData a = new H5adReader().read(H5adFixtures.file("nullstr.h5ad"));
        assertArrayEquals(new String[] {"cell0", "cell1", "cell2", "cell3", "cell4"}, a.cellNames(), "the cells' own names");
        assertArrayEquals(new String[] {"G0", "G2", "G3", "G5"}, a.geneNames());
        assertArrayEquals(new String[] {"AAAC", null, "AACT", "AAGG", "ACGT"}, ((StringColumn) a.obs().column("barcode")).values(),
                "missing where the mask says so");
        CategoricalColumn types = (CategoricalColumn) a.obs().column("cell_type");
        assertEquals(List.of("B", "NK", "T"), types.categories());
        assertEquals("T", types.stringValue(0));
        DataFileException e = assertThrows(DataFileException.class, () -> new H5adReader().read(H5adFixtures.file("nullstr_badindex.h5ad")));
        assertTrue(e.getMessage().contains("name 2 is missing (NA); every name must be given"), e.getMessage());
    }

    @Test
    void varObsmAndCountsLayer() throws Exception {
        JsonNode e = expected.get("dense");
        AnnData a = new H5adReader().read(H5adFixtures.file("dense.h5ad"));
        assertEquals(List.of(strings(e.get("var_columns"))), a.var().columnNames());
        BooleanColumn hv = (BooleanColumn) a.var().column("highly_variable");
        assertArrayEquals(new boolean[] {true, false, true, true}, hv.values());
        assertEquals(3, hv.countTrue());
        assertArrayEquals(strings(e.get("gene_ids")), ((StringColumn) a.var().column("gene_ids")).values());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, ((NumericColumn) a.var().column("means")).values(), 0);

        assertEquals(Set.of("X_pca", "X_umap"), a.obsm().keySet());
        assertMatrix(e.get("X_pca"), a.obsm().get("X_pca"));
        assertEquals(3, a.obsm().get("X_pca").nGenes());
        assertMatrix(e.get("X_umap"), a.obsm().get("X_umap"));

        // default options load the counts layer only
        assertEquals(Set.of("counts"), a.layers().keySet());
        ExpressionMatrix counts = a.layers().get("counts");
        assertTrue(counts.isSparse());
        assertMatrix(e.get("counts"), counts);
        // the layer holds counts, X their log1p
        for (int i = 0; i < a.nCells(); i++) {
            for (int j = 0; j < a.nGenes(); j++) {
                assertEquals((float) Math.log1p(counts.get(i, j)), a.x().get(i, j), 1e-6);
            }
        }
        AnnData noLayers = new H5adReader(new ReadOptions(false, false, Set.of())).read(H5adFixtures.file("dense.h5ad"));
        assertTrue(noLayers.layers().isEmpty());
        AnnData all = new H5adReader(new ReadOptions(false, false, Set.of("*"))).read(H5adFixtures.file("dense.h5ad"));
        assertEquals(Set.of("counts"), all.layers().keySet());
    }

    @Test
    void rawReplacesXAndVarWhenAsked() throws Exception {
        JsonNode e = expected.get("dense");
        AnnData raw = new H5adReader(ReadOptions.defaults().withUseRaw(true)).read(H5adFixtures.file("dense.h5ad"));
        assertEquals(6, raw.nGenes());
        assertArrayEquals(strings(e.get("raw_var_names")), raw.geneNames());
        assertMatrix(e.get("raw_X"), raw.x());
        assertArrayEquals(strings(e.get("raw_gene_ids")), ((StringColumn) raw.var().column("gene_ids")).values());
        assertArrayEquals(strings(e.get("obs_names")), raw.cellNames());
        assertTrue(raw.obs().has("cell_type"), "obs is shared with raw");
        assertTrue(raw.layers().isEmpty(), "layers have X's genes, not raw's");
        assertEquals(Set.of("X_pca", "X_umap"), raw.obsm().keySet());
    }

    @Test
    void csrXWithUnsortedIndicesAndAnEmptyRow() throws Exception {
        // the file really stores the unsorted indices (anndata writes scipy's arrays as they are)
        assertArrayEquals(new int[] {3, 0, 4, 1, 2, 0}, ints(expected.get("csr_stored_indices")));
        AnnData a = new H5adReader().read(H5adFixtures.file("csr.h5ad"));
        CsrMatrix x = assertInstanceOf(CsrMatrix.class, a.x());
        assertMatrix(expected.get("csr").get("X"), x);
        assertEquals(6, x.storedEntries());
        assertArrayEquals(new long[] {0, 2, 3, 3, 5, 6}, x.indptr());
        assertArrayEquals(new int[] {0, 3, 4, 1, 2, 0}, x.indices(), "rows sorted after reading");
        assertArrayEquals(new String[] {"V", "W", "X", "Y", "Z"}, a.geneNames());
        assertTrue(a.obs().columnNames().isEmpty());
        assertTrue(a.var().columnNames().isEmpty());
        assertTrue(a.obsm().isEmpty());
    }

    @Test
    void cscXStoredAsFloat64IsConvertedToCsr() throws Exception {
        assertEquals("csc_matrix", expected.get("csc_encoding").asText());
        assertEquals("float64", expected.get("csc_dtype").asText());
        AnnData a = new H5adReader().read(H5adFixtures.file("csc.h5ad"));
        assertInstanceOf(CsrMatrix.class, a.x());
        assertEquals(6, a.nCells());
        assertEquals(4, a.nGenes());
        assertMatrix(expected.get("csc").get("X"), a.x());
        assertArrayEquals(new String[] {"a", "b", "c", "d"}, a.geneNames());
    }

    @Test
    void integerDenseX() throws Exception {
        assertEquals("int32", expected.get("int_dtype").asText());
        AnnData a = new H5adReader().read(H5adFixtures.file("int.h5ad"));
        assertMatrix(expected.get("int").get("X"), a.x());
    }

    @Test
    void old07LayoutWithCategoriesGroup() throws Exception {
        AnnData a = new H5adReader().read(H5adFixtures.file("old07.h5ad"));
        assertMatrix(expected.get("old07").get("X"), a.x());
        assertArrayEquals(new String[] {"a1", "a2", "a3", "a4"}, a.cellNames());
        assertArrayEquals(new String[] {"ENSG1", "ENSG2", "ENSG3"}, a.geneNames());
        assertEquals(List.of("louvain", "n_counts"), a.obs().columnNames());
        CategoricalColumn louvain = assertInstanceOf(CategoricalColumn.class, a.obs().column("louvain"));
        assertEquals(List.of("0", "1", "2"), louvain.categories());
        assertArrayEquals(new int[] {2, 0, 1, 2}, louvain.codes());
        assertArrayEquals(new double[] {3, 3, 4, 5}, ((NumericColumn) a.obs().column("n_counts")).values());
        assertArrayEquals(new String[] {"X1", "X2", "X3"}, ((StringColumn) a.var().column("gene_symbols")).values());
    }

    @Test
    void preAnndata07SparseAttributes() throws Exception {
        AnnData a = new H5adReader().read(H5adFixtures.file("h5sparse.h5ad"));
        assertInstanceOf(CsrMatrix.class, a.x());
        assertMatrix(expected.get("old07").get("X"), a.x());
        assertArrayEquals(new String[] {"v1", "v2", "v3"}, a.geneNames());
        assertTrue(a.obs().columnNames().isEmpty(), "empty column-order attribute");
    }

    @Test
    void pre07CompoundDataframes() throws Exception {
        AnnData a = new H5adReader().read(H5adFixtures.file("compound.h5ad"));
        assertMatrix(expected.get("old07").get("X"), a.x());
        assertArrayEquals(new String[] {"a1", "a2", "a3", "a4"}, a.cellNames());
        assertArrayEquals(new String[] {"g1", "g2", "g3"}, a.geneNames());
        assertArrayEquals(new double[] {3, 3, 4, 5}, ((NumericColumn) a.obs().column("n_counts")).values());
        CategoricalColumn louvain = assertInstanceOf(CategoricalColumn.class, a.obs().column("louvain"));
        assertEquals(List.of("x", "y"), louvain.categories());
        assertArrayEquals(new int[] {1, 0, 1, 0}, louvain.codes());
        NumericColumn nCells = (NumericColumn) a.var().column("n_cells");
        assertTrue(nCells.integer());
        assertArrayEquals(new double[] {7, 8, 9}, nCells.values());
    }

    @Test
    void duplicateGeneNamesMadeUniqueLikeAnndata() throws Exception {
        AnnData a = new H5adReader(ReadOptions.defaults().withMakeGeneNamesUnique(true)).read(H5adFixtures.file("dup.h5ad"));
        assertArrayEquals(strings(expected.get("dup_unique")), a.geneNames());
        assertArrayEquals(new String[] {"ACTB", "GAPDH", "ACTB-1"}, a.geneNames());
        assertEquals(5f, a.x().get(1, 2));
    }
}
