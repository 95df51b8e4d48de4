package org.scgmvae.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Real .h5ad files written once per test JVM by the system Python with anndata 0.8 (and h5py for
 * the old layouts and the deliberately broken files), plus {@code expected.json}: the values the
 * script put in, as Python sees them after writing.
 */
final class H5adFixtures {

    static final String[] MODULES = {"anndata", "h5py", "scipy", "pandas", "numpy"};

    private static Path dir;
    private static JsonNode expected;

    private H5adFixtures() {
    }

    static boolean available() {
        return PythonSupport.hasModules(MODULES);
    }

    /** The folder with the generated files (generated on first use). */
    static synchronized Path dir() throws IOException, InterruptedException {
        if (dir == null) {
            Path d = Files.createTempDirectory("scgmvae-h5ad-fixtures");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(d)));
            String out = PythonSupport.run(d, "make_h5ad", SCRIPT);
            if (!out.strip().endsWith("ok")) {
                throw new IllegalStateException("fixture script did not finish: " + out);
            }
            expected = new ObjectMapper().readTree(d.resolve("expected.json").toFile());
            dir = d;
        }
        return dir;
    }

    static Path file(String name) throws IOException, InterruptedException {
        return dir().resolve(name);
    }

    static JsonNode expected() throws IOException, InterruptedException {
        dir();
        return expected;
    }

    private static void deleteTree(Path d) {
        try (Stream<Path> s = Files.walk(d)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String SCRIPT = """
import json, sys, shutil, warnings
warnings.filterwarnings("ignore")
import numpy as np, pandas as pd, scipy.sparse as sp, h5py, anndata as ad

out = {}
def nn(v):
    return None if isinstance(v, float) and np.isnan(v) else v
def mat(m):
    m = m.toarray() if sp.issparse(m) else np.asarray(m)
    return [[nn(float(v)) for v in row] for row in m]

rng = np.random.default_rng(0)
# ---- dense.h5ad: dense float32 X, rich obs/var, obsm, layers/counts, raw with more genes
counts = rng.poisson(1.5, size=(5, 6)).astype(np.float32)
counts[3, :] = 0
full = ad.AnnData(counts.copy(),
    obs=pd.DataFrame(index=[f"cell{i}" for i in range(5)]),
    var=pd.DataFrame(index=[f"G{j}" for j in range(6)]))
full.var["gene_ids"] = [f"ENSG{j:05d}" for j in range(6)]
full.X = sp.csr_matrix(full.X)
raw = full.copy()
a = full[:, [0, 2, 3, 5]].copy()
a.raw = raw
a.layers["counts"] = sp.csr_matrix(a.X)
logx = np.log1p(a.X.toarray()).astype(np.float32)
a.X = logx
a.obs["cell_type"] = pd.Categorical(["T", "B", "T", None, "NK"])
a.obs["stage"] = pd.Categorical(["early", "late", "mid", "early", "late"], categories=["early", "mid", "late"], ordered=True)
a.obs["score"] = np.array([0.5, 1.5, np.nan, 3.5, 4.5])
a.obs["n_genes"] = np.array([1, 2, 3, 4, 5], dtype=np.int64)
a.obs["barcode"] = ["AAAC", "AAAG", "AACT", "AAGG", "ACGT"]
a.obs["is_doublet"] = np.array([False, True, False, False, True])
a.obs["batch_int"] = pd.array([1, None, 3, 4, 2], dtype="Int64")
a.obs["flag"] = pd.array([True, None, False, True, False], dtype="boolean")
a.var["highly_variable"] = np.array([True, False, True, True])
a.var["means"] = np.array([0.1, 0.2, 0.3, 0.4])
a.obsm["X_pca"] = rng.normal(size=(5, 3))
a.obsm["X_umap"] = rng.normal(size=(5, 2)).astype(np.float32)
a.uns["note"] = "ignored"
a.write_h5ad("dense.h5ad")
out["dense"] = {
    "X": mat(a.X), "obs_names": list(a.obs_names), "var_names": list(a.var_names),
    "cell_type_codes": [int(c) for c in a.obs["cell_type"].cat.codes], "cell_type_categories": list(a.obs["cell_type"].cat.categories),
    "stage_codes": [int(c) for c in a.obs["stage"].cat.codes], "stage_categories": list(a.obs["stage"].cat.categories),
    "score": [nn(float(v)) for v in a.obs["score"]], "n_genes": [int(v) for v in a.obs["n_genes"]],
    "barcode": list(a.obs["barcode"]), "is_doublet": [bool(v) for v in a.obs["is_doublet"]],
    "batch_int": [None if pd.isna(v) else int(v) for v in a.obs["batch_int"]],
    "flag": [None if pd.isna(v) else bool(v) for v in a.obs["flag"]],
    "obs_columns": list(a.obs.columns), "var_columns": list(a.var.columns),
    "highly_variable": [bool(v) for v in a.var["highly_variable"]], "gene_ids": list(a.var["gene_ids"]),
    "X_pca": mat(a.obsm["X_pca"]), "X_umap": mat(a.obsm["X_umap"]), "counts": mat(a.layers["counts"]),
    "raw_X": mat(a.raw.X), "raw_var_names": list(a.raw.var_names), "raw_gene_ids": list(a.raw.var["gene_ids"]),
}

# ---- csr.h5ad: CSR X with unsorted column indices inside rows and an empty row
data = np.array([1, 2, 3, 4, 5, 6], dtype=np.float32)
indices = np.array([3, 0, 4, 1, 2, 0], dtype=np.int32)
indptr = np.array([0, 2, 3, 3, 5, 6], dtype=np.int64)
x = sp.csr_matrix((data, indices, indptr), shape=(5, 5))
x.has_sorted_indices = False
b = ad.AnnData(x, obs=pd.DataFrame(index=[f"c{i}" for i in range(5)]), var=pd.DataFrame(index=list("VWXYZ")))
b.write_h5ad("csr.h5ad")
with h5py.File("csr.h5ad") as f:
    out["csr_stored_indices"] = [int(v) for v in f["X/indices"][:]]
out["csr"] = {"X": mat(x), "obs_names": list(b.obs_names), "var_names": list(b.var_names)}

# ---- csc.h5ad: CSC X stored as float64
dense = rng.poisson(0.8, size=(6, 4)).astype(np.float64)
c = ad.AnnData(sp.csc_matrix(dense), dtype="float64", obs=pd.DataFrame(index=[f"c{i}" for i in range(6)]), var=pd.DataFrame(index=["a", "b", "c", "d"]))
c.write_h5ad("csc.h5ad")
with h5py.File("csc.h5ad") as f:
    out["csc_encoding"] = f["X"].attrs["encoding-type"]
    out["csc_dtype"] = str(f["X/data"].dtype)
out["csc"] = {"X": mat(dense)}

# ---- bad inputs made with anndata
nanx = np.ones((3, 3), dtype=np.float32); nanx[2, 1] = np.nan
ad.AnnData(nanx, obs=pd.DataFrame(index=["c0", "c1", "c2"]), var=pd.DataFrame(index=["g0", "g1", "g2"])).write_h5ad("nan.h5ad")
infx = np.ones((3, 3), dtype=np.float32); infx[1, 2] = -np.inf
ad.AnnData(infx, obs=pd.DataFrame(index=["c0", "c1", "c2"]), var=pd.DataFrame(index=["g0", "g1", "g2"])).write_h5ad("inf.h5ad")
dup = ad.AnnData(np.arange(6, dtype=np.float32).reshape(2, 3), obs=pd.DataFrame(index=["c0", "c1"]), var=pd.DataFrame(index=["ACTB", "GAPDH", "ACTB"]))
dup.write_h5ad("dup.h5ad")
uq = dup.copy(); uq.var_names_make_unique(); out["dup_unique"] = list(uq.var_names)
ad.AnnData(np.zeros((0, 3), dtype=np.float32), var=pd.DataFrame(index=["g0", "g1", "g2"])).write_h5ad("empty.h5ad")

shutil.copy("dense.h5ad", "noX.h5ad")
with h5py.File("noX.h5ad", "a") as f:
    del f["X"]
shutil.copy("dense.h5ad", "mismatch.h5ad")
with h5py.File("mismatch.h5ad", "a") as f:
    del f["X"]
    f.create_dataset("X", data=np.ones((4, 4), dtype=np.float32))
shutil.copy("dense.h5ad", "layer_mismatch.h5ad")
with h5py.File("layer_mismatch.h5ad", "a") as f:
    del f["layers/counts"]
    f.create_dataset("layers/counts", data=np.ones((5, 3), dtype=np.float32))
# valid HDF5, but X is not expression: text, compound records; and a boolean X (read as 0/1)
for name, data in [("strX.h5ad", np.array([["x"] * a.n_vars] * a.n_obs, dtype=object)),
                   ("compoundX.h5ad", np.zeros((a.n_obs, a.n_vars), dtype=[("a", "f4"), ("b", "f4")])),
                   ("boolX.h5ad", np.asarray(a.X) > 0)]:
    shutil.copy("dense.h5ad", name)
    with h5py.File(name, "a") as f:
        del f["X"]
        if data.dtype == object:
            f.create_dataset("X", data=data, dtype=h5py.special_dtype(vlen=str))
        else:
            f.create_dataset("X", data=data)

# ---- old 0.7-style file written with h5py: __categories group, 'index' dataset, h5sparse-free
str_dt = h5py.special_dtype(vlen=str)
x07 = np.array([[1, 0, 2], [0, 3, 0], [4, 0, 0], [0, 0, 5]], dtype=np.float32)
with h5py.File("old07.h5ad", "w") as f:
    f.create_dataset("X", data=x07)
    obs = f.create_group("obs")
    obs.attrs["_index"] = "index"
    obs.attrs["column-order"] = ["louvain", "n_counts"]
    obs.attrs["encoding-type"] = "dataframe"
    obs.attrs["encoding-version"] = "0.1.0"
    obs.create_dataset("index", data=np.array(["a1", "a2", "a3", "a4"], dtype=object), dtype=str_dt)
    cats = obs.create_group("__categories")
    cds = cats.create_dataset("louvain", data=np.array(["0", "1", "2"], dtype=object), dtype=str_dt)
    codes = obs.create_dataset("louvain", data=np.array([2, 0, 1, 2], dtype=np.int8))
    codes.attrs["categories"] = cds.ref
    obs.create_dataset("n_counts", data=np.array([3.0, 3.0, 4.0, 5.0]))
    var = f.create_group("var")
    var.attrs["_index"] = "index"
    var.attrs["column-order"] = ["gene_symbols"]
    var.attrs["encoding-type"] = "dataframe"
    var.attrs["encoding-version"] = "0.1.0"
    var.create_dataset("index", data=np.array(["ENSG1", "ENSG2", "ENSG3"], dtype=object), dtype=str_dt)
    var.create_dataset("gene_symbols", data=np.array(["X1", "X2", "X3"], dtype=object), dtype=str_dt)
out["old07"] = {"X": mat(x07)}

# ---- pre-0.7 sparse X (h5sparse attributes) with the 0.7 dataframe layout
xs = sp.csr_matrix(x07)
with h5py.File("h5sparse.h5ad", "w") as f:
    g = f.create_group("X")
    g.attrs["h5sparse_format"] = "csr"
    g.attrs["h5sparse_shape"] = np.array(xs.shape)
    g.create_dataset("data", data=xs.data)
    g.create_dataset("indices", data=xs.indices)
    g.create_dataset("indptr", data=xs.indptr)
    for name, idx in (("obs", ["a1", "a2", "a3", "a4"]), ("var", ["v1", "v2", "v3"])):
        grp = f.create_group(name)
        grp.attrs["_index"] = "_index"
        grp.attrs["encoding-type"] = "dataframe"
        grp.attrs["encoding-version"] = "0.1.0"
        grp.attrs.create("column-order", data=np.array([], dtype="S1"))
        grp.create_dataset("_index", data=np.array(idx, dtype=object), dtype=str_dt)

ints = rng.poisson(3, size=(3, 2)).astype(np.int32)
ad.AnnData(ints, dtype="int32", obs=pd.DataFrame(index=["c0", "c1", "c2"]), var=pd.DataFrame(index=["g0", "g1"])).write_h5ad("int.h5ad")
with h5py.File("int.h5ad") as f:
    out["int_dtype"] = str(f["X"].dtype)
out["int"] = {"X": mat(ints)}
# ---- anndata < 0.7: obs/var as compound datasets, categories in uns/<column>_categories
with h5py.File("compound.h5ad", "w") as f:
    f.create_dataset("X", data=x07)
    f.create_dataset("obs", data=np.array([(b"a1", 3.0, 1), (b"a2", 3.0, 0), (b"a3", 4.0, 1), (b"a4", 5.0, 0)],
                                          dtype=[("index", "S2"), ("n_counts", "<f8"), ("louvain", "i1")]))
    f.create_dataset("var", data=np.array([(b"g1", 7), (b"g2", 8), (b"g3", 9)], dtype=[("index", "S2"), ("n_cells", "<i8")]))
    f.create_dataset("uns/louvain_categories", data=np.array([b"x", b"y"]))

shutil.copy("dense.h5ad", "rawdup.h5ad")
with h5py.File("rawdup.h5ad", "a") as f:
    f["raw/var/_index"][1] = "G0"

# ---- anndata >= 0.11 with pandas' string dtype: nullable string arrays (values + mask) for the obs and var index, a
# text column with a missing value, and a categorical's categories (written with h5py: Debian's anndata is older)
def nstr(parent, name, values, mask):
    if name in parent:
        del parent[name]
    g = parent.create_group(name)
    g.attrs["encoding-type"] = "nullable-string-array"
    g.attrs["encoding-version"] = "0.1.0"
    g.create_dataset("values", data=np.array(values, dtype=object), dtype=str_dt)
    g.create_dataset("mask", data=np.array(mask, dtype=bool))
shutil.copy("dense.h5ad", "nullstr.h5ad")
with h5py.File("nullstr.h5ad", "a") as f:
    nstr(f["obs"], f["obs"].attrs["_index"], [f"cell{i}" for i in range(5)], [False] * 5)
    nstr(f["var"], f["var"].attrs["_index"], ["G0", "G2", "G3", "G5"], [False] * 4)
    nstr(f["obs"], "barcode", ["AAAC", "", "AACT", "AAGG", "ACGT"], [False, True, False, False, False])
    del f["obs/cell_type/categories"]
    nstr(f["obs/cell_type"], "categories", ["B", "NK", "T"], [False] * 3)
shutil.copy("nullstr.h5ad", "nullstr_badindex.h5ad")
with h5py.File("nullstr_badindex.h5ad", "a") as f:
    nstr(f["obs"], f["obs"].attrs["_index"], [f"cell{i}" for i in range(5)], [False, False, True, False, False])

json.dump(out, open("expected.json", "w"))
print("ok")
""";
}
