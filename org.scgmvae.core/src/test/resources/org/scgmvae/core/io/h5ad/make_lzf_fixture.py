"""Recipe of small real-cell test fixtures: kang_lzf.h5ad and kang_plain.h5ad (same cells, other compression), kang_raw.h5ad.

Source: ../shared/data/kang_ctrl_muscat.h5ad (Kang 2018 control cells, raw counts; provenance in ../shared/data/README.md).
Kept: 41 cells (every 300th), the 50 genes with the most counts over those cells, obs cell_type and sample_id, and an
obs column 'dataset' with one category. Written
once with h5py's LZF filter (anndata's compression='lzf', as scanpy users may write) and once without compression, so
that a test can check that both read the same. kang_raw.h5ad: the same cells as scanpy often leaves them, X log-normalised
on the first 30 of the 50 genes, every gene's counts in .raw. Run from the repository root:

    /usr/bin/python3 org.scgmvae.core/src/test/resources/org/scgmvae/core/io/h5ad/make_lzf_fixture.py   (needs python3-anndata)
"""
import os
import sys

import anndata as ad
import numpy as np
import pandas as pd
import scipy.sparse as sp

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, *[".."] * 9))
source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "data", "kang_ctrl_muscat.h5ad")

a = ad.read_h5ad(source)
cells = a[np.arange(0, a.n_obs, 300)]
x = cells.X.tocsr() if sp.issparse(cells.X) else sp.csr_matrix(cells.X)
genes = np.sort(np.argsort(-np.asarray(x.sum(axis=0)).ravel(), kind="stable")[:50])
out = ad.AnnData(X=x[:, genes].astype(np.float32).tocsr(),
                 obs=cells.obs[["cell_type", "sample_id"]].copy(),
                 var=cells.var.iloc[genes][[]].copy())
# one category only: h5py stores its one-string categories chunk uncompressed, which the reader must tell from LZF
out.obs["dataset"] = pd.Categorical(["kang2018"] * out.n_obs)
out.write_h5ad(os.path.join(here, "kang_lzf.h5ad"), compression="lzf")
out.write_h5ad(os.path.join(here, "kang_plain.h5ad"))
sub = out.copy()
sub.raw = out
sub = sub[:, :30].copy()
totals = np.asarray(out.X.sum(axis=1)).ravel()
sub.X = sp.csr_matrix(np.log1p(sub.X.toarray() / np.maximum(totals, 1)[:, None] * 1e4).astype(np.float32))
sub.write_h5ad(os.path.join(here, "kang_raw.h5ad"))
for name in ("kang_lzf.h5ad", "kang_plain.h5ad", "kang_raw.h5ad"):
    print(name, os.path.getsize(os.path.join(here, name)), "bytes")
