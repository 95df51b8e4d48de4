package org.scgmvae.core.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class Hdf5WriterTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String[] TEXT = {"Zellé", "", "T cell", "日本語 ✓", "x".repeat(300)};
    private static Boolean pythonAvailable;

    /** A file with every dataset and attribute kind, nested groups and a group with 200 children. */
    private static Path sample(Path dir) throws IOException {
        Path f = dir.resolve("sample.h5");
        try (Hdf5Writer w = new Hdf5Writer(f)) {
            Hdf5Writer.Group r = w.root()
                    .attribute("title", "Zellé ✓")
                    .attribute("yes", true)
                    .attribute("no", Boolean.FALSE)
                    .attribute("count", 7L)
                    .attribute("small", 42)
                    .attribute("ratio", 0.25)
                    .attribute("shape", new long[] {3, 4})
                    .attribute("ints", new int[] {-1, 2})
                    .attribute("doubles", new double[] {0.5, -2})
                    .attribute("names", new String[] {"a", "", "Zellé"})
                    .attribute("column-order", new String[0]);
            r.dataset("f32", new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 3, 4)
                    .attribute("encoding-type", "array").attribute("encoding-version", "0.2.0");
            Hdf5Writer.Group codes = r.group("obs").group("cell_type");
            codes.attribute("ordered", false);
            codes.dataset("codes", new byte[] {-128, 0, 127});
            Hdf5Writer.Group g = r.group("nested").group("deeper").group("deepest");
            g.dataset("f64", new double[] {-1.5, Double.NaN, 1e300});
            g.dataset("i8", new byte[] {-128, 0, 127});
            g.dataset("i16", new short[] {-300, 300});
            g.dataset("i32", new int[] {Integer.MIN_VALUE, 5, 6, 7}, 2, 1, 2);
            g.dataset("i64", new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            g.dataset("bool", new boolean[] {true, false, true});
            g.dataset("text", TEXT);
            g.dataset("empty", new float[0]);
            g.dataset("empty_rows", new double[0], 0, 5);
            g.dataset("empty_text", new String[0]);
            g.dataset("empty_bool", new boolean[0]);
            // group() returns the existing group
            assertTrue(r.group("nested") == r.group("nested"));
            Hdf5Writer.Group many = r.group("many");
            for (int i = 0; i < 200; i++) {
                many.dataset("d" + i, new int[] {i, -i}).attribute("i", i);
            }
        }
        return f;
    }

    @Test
    void lookup3MatchesTheReferenceVectors() {
        // from Bob Jenkins' lookup3.c driver5(): hashlittle("", 0, 0) and hashlittle("Four score...", 30, 0)
        assertEquals(0xdeadbeef, Lookup3.hash(new byte[0], 0, 0));
        byte[] text = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x17770551, Lookup3.hash(text, 0, text.length));
    }

    @Test
    void jhdfReadsBackEveryKind(@TempDir Path dir) throws Exception {
        Path f = sample(dir);
        try (HdfFile h = new HdfFile(f)) {
            Dataset f32 = h.getDatasetByPath("f32");
            assertArrayEquals(new int[] {3, 4}, f32.getDimensions());
            float[][] m = (float[][]) f32.getData();
            assertArrayEquals(new float[] {1, 2, 3, 4}, m[0]);
            assertArrayEquals(new float[] {9, 10, 11, 12}, m[2]);
            assertEquals("array", f32.getAttribute("encoding-type").getData());

            assertArrayEquals(new byte[] {-128, 0, 127}, (byte[]) h.getDatasetByPath("/obs/cell_type/codes").getData());
            String deep = "nested/deeper/deepest/";
            double[] d = (double[]) h.getDatasetByPath(deep + "f64").getData();
            assertEquals(-1.5, d[0]);
            assertTrue(Double.isNaN(d[1]));
            assertEquals(1e300, d[2]);
            assertArrayEquals(new byte[] {-128, 0, 127}, (byte[]) h.getDatasetByPath(deep + "i8").getData());
            assertArrayEquals(new short[] {-300, 300}, (short[]) h.getDatasetByPath(deep + "i16").getData());
            Dataset i32 = h.getDatasetByPath(deep + "i32");
            assertArrayEquals(new int[] {2, 1, 2}, i32.getDimensions());
            int[][][] cube = (int[][][]) i32.getData();
            assertArrayEquals(new int[] {Integer.MIN_VALUE, 5}, cube[0][0]);
            assertArrayEquals(new int[] {6, 7}, cube[1][0]);
            assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE}, (long[]) h.getDatasetByPath(deep + "i64").getData());
            // jhdf reads enums as their member names
            assertArrayEquals(new String[] {"TRUE", "FALSE", "TRUE"}, (String[]) h.getDatasetByPath(deep + "bool").getData());
            Dataset text = h.getDatasetByPath(deep + "text");
            assertArrayEquals(new int[] {TEXT.length}, text.getDimensions());
            assertArrayEquals(TEXT, (String[]) text.getData());

            assertEquals("Zellé ✓", h.getAttribute("title").getData());
            assertEquals("TRUE", h.getAttribute("yes").getData());
            assertEquals("FALSE", h.getAttribute("no").getData());
            assertEquals("FALSE", h.getByPath("obs/cell_type").getAttribute("ordered").getData());
            assertTrue(h.getAttribute("title").isScalar());
            assertTrue(h.getAttribute("yes").isScalar());
            assertEquals(7L, h.getAttribute("count").getData());
            assertEquals(42L, h.getAttribute("small").getData());
            assertEquals(0.25, h.getAttribute("ratio").getData());
            assertArrayEquals(new long[] {3, 4}, (long[]) h.getAttribute("shape").getData());
            assertArrayEquals(new int[] {-1, 2}, (int[]) h.getAttribute("ints").getData());
            assertArrayEquals(new double[] {0.5, -2}, (double[]) h.getAttribute("doubles").getData());
            assertArrayEquals(new String[] {"a", "", "Zellé"}, (String[]) h.getAttribute("names").getData());
            Attribute none = h.getAttribute("column-order");
            assertArrayEquals(new int[] {0}, none.getDimensions());
            assertEquals(11, h.getAttributes().size());

            Group many = (Group) h.getByPath("many");
            assertEquals(200, many.getChildren().size());
            for (int i = 0; i < 200; i++) {
                Dataset c = (Dataset) many.getChild("d" + i);
                assertArrayEquals(new int[] {i, -i}, (int[]) c.getData());
                assertEquals((long) i, c.getAttribute("i").getData());
            }
            // children keep insertion order
            assertEquals("d0", many.getChildren().keySet().iterator().next());
        }
    }

    @Test
    void emptyArraysWork(@TempDir Path dir) throws Exception {
        Path f = sample(dir);
        try (HdfFile h = new HdfFile(f)) {
            String deep = "nested/deeper/deepest/";
            Dataset empty = h.getDatasetByPath(deep + "empty");
            assertArrayEquals(new int[] {0}, empty.getDimensions());
            assertEquals(0, empty.getSize());
            // jhdf answers null for every zero-byte dataset (DatasetBase.isEmpty), whatever its storage
            assertNull(empty.getData());
            Dataset rows = h.getDatasetByPath(deep + "empty_rows");
            assertArrayEquals(new int[] {0, 5}, rows.getDimensions());
            assertEquals(0, rows.getSize());
            assertArrayEquals(new int[] {0}, h.getDatasetByPath(deep + "empty_text").getDimensions());
            assertEquals(0, h.getDatasetByPath(deep + "empty_text").getSize());
            assertArrayEquals(new int[] {0}, h.getDatasetByPath(deep + "empty_bool").getDimensions());
        }
    }

    @Test
    void largeDataAndManyStringsSpanBuffersAndHeapCollections(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("large.h5");
        Files.write(f, new byte[20_000_000]); // an existing, longer file is replaced
        int n = 3_000_001; // 12 MB: several output buffers, odd length
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * 0.5f;
        }
        String[] names = new String[150_000]; // more than the 65535 objects one heap collection holds
        for (int i = 0; i < names.length; i++) {
            names[i] = "cell-" + i + (i % 7 == 0 ? "é" : "");
        }
        long[] big = new long[1_000_003];
        for (int i = 0; i < big.length; i++) {
            big[i] = (long) i << 33;
        }
        try (Hdf5Writer w = new Hdf5Writer(f)) {
            w.root().dataset("x", values, 1, n);
            w.root().dataset("names", names);
            w.root().dataset("big", big);
        }
        assertTrue(Files.size(f) < 40_000_000);
        try (HdfFile h = new HdfFile(f)) {
            float[][] x = (float[][]) h.getDatasetByPath("x").getData();
            assertArrayEquals(values, x[0]);
            assertArrayEquals(names, (String[]) h.getDatasetByPath("names").getData());
            assertArrayEquals(big, (long[]) h.getDatasetByPath("big").getData());
        }
    }

    @Test
    void dimensionsMustMatchTheData() {
        Hdf5Writer w = new Hdf5Writer(Path.of("never-written.h5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.root().dataset("x", new float[5], 2, 3));
        assertEquals("/x: dimensions [2, 3] hold 6 values but the array has 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> w.root().group("g").dataset("y", new int[0], 2, -1));
        assertEquals("/g/y: negative dimension in [2, -1]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.root().dataset("big", new byte[1], 1L << 40, 1L << 40));
        // the failed calls left nothing behind
        w.root().dataset("x", new float[6], 2, 3);
        assertFalse(Files.exists(Path.of("never-written.h5")));
    }

    @Test
    void invalidInputIsRejected(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.h5");
        Hdf5Writer w = new Hdf5Writer(f);
        Hdf5Writer.Group r = w.root();
        assertThrows(IllegalArgumentException.class, () -> r.group("a/b"));
        assertThrows(IllegalArgumentException.class, () -> r.group(""));
        assertThrows(IllegalArgumentException.class, () -> r.group("."));
        assertThrows(IllegalArgumentException.class, () -> r.dataset("s", new Object[1]));
        assertThrows(IllegalArgumentException.class, () -> r.dataset("s", new double[2][2]));
        assertThrows(IllegalArgumentException.class, () -> r.dataset("s", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.dataset("s", new String[] {"a", null}));
        assertTrue(e.getMessage().contains("element 1 is null"), e.getMessage());
        r.dataset("d", new int[1]);
        assertThrows(IllegalArgumentException.class, () -> r.dataset("d", new int[1]));
        assertThrows(IllegalArgumentException.class, () -> r.group("d"));
        assertThrows(IllegalArgumentException.class, () -> r.attribute("x", new Object()));
        assertThrows(IllegalArgumentException.class, () -> r.attribute("x", null));
        e = assertThrows(IllegalArgumentException.class, () -> r.attribute("huge", new long[10_000]));
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
        w.close();
        assertThrows(IllegalStateException.class, () -> r.group("late"));
        assertThrows(IllegalStateException.class, () -> r.attribute("late", 1));
        w.close(); // idempotent
        try (HdfFile h = new HdfFile(f)) {
            assertEquals(1, h.getChildren().size());
        }
    }

    // ------------------------------------------------------------------ the HDF5 library and anndata

    @Test
    void h5pyAndAnndataReadTheFiles(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(pythonHasH5pyAndAnndata(), PYTHON + " with h5py and anndata is not available");
        Path f = sample(dir);
        String script = String.join("\n",
                "import sys, h5py, numpy as np",
                "f = h5py.File(sys.argv[1], 'r')",
                "a = f.attrs",
                "assert type(a['yes']) is np.bool_ and a['yes'] == True, repr(a['yes'])",
                "assert type(a['no']) is np.bool_ and a['no'] == False, repr(a['no'])",
                "assert type(f['obs/cell_type'].attrs['ordered']) is np.bool_",
                "assert type(a['title']) is str and a['title'] == 'Zell\\u00e9 \\u2713', repr(a['title'])",
                "assert a['count'] == 7 and a['count'].dtype == np.int64 and a['small'] == 42",
                "assert a['ratio'] == 0.25 and a['ratio'].dtype == np.float64",
                "assert list(a['shape']) == [3, 4] and a['shape'].dtype == np.int64",
                "assert list(a['ints']) == [-1, 2] and a['ints'].dtype == np.int32",
                "assert list(a['doubles']) == [0.5, -2.0]",
                "assert list(a['names']) == ['a', '', 'Zell\\u00e9'], a['names']",
                "assert a['column-order'].shape == (0,) and list(a['column-order']) == []",
                "x = f['f32']",
                "assert x.dtype == np.float32 and x.shape == (3, 4)",
                "assert (x[:] == np.arange(1, 13, dtype=np.float32).reshape(3, 4)).all()",
                "assert x.attrs['encoding-type'] == 'array'",
                "assert list(f['obs/cell_type/codes'][:]) == [-128, 0, 127] and f['obs/cell_type/codes'].dtype == np.int8",
                "g = f['nested/deeper/deepest']",
                "v = g['f64'][:]",
                "assert v.dtype == np.float64 and v[0] == -1.5 and np.isnan(v[1]) and v[2] == 1e300",
                "assert g['i16'].dtype == np.int16 and list(g['i16'][:]) == [-300, 300]",
                "assert g['i32'].shape == (2, 1, 2) and g['i32'][1, 0, 1] == 7",
                "assert g['i64'].dtype == np.int64 and list(g['i64'][:]) == [2**63 - 1, -2**63]",
                "b = g['bool']",
                "assert b.dtype == np.bool_, b.dtype",
                "assert list(b[:]) == [True, False, True]",
                "t = g['text']",
                "assert h5py.check_string_dtype(t.dtype).encoding == 'utf-8'",
                "expected = ['Zell\\u00e9', '', 'T cell', '\\u65e5\\u672c\\u8a9e \\u2713', 'x' * 300]",
                "assert list(t.asstr()[:]) == expected, list(t.asstr()[:])",
                "assert g['empty'].shape == (0,) and g['empty'].dtype == np.float32 and g['empty'][:].size == 0",
                "assert g['empty_rows'].shape == (0, 5) and g['empty_rows'][:].shape == (0, 5)",
                "assert g['empty_text'].shape == (0,) and len(g['empty_text'].asstr()[:]) == 0",
                "assert g['empty_bool'].dtype == np.bool_ and g['empty_bool'].shape == (0,)",
                "assert len(f['many']) == 200",
                "assert all(list(f['many/d%d' % i][:]) == [i, -i] and f['many/d%d' % i].attrs['i'] == i for i in range(200))",
                "assert list(f['many'])[:3] == ['d0', 'd1', 'd10']",  // h5py lists by name
                "print('ok')");
        assertEquals("ok", runPython(dir, "check_h5py", script, f).trim());

        Path ad = dir.resolve("minimal.h5ad");
        writeMinimalAnnData(ad);
        String anndataScript = String.join("\n",
                "import sys, anndata, numpy as np, pandas as pd",
                "ad = anndata.read_h5ad(sys.argv[1])",
                "assert ad.shape == (2, 3), ad.shape",
                "assert list(ad.obs_names) == ['cell-1', 'Zell\\u00e9-2'], list(ad.obs_names)",
                "assert list(ad.var_names) == ['g1', 'g2', 'g3']",
                "assert ad.X.dtype == np.float32",
                "assert np.array_equal(ad.X, np.array([[1, 2, 3], [4, 5, 6]], dtype=np.float32))",
                "assert list(ad.obs.columns) == ['cell_type', 'score'], list(ad.obs.columns)",
                "ct = ad.obs['cell_type']",
                "assert isinstance(ct.dtype, pd.CategoricalDtype), ct.dtype",
                "assert list(ct.cat.categories) == ['B cell', 'T cell'] and not ct.cat.ordered",
                "assert list(ct) == ['T cell', 'B cell']",
                "assert ad.obs['score'].dtype == np.float64 and list(ad.obs['score']) == [0.5, -1.25]",
                "hv = ad.var['highly_variable']",
                "assert hv.dtype == np.bool_ and list(hv) == [True, False, True], hv",
                "assert list(ad.var.columns) == ['highly_variable']",
                "assert len(ad.uns) == 0 and len(ad.obsm) == 0 and len(ad.layers) == 0 and len(ad.varm) == 0",
                "assert len(ad.obsp) == 0 and len(ad.varp) == 0",
                "print('ok')");
        assertEquals("ok", runPython(dir, "check_anndata", anndataScript, ad).trim());
    }

    /** The anndata 0.8 on-disk encoding, written by hand. */
    private static void writeMinimalAnnData(Path file) throws IOException {
        try (Hdf5Writer w = new Hdf5Writer(file)) {
            Hdf5Writer.Group root = w.root().attribute("encoding-type", "anndata").attribute("encoding-version", "0.1.0");
            root.dataset("X", new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
                    .attribute("encoding-type", "array").attribute("encoding-version", "0.2.0");

            Hdf5Writer.Group obs = dataframe(root, "obs", new String[] {"cell-1", "Zellé-2"}, "cell_type", "score");
            Hdf5Writer.Group ct = obs.group("cell_type").attribute("encoding-type", "categorical")
                    .attribute("encoding-version", "0.2.0").attribute("ordered", false);
            ct.dataset("codes", new byte[] {1, 0});
            stringArray(ct, "categories", new String[] {"B cell", "T cell"});
            obs.dataset("score", new double[] {0.5, -1.25})
                    .attribute("encoding-type", "array").attribute("encoding-version", "0.2.0");

            Hdf5Writer.Group var = dataframe(root, "var", new String[] {"g1", "g2", "g3"}, "highly_variable");
            var.dataset("highly_variable", new boolean[] {true, false, true})
                    .attribute("encoding-type", "array").attribute("encoding-version", "0.2.0");

            for (String name : new String[] {"uns", "obsm", "varm", "layers", "obsp", "varp"}) {
                root.group(name).attribute("encoding-type", "dict").attribute("encoding-version", "0.1.0");
            }
        }
    }

    private static Hdf5Writer.Group dataframe(Hdf5Writer.Group root, String name, String[] index, String... columns) {
        Hdf5Writer.Group g = root.group(name).attribute("encoding-type", "dataframe").attribute("encoding-version", "0.2.0")
                .attribute("_index", "_index").attribute("column-order", columns);
        stringArray(g, "_index", index);
        return g;
    }

    private static void stringArray(Hdf5Writer.Group g, String name, String[] values) {
        g.dataset(name, values).attribute("encoding-type", "string-array").attribute("encoding-version", "0.2.0");
    }

    private static synchronized boolean pythonHasH5pyAndAnndata() {
        if (pythonAvailable == null) {
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import h5py, anndata").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                pythonAvailable = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                pythonAvailable = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pythonAvailable = false;
            }
        }
        return pythonAvailable;
    }

    /** Runs {@code script} (ASCII; non-ASCII text as Python escapes) on {@code file}; fails with its stderr. */
    private static String runPython(Path dir, String name, String script, Path file) throws Exception {
        Path py = dir.resolve(name + ".py");
        Files.writeString(py, script + "\n", StandardCharsets.UTF_8);
        Path stderr = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(PYTHON, py.toString(), file.toString())
                .redirectError(stderr.toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("PYTHONWARNINGS", "ignore");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(name + ".py timed out");
        }
        if (p.exitValue() != 0) {
            fail(name + ".py failed (exit " + p.exitValue() + "):\n" + Files.readString(stderr, StandardCharsets.UTF_8)
                    + "\nstdout:\n" + out);
        }
        return out;
    }
}
