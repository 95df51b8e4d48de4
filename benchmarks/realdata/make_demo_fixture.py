"""Recipe of the demo's real cells: org.scgmvae.core/src/main/resources/org/scgmvae/core/demo/kang_demo.h5ad.

Source: ../shared/data/kang_valid_scgen.h5ad (scGen's Kang 2018 validation split, log-normalised, 1,975 cells x
6,998 genes; provenance in ../shared/data/README.md). Kept: every cell with its cell_type and condition, and the
3,000 genes with the largest variance of the log-normalised values over all cells (ties by gene order); X stays
as it is (CSR float32), so the demo meets the data as a user of scGen's file does. Nothing else is changed.

    /usr/bin/python3 benchmarks/realdata/make_demo_fixture.py   (needs Debian's python3-anndata)
"""
import os
import sys

import anndata as ad
import numpy as np
import scipy.sparse as sp

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", ".."))
source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "data", "kang_valid_scgen.h5ad")
target = os.path.join(root, "org.scgmvae.core", "src", "main", "resources", "org", "scgmvae", "core", "demo", "kang_demo.h5ad")

a = ad.read_h5ad(source)
x = a.X.tocsr() if sp.issparse(a.X) else sp.csr_matrix(a.X)
mean = np.asarray(x.mean(axis=0)).ravel()
var = np.asarray(x.multiply(x).mean(axis=0)).ravel() - mean ** 2
genes = np.sort(np.argsort(-var, kind="stable")[:3000])
out = ad.AnnData(X=x[:, genes].astype(np.float32).tocsr(),
                 obs=a.obs[["cell_type", "condition"]].copy(),
                 var=a.var.iloc[genes][[]].copy())
os.makedirs(os.path.dirname(target), exist_ok=True)
out.write_h5ad(target, compression="gzip")
print(f"wrote {target}: {out.n_obs} cells x {out.n_vars} genes, {os.path.getsize(target)} bytes")
