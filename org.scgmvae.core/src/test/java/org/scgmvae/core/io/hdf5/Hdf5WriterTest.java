package org.scgmvae.core.io.hdf5;

import io.jhdf.HdfFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.io.PythonSupport;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Hdf5WriterTest {

    private static Path sample(Path dir) throws Exception {
        Path f = dir.resolve("sample.h5");
        try (Hdf5Writer w = new Hdf5Writer(f)) {
            Hdf5Writer.Group r = w.root().attribute("title", "Zellé ✓").attribute("flag", true).attribute("count", 7L)
                    .attribute("ratio", 0.25).attribute("shape", new long[] {3, 4}).attribute("none", new String[0])
                    .attribute("names", new String[] {"a", "", "ccc"});
            r.dataset("f32", new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 3, 4);
            Hdf5Writer.Group g = r.group("nested").group("deeper");
            g.dataset("f64", new double[] {-1.5, Double.NaN, 1e300});
            g.dataset("i8", new byte[] {-128, 0, 127});
            g.dataset("i16", new short[] {-300, 300});
            g.dataset("i32", new int[] {Integer.MIN_VALUE, 5});
            g.dataset("i64", new long[] {Long.MAX_VALUE});
            g.dataset("bool", new boolean[] {true, false, true}).attribute("encoding-type", "array");
            g.dataset("empty", new float[0]);
            g.dataset("text", new String[] {"Zellé", "", "T cell", "x".repeat(300)});
            Hdf5Writer.Group many = r.group("many");
            for (int i = 0; i < 200; i++) {
                many.dataset("d" + i, new int[] {i});
            }
        }
        return f;
    }

    @Test
    void jhdfReadsBackEveryKind(@TempDir Path dir) throws Exception {
        Path f = sample(dir);
        try (HdfFile h = new HdfFile(f)) {
            float[][] m = (float[][]) h.getDatasetByPath("f32").getData();
            assertEquals(3, m.length);
            assertArrayEquals(new float[] {9, 10, 11, 12}, m[2]);
            double[] d = (double[]) h.getDatasetByPath("nested/deeper/f64").getData();
            assertEquals(-1.5, d[0]);
            assertTrue(Double.isNaN(d[1]));
            assertEquals(1e300, d[2]);
            assertArrayEquals(new byte[] {-128, 0, 127}, (byte[]) h.getDatasetByPath("nested/deeper/i8").getData());
            assertArrayEquals(new short[] {-300, 300}, (short[]) h.getDatasetByPath("nested/deeper/i16").getData());
            assertArrayEquals(new int[] {Integer.MIN_VALUE, 5}, (int[]) h.getDatasetByPath("nested/deeper/i32").getData());
            assertArrayEquals(new long[] {Long.MAX_VALUE}, (long[]) h.getDatasetByPath("nested/deeper/i64").getData());
            assertArrayEquals(new String[] {"TRUE", "FALSE", "TRUE"}, (String[]) h.getDatasetByPath("nested/deeper/bool").getData());
            assertArrayEquals(new String[] {"Zellé", "", "T cell", "x".repeat(300)}, (String[]) h.getDatasetByPath("nested/deeper/text").getData());
            assertEquals(0, h.getDatasetByPath("nested/deeper/empty").getSize());
            assertEquals("Zellé ✓", h.getAttribute("title").getData());
            assertEquals(7L, h.getAttribute("count").getData());
            assertEquals(0.25, h.getAttribute("ratio").getData());
            assertArrayEquals(new long[] {3, 4}, (long[]) h.getAttribute("shape").getData());
            assertArrayEquals(new String[] {"a", "", "ccc"}, (String[]) h.getAttribute("names").getData());
            assertEquals(200, h.getByPath("many") instanceof io.jhdf.api.Group g ? g.getChildren().size() : -1);
            assertArrayEquals(new int[] {199}, (int[]) h.getDatasetByPath("many/d199").getData());
        }
    }

    @Test
    void h5pyReadsTypesAsNumpyDoes(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(PythonSupport.hasModules("h5py", "numpy"), "python3 with h5py is not installed");
        Path f = sample(dir);
        String out = PythonSupport.run(dir, "check_h5py", String.join("\n",
                "import h5py, numpy as np, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "assert f.attrs['flag'] is np.True_ or f.attrs['flag'] == True and isinstance(f.attrs['flag'], np.bool_), type(f.attrs['flag'])",
                "assert f.attrs['title'] == 'Zellé ✓', f.attrs['title']",
                "assert f.attrs['count'] == 7 and f.attrs['ratio'] == 0.25",
                "assert list(f.attrs['shape']) == [3, 4]",
                "assert len(f.attrs['none']) == 0",
                "assert f['f32'].dtype == np.float32 and f['f32'].shape == (3, 4) and f['f32'][2, 3] == 12",
                "b = f['nested/deeper/bool']",
                "assert b.dtype == np.bool_, b.dtype",
                "assert list(b[:]) == [True, False, True]",
                "t = f['nested/deeper/text'].asstr()[:]",
                "assert list(t) == ['Zellé', '', 'T cell', 'x' * 300], t",
                "assert f['nested/deeper/empty'].shape == (0,)",
                "assert f['nested/deeper/i64'][0] == 2**63 - 1",
                "assert len(f['many']) == 200 and f['many/d150'][0] == 150",
                "print('ok')"), f.toString());
        assertEquals("ok", out.trim());
    }

    @Test
    void dimensionsMustMatchTheData() {
        Hdf5Writer w = new Hdf5Writer(Path.of("unused.h5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.root().dataset("x", new float[5], 2, 3));
        assertTrue(e.getMessage().contains("[2, 3] hold 6 values but the array has 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.root().group("a/b"));
    }
}
