package org.scgmvae.core.io;

import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.h5ad.H5adWriter;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.BooleanColumn;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.Column;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.NumericColumn;
import org.scgmvae.core.data.StringColumn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Writes AnnData files and reads them back with our reader and with the real anndata package. */
class H5adWriterTest {

    static AnnData sample(boolean sparse) {
        float[][] rows = {{0, 1, 0, 2.5f}, {3, 0, 0, 0}, {0, 0, 0, 0}};
        DenseMatrix dense = DenseMatrix.of(rows);
        Map<String, Column> obs = new LinkedHashMap<>();
        obs.put("cell_type", new CategoricalColumn(new int[] {1, 0, -1}, List.of("B cell", "T cell"), false));
        obs.put("gmvae_probability", new NumericColumn(new double[] {0.5, 0.25, Double.NaN}));
        obs.put("n_genes", new NumericColumn(new double[] {2, 1, 0}, true));
        obs.put("doublet", new BooleanColumn(new boolean[] {false, true, false}));
        obs.put("barcode", new StringColumn(new String[] {"AAAC", "AAAG", "Zellé"}));
        Map<String, Column> var = new LinkedHashMap<>();
        var.put("highly_variable", new BooleanColumn(new boolean[] {true, false, true, true}));
        AnnData a = new AnnData(sparse ? CsrMatrix.fromDense(dense) : dense,
                new DataFrame(new String[] {"c1", "c2", "c3"}, obs), new DataFrame(new String[] {"CD3E", "MS4A1", "LYZ", "NKG7"}, var));
        return a.withObsm("X_gmvae_z", DenseMatrix.of(new float[][] {{1, 2}, {3, 4}, {5, 6}}))
                .withLayer("counts", CsrMatrix.fromDense(dense));
    }

    @Test
    void ourReaderReadsBackWhatWeWrite(@TempDir Path dir) throws Exception {
        for (boolean sparse : new boolean[] {false, true}) {
            AnnData a = sample(sparse);
            Path f = dir.resolve("roundtrip" + sparse + ".h5ad");
            H5adWriter.write(a, f, true);
            assertFalse(Files.exists(dir.resolve("roundtrip" + sparse + ".h5ad.partial")), "temporary file removed");
            AnnData b = new H5adReader().read(f);
            assertEquals(sparse, b.x().isSparse());
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(a.x().get(i, j), b.x().get(i, j));
                }
            }
            assertArrayEquals(a.cellNames(), b.cellNames());
            assertArrayEquals(a.geneNames(), b.geneNames());
            assertEquals(a.obs().columnNames(), b.obs().columnNames());
            assertEquals(a.obs().column("cell_type"), b.obs().column("cell_type"));
            assertArrayEquals(((NumericColumn) a.obs().column("gmvae_probability")).values(),
                    ((NumericColumn) b.obs().column("gmvae_probability")).values());
            assertEquals(a.obs().column("n_genes"), b.obs().column("n_genes"));
            assertEquals(a.obs().column("doublet"), b.obs().column("doublet"));
            assertEquals(a.obs().column("barcode"), b.obs().column("barcode"));
            assertEquals(a.var().column("highly_variable"), b.var().column("highly_variable"));
            assertArrayEquals(a.obsm().get("X_gmvae_z").values(), b.obsm().get("X_gmvae_z").values());
            assertEquals(2.5f, b.layers().get("counts").get(0, 3));
        }
    }

    @Test
    void realAnndataReadsOurFiles(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(PythonSupport.hasModules("anndata", "h5py", "pandas"), "python3-anndata is not installed");
        for (boolean sparse : new boolean[] {false, true}) {
            Path f = dir.resolve("interop" + sparse + ".h5ad");
            H5adWriter.write(sample(sparse), f, true);
            String out = PythonSupport.run(dir, "check_anndata", String.join("\n",
                    "import anndata, numpy as np, pandas as pd, scipy.sparse as sp, sys, warnings",
                    "with warnings.catch_warnings(record=True) as said:",
                    "    warnings.simplefilter('always')",
                    "    a = anndata.read_h5ad(sys.argv[1])",
                    "# anndata reads our files without its warnings (e.g. OldFormatWarning for an element without encoding metadata)",
                    "assert not [w for w in said if 'anndata' in w.category.__module__ or 'encoding' in str(w.message)], [str(w.message) for w in said]",
                    "assert a.shape == (3, 4), a.shape",
                    "assert list(a.obs_names) == ['c1', 'c2', 'c3'] and list(a.var_names) == ['CD3E', 'MS4A1', 'LYZ', 'NKG7']",
                    "X = a.X.toarray() if sp.issparse(a.X) else a.X",
                    "assert sp.issparse(a.X) == (sys.argv[2] == 'true'), type(a.X)",
                    "assert np.allclose(X, [[0, 1, 0, 2.5], [3, 0, 0, 0], [0, 0, 0, 0]]), X",
                    "ct = a.obs['cell_type']",
                    "assert isinstance(ct.dtype, pd.CategoricalDtype), ct.dtype",
                    "assert list(ct.cat.categories) == ['B cell', 'T cell'], ct.cat.categories",
                    "assert ct.iloc[0] == 'T cell' and ct.iloc[1] == 'B cell' and pd.isna(ct.iloc[2])",
                    "p = a.obs['gmvae_probability']",
                    "assert p.iloc[0] == 0.5 and np.isnan(p.iloc[2])",
                    "assert a.obs['n_genes'].dtype.kind == 'i' and list(a.obs['n_genes']) == [2, 1, 0]",
                    "assert a.obs['doublet'].dtype == bool and list(a.obs['doublet']) == [False, True, False]",
                    "assert list(a.obs['barcode']) == ['AAAC', 'AAAG', 'Zellé']",
                    "assert a.var['highly_variable'].dtype == bool and list(a.var['highly_variable']) == [True, False, True, True]",
                    "assert np.allclose(a.obsm['X_gmvae_z'], [[1, 2], [3, 4], [5, 6]])",
                    "assert np.allclose(a.layers['counts'].toarray(), X)",
                    "# selecting cells (scanpy's subsetting) needs one index dtype in a CSR matrix, as scipy keeps it",
                    "if sp.issparse(a.X): assert a.X.indptr.dtype == a.X.indices.dtype == np.int32, (a.X.indptr.dtype, a.X.indices.dtype)",
                    "Y = a[[2, 0, 1]].X",
                    "assert np.allclose(Y.toarray() if sp.issparse(Y) else Y, X[[2, 0, 1]])",
                    "assert np.allclose(a.layers['counts'][[2, 0]].toarray(), X[[2, 0]])",
                    "b = a.copy(); b.obs['new'] = 'x'; b.write_h5ad(sys.argv[1] + '.rewritten.h5ad')",
                    "print('ok')"), f.toString(), Boolean.toString(sparse));
            assertEquals("ok", out.trim().lines().reduce((x, y) -> y).orElse(""), out);
            if (sparse) {
                // X handed over a block at a time (generated or flipped cells) is stored the same way
                Path streamed = dir.resolve("streamed.h5ad");
                CsrMatrix x = (CsrMatrix) sample(true).x();
                H5adWriter.write(sample(true).obs(), sample(true).var(), org.scgmvae.core.io.h5ad.CellRows.of(x), streamed, 2);
                String selected = PythonSupport.run(dir, "select_streamed", String.join("\n",
                        "import anndata, numpy as np, sys",
                        "a = anndata.read_h5ad(sys.argv[1])",
                        "assert a.X.indptr.dtype == a.X.indices.dtype == np.int32, (a.X.indptr.dtype, a.X.indices.dtype)",
                        "assert np.allclose(a[[1, 0]].X.toarray(), [[3, 0, 0, 0], [0, 1, 0, 2.5]])",
                        "print('ok')"), streamed.toString());
                assertEquals("ok", selected.trim().lines().reduce((a, b) -> b).orElse(""), selected);
            }
            // and a file anndata wrote from ours reads back in Java
            AnnData back = new H5adReader().read(Path.of(f + ".rewritten.h5ad"));
            assertEquals(3, back.nCells());
            assertEquals("x", back.obs().column("new").stringValue(0));
        }
    }
}
