package org.scgmvae.core.io.h5ad;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CsrMatrix;
import org.scgmvae.core.data.DataFrame;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.io.PythonSupport;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A CSR matrix of more than 2^31 stored values needs int64 indices and row pointers, both (scipy keeps one index dtype);
 * written here from a small matrix with the limit lowered, in memory and streamed, and read back by our reader and anndata.
 */
class WideCsrIndexTest {

    @AfterEach
    void restore() {
        H5adWriter.narrowIndexLimit = Integer.MAX_VALUE;
    }

    private static AnnData cells() {
        CsrMatrix x = CsrMatrix.fromDense(DenseMatrix.of(new float[][] {{0, 1, 0, 2.5f}, {3, 0, 0, 0}, {0, 0, 4, 5}}));
        return new AnnData(x, DataFrame.ofIndex(new String[] {"c1", "c2", "c3"}), DataFrame.ofIndex(new String[] {"A", "B", "C", "D"}));
    }

    @Test
    void aMatrixAboveTheLimitIsWrittenWithInt64IndicesAndReadsBack(@TempDir Path dir) throws Exception {
        H5adWriter.narrowIndexLimit = 3; // 5 stored values: the wide form
        AnnData a = cells();
        CsrMatrix x = (CsrMatrix) a.x();
        Path inMemory = dir.resolve("memory.h5ad");
        H5adWriter.write(a, inMemory, true);
        Path streamed = dir.resolve("streamed.h5ad");
        H5adWriter.write(a.obs(), a.var(), CellRows.of(x), streamed, 2);
        for (Path f : new Path[] {inMemory, streamed}) {
            assertEquals(DenseMatrix.copyOf(x), DenseMatrix.copyOf(new H5adReader().read(f).x()), f.getFileName().toString());
        }
        Assumptions.assumeTrue(PythonSupport.hasModules("anndata", "h5py"), "python3-anndata is not installed");
        String out = PythonSupport.run(dir, "wide_index", String.join("\n",
                "import anndata, h5py, numpy as np, sys",
                "for f in sys.argv[1:]:",
                "    h = h5py.File(f, 'r')",
                "    assert h['X/indptr'].dtype == h['X/indices'].dtype == np.int64, (h['X/indptr'].dtype, h['X/indices'].dtype)",
                "    h.close()",
                "    a = anndata.read_h5ad(f)",
                "    assert np.allclose(a[[2, 0]].X.toarray(), [[0, 0, 4, 5], [0, 1, 0, 2.5]]), a.X.toarray()",
                "print('ok')"), inMemory.toString(), streamed.toString());
        assertEquals("ok", out.trim().lines().reduce((p, q) -> q).orElse(""), out);
    }
}
