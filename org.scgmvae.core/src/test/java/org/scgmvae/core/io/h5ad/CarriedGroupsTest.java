package org.scgmvae.core.io.h5ad;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.io.PythonSupport;
import org.scgmvae.core.io.ReadOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An output that annotates scanpy's pbmc68k_reduced (real cells with uns colours, neighbour settings, PCA, marker-gene
 * tables, obsp graphs, varm loadings and raw) carries those parts over unchanged, and names the ones it cannot store.
 */
class CarriedGroupsTest {

    static final Path PBMC = Path.of(System.getProperty("scgmvae.sharedData", "../shared/data")).resolve("pbmc68k_reduced.h5ad");

    private static AnnData annotated(ReadOptions read) throws Exception {
        AnnData cells = new H5adReader(read).read(PBMC);
        double[] score = new double[cells.nCells()];
        java.util.Arrays.fill(score, 0.5);
        return cells.withObs(cells.obs().withColumn("gmvae_probability", new NumericColumn(score)));
    }

    @Test
    void unsObspVarmAndRawComeThroughUnchanged(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(PBMC), "shared data not present");
        List<String> notes = new ArrayList<>();
        Path out = dir.resolve("predicted.h5ad");
        H5adWriter.write(annotated(ReadOptions.defaults()), out, true, CarriedGroups.from(PBMC, ReadOptions.defaults(), notes::add));
        List<String> compared = new ArrayList<>();
        try (HdfFile in = new HdfFile(PBMC); HdfFile written = new HdfFile(out)) {
            for (String g : new String[] {"uns", "obsp", "varm", "raw"}) {
                assertSame((Group) in.getChild(g), (Group) written.getChild(g), g, compared);
            }
        }
        assertTrue(compared.containsAll(List.of("uns/bulk_labels_colors", "uns/neighbors/params/n_neighbors", "obsp/connectivities/data",
                "varm/PCs", "raw/X/data", "raw/var/index", "uns/pca/variance_ratio")), "" + compared);
        // the marker-gene tables are numpy record arrays (HDF5 compounds): the whole entry is left out (a half dict would break
        // scanpy's plots) and named, not dropped in silence
        assertEquals(1, notes.size(), "" + notes);
        assertTrue(notes.get(0).contains("uns/rank_genes_groups (its names: a numpy record array)"), notes.get(0));
        try (HdfFile written = new HdfFile(out)) {
            assertFalse(((Group) written.getChild("uns")).getChildren().containsKey("rank_genes_groups"));
        }
        // our own reader reads the output as before
        assertEquals(700, new H5adReader().read(out).nCells());
    }

    @Test
    void theBlockRouteCarriesTheSameWithoutExpressionWhenAsked(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(PBMC), "shared data not present");
        Path out = dir.resolve("blocks.h5ad");
        Path noX = dir.resolve("no_x.h5ad");
        try (H5adCellBlocks cells = H5adCellBlocks.open(PBMC, ReadOptions.defaults())) {
            AnnData a = cells.annotations();
            H5adWriter.writeCopying(cells, a.obs(), Map.of(), out, true, 128, CarriedGroups.from(PBMC, ReadOptions.defaults(), n -> { }));
            H5adWriter.writeCopying(cells, a.obs(), Map.of(), noX, false, 128,
                    CarriedGroups.from(PBMC, ReadOptions.defaults(), n -> { }).withoutExpression());
        }
        try (HdfFile in = new HdfFile(PBMC); HdfFile written = new HdfFile(out); HdfFile small = new HdfFile(noX)) {
            List<String> compared = new ArrayList<>();
            for (String g : new String[] {"uns", "obsp", "varm", "raw"}) {
                assertSame((Group) in.getChild(g), (Group) written.getChild(g), g, compared);
            }
            for (String g : new String[] {"uns", "obsp", "varm"}) {
                assertSame((Group) in.getChild(g), (Group) small.getChild(g), g, compared);
            }
            assertFalse(small.getChildren().containsKey("raw"), "--no-x leaves raw's expression out too");
        }
    }

    @Test
    void legacyCategoryListsAndTheColoursOfColumnsWrittenAnewAreNotCarried(@TempDir Path dir) throws Exception {
        // scGen's Kang file keeps its categoricals the anndata 0.6 way: codes in obs, the categories in uns['<column>_categories']
        Path scgen = PBMC.resolveSibling("kang_valid_scgen.h5ad");
        Assumptions.assumeTrue(Files.exists(scgen), "shared data not present");
        List<String> notes = new ArrayList<>();
        Path out = dir.resolve("scgen.h5ad");
        H5adWriter.write(new H5adReader().read(scgen), out, false, CarriedGroups.from(scgen, ReadOptions.defaults(), notes::add)
                .replacing(List.of("condition")));
        try (HdfFile written = new HdfFile(out)) {
            java.util.Set<String> uns = ((Group) written.getChild("uns")).getChildren().keySet();
            assertTrue(uns.contains("cell_type_colors") && uns.contains("neighbors"), "" + uns);
            assertFalse(uns.contains("cell_type_categories") || uns.contains("condition_categories"),
                    "the categories are the columns' own now; anndata would apply them twice: " + uns);
            assertFalse(uns.contains("condition_colors"), "a column written anew does not keep the old colours");
        }
        assertEquals(List.of("left out of the output: uns/condition_colors (obs 'condition' is written anew by this run)"), notes);
        if (PythonSupport.hasModules("anndata")) {
            // a current file: anndata reads it without a warning (untagged elements of the anndata 0.6 file are tagged, the
            // neighbour graphs it kept in uns are in obsp, as anndata moves them) and with the same graphs
            String said = PythonSupport.run(dir, "scgen", String.join("\n",
                    "import sys, warnings, anndata as ad",
                    "a = ad.read_h5ad(sys.argv[1])",
                    "warnings.simplefilter('error')",
                    "b = ad.read_h5ad(sys.argv[2])",
                    "assert (a.obsp['distances'] != b.obsp['distances']).nnz == 0",
                    "assert list(a.uns['cell_type_colors']) == list(b.uns['cell_type_colors'])",
                    "print('ok', sorted(b.obsp))"), scgen.toAbsolutePath().toString(), out.toString());
            assertEquals("ok ['connectivities', 'distances']", said.strip());
        }
    }

    @Test
    void whatAnndataWroteComesBackAsAnndataWroteIt(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(PBMC), "shared data not present");
        Assumptions.assumeTrue(PythonSupport.hasModules("anndata", "h5py"), "python3-anndata is not installed");
        // kinds scanpy users have: a categorical in raw/var (its 'ordered' is numpy's bool), an empty varm entry, bool and
        // unsigned arrays, scalars and non-ASCII text in nested uns, a uint8 layer
        Path in = dir.resolve("kinds.h5ad");
        PythonSupport.run(dir, "kinds", String.join("\n",
                "import sys, numpy as np, anndata as ad",
                "a = ad.read_h5ad(sys.argv[1])[:50].copy()",
                "del a.uns['rank_genes_groups']",
                "a.var['kind'] = ['a', 'b'] * (a.n_vars // 2) + ['a'] * (a.n_vars % 2)",
                "a.var['kind'] = a.var['kind'].astype('category')",
                "a.raw = a",
                "a.varm['empty'] = np.zeros((a.n_vars, 0))",
                "a.uns['flags'] = np.array([True, False, True])",
                "a.uns['nested'] = {'text': 'Zellé', 'n': 3, 'x': 1.5, 'small': np.arange(4, dtype=np.uint8)}",
                "a.layers['u8'] = (np.abs(a.X) > 1).astype(np.uint8)",
                "a.write(sys.argv[2])"), PBMC.toAbsolutePath().toString(), in.toString());
        List<String> notes = new ArrayList<>();
        Path out = dir.resolve("out.h5ad");
        H5adWriter.write(annotatedOf(in), out, true, CarriedGroups.from(in, ReadOptions.defaults(), notes::add));
        String said = PythonSupport.run(dir, "compare", String.join("\n",
                "import sys, warnings, numpy as np, anndata as ad",
                "warnings.simplefilter('error')",
                "a = ad.read_h5ad(sys.argv[1]); b = ad.read_h5ad(sys.argv[2])",
                "assert list(b.raw.var['kind']) == list(a.raw.var['kind']) and b.raw.var['kind'].dtype == 'category'",
                "assert b.varm['empty'].shape == a.varm['empty'].shape, b.varm['empty'].shape",
                "assert b.uns['flags'].dtype == bool and list(b.uns['flags']) == [True, False, True]",
                "assert b.uns['nested']['text'] == 'Zellé' and b.uns['nested']['n'] == 3 and b.uns['nested']['x'] == 1.5",
                "assert list(b.uns['nested']['small']) == [0, 1, 2, 3]",
                "assert (b.layers['u8'] == a.layers['u8']).all()",
                "print('ok')"), in.toString(), out.toString());
        assertEquals("ok", said.strip());
        assertTrue(notes.isEmpty(), "" + notes);
    }

    @Test
    void anEntryWithAnObjectReferenceIsLeftOutWholeAndNamed(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(PBMC), "shared data not present");
        Assumptions.assumeTrue(PythonSupport.hasModules("h5py", "anndata"), "python3-anndata is not installed");
        // anndata 0.7 pointed a categorical's codes at its categories with an HDF5 object reference (an attribute)
        Path in = dir.resolve("ref.h5ad");
        PythonSupport.run(dir, "ref", String.join("\n",
                "import sys, shutil, h5py, numpy as np",
                "shutil.copy(sys.argv[1], sys.argv[2])",
                "with h5py.File(sys.argv[2], 'a') as f:",
                "    g = f['uns'].create_group('table07')",
                "    c = g.create_dataset('codes', data=np.arange(3, dtype=np.int8))",
                "    c.attrs['categories'] = f['uns/louvain_colors'].ref"), PBMC.toAbsolutePath().toString(), in.toString());
        List<String> notes = new ArrayList<>();
        Path out = dir.resolve("out.h5ad");
        H5adWriter.write(new H5adReader().read(in), out, false, CarriedGroups.from(in, ReadOptions.defaults(), notes::add));
        assertTrue(notes.get(0).contains("uns/table07 (its codes: attribute 'categories' of a kind this writer does not store)"), "" + notes);
        try (HdfFile written = new HdfFile(out)) {
            java.util.Set<String> uns = ((Group) written.getChild("uns")).getChildren().keySet();
            assertFalse(uns.contains("table07"), "" + uns);
            assertTrue(uns.contains("louvain_colors"), "" + uns);
        }
        assertEquals("ok", PythonSupport.run(dir, "read", String.join("\n", "import sys, anndata as ad", "ad.read_h5ad(sys.argv[1])",
                "print('ok')"), out.toString()).strip());
    }

    private static AnnData annotatedOf(Path file) throws Exception {
        return new H5adReader().read(file);
    }

    @Test
    void largeArraysAreCopiedInSlicesToTheSameValues(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(PBMC), "shared data not present");
        long before = CarriedGroups.sliceValues;
        CarriedGroups.sliceValues = 1000; // raw/X/data (~170,000 values) in ~170 slices, varm/PCs (765 x 50) 20 genes at a time
        try {
            Path out = dir.resolve("sliced.h5ad");
            H5adWriter.write(annotated(ReadOptions.defaults()), out, false, CarriedGroups.from(PBMC, ReadOptions.defaults(), n -> { }));
            try (HdfFile in = new HdfFile(PBMC); HdfFile written = new HdfFile(out)) {
                List<String> compared = new ArrayList<>();
                assertSame((Group) in.getChild("raw"), (Group) written.getChild("raw"), "raw", compared);
                assertSame((Group) in.getChild("varm"), (Group) written.getChild("varm"), "varm", compared);
                assertTrue(compared.contains("raw/X/data") && compared.contains("varm/PCs"), "" + compared);
            }
        } finally {
            CarriedGroups.sliceValues = before;
        }
    }

    @Test
    void afterUseRawOnlyWhatStillMatchesIsCarriedAndTheRestIsSaid(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(PBMC), "shared data not present");
        ReadOptions raw = ReadOptions.defaults().withUseRaw(true);
        List<String> notes = new ArrayList<>();
        Path out = dir.resolve("raw.h5ad");
        H5adWriter.write(annotated(raw), out, true, CarriedGroups.from(PBMC, raw, notes::add));
        try (HdfFile written = new HdfFile(out)) {
            assertNotNull(((Group) written.getChild("uns")).getChild("louvain_colors"), "uns describes the cells: carried");
            assertNotNull(((Group) written.getChild("obsp")).getChild("distances"), "obsp describes the cells: carried");
            assertTrue(((Group) written.getChild("varm")).getChildren().isEmpty(), "varm describes X's 765 genes, not raw's");
            assertFalse(written.getChildren().containsKey("raw"), "raw is X now");
        }
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("varm, raw of the input describe X's genes, not raw's (--use-raw)")), "" + notes);
        // the three-gene CSV of another route carries nothing and says nothing
        assertEquals(CarriedGroups.NONE, CarriedGroups.from(dir.resolve("cells.csv"), ReadOptions.defaults(), notes::add));
    }

    @Test
    void anndataReadsTheCarriedPartsAsItWroteThem(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(PBMC), "shared data not present");
        Assumptions.assumeTrue(PythonSupport.hasModules("anndata"), "python3-anndata is not installed");
        Path out = dir.resolve("predicted.h5ad");
        H5adWriter.write(annotated(ReadOptions.defaults()), out, true, CarriedGroups.from(PBMC, ReadOptions.defaults(), n -> { }));
        String said = PythonSupport.run(dir, "carried", String.join("\n",
                "import sys, warnings, numpy as np, anndata as ad",
                "warnings.simplefilter('error')",
                "a = ad.read_h5ad(sys.argv[1]); b = ad.read_h5ad(sys.argv[2])",
                "assert list(a.uns['bulk_labels_colors']) == list(b.uns['bulk_labels_colors'])",
                "assert a.uns['neighbors']['params'] == b.uns['neighbors']['params'], b.uns['neighbors']['params']",
                "assert np.allclose(a.uns['pca']['variance'], b.uns['pca']['variance'])",
                "assert (a.obsp['connectivities'] != b.obsp['connectivities']).nnz == 0",
                "assert np.array_equal(a.varm['PCs'], b.varm['PCs'], equal_nan=True)",
                "assert (a.raw.X != b.raw.X).nnz == 0 and list(a.raw.var_names) == list(b.raw.var_names)",
                "print('ok', b.raw.shape, sorted(b.uns))"), PBMC.toAbsolutePath().toString(), out.toString());
        assertTrue(said.startsWith("ok (700, 765)"), said);
    }

    /** Every dataset and attribute of {@code a} is in {@code b} with the same values, compound arrays aside. */
    private static void assertSame(Group a, Group b, String where, List<String> compared) {
        assertNotNull(b, where + " missing");
        assertSameAttributes(a, b, where);
        for (Map.Entry<String, Node> e : a.getChildren().entrySet()) {
            String path = where + "/" + e.getKey();
            Node there = b.getChildren().get(e.getKey());
            if (e.getValue() instanceof Dataset d && d.isCompound() || e.getKey().equals("rank_genes_groups")) {
                continue;
            }
            assertNotNull(there, path + " missing");
            if (e.getValue() instanceof Group g) {
                assertSame(g, (Group) there, path, compared);
            } else {
                Dataset d = (Dataset) e.getValue();
                Dataset o = (Dataset) there;
                assertTrue(java.util.Arrays.equals(d.getDimensions(), o.getDimensions()), path + " shape");
                assertTrue(Objects.deepEquals(d.isScalar() ? d.getData() : d.getDataFlat(), o.isScalar() ? o.getData() : o.getDataFlat()),
                        path + " values");
                assertSameAttributes(d, o, path);
                compared.add(path);
            }
        }
    }

    private static void assertSameAttributes(Node a, Node b, String where) {
        for (Map.Entry<String, Attribute> e : a.getAttributes().entrySet()) {
            Attribute there = b.getAttributes().get(e.getKey());
            assertNotNull(there, where + " attribute " + e.getKey());
            Object mine = e.getValue().getData();
            Object theirs = there.getData();
            assertEquals(normalised(mine), normalised(theirs), where + " attribute " + e.getKey());
        }
    }

    /** Attribute values compared as text: h5py's 1-element arrays and int32 against our scalars and int64 mean the same. */
    private static String normalised(Object v) {
        if (v != null && v.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(v);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) {
                s.append(java.lang.reflect.Array.get(v, i)).append(',');
            }
            return n == 1 ? String.valueOf(java.lang.reflect.Array.get(v, 0)) : s.toString();
        }
        return String.valueOf(v);
    }
}
