"""Recipe of the testflows' real cells: test-workflows/data/kang_subset.h5ad.

Source: ../shared/data/kang_valid_scgen.h5ad (scGen's Kang 2018 validation split: PBMCs, control and IFN-beta
stimulated, log-normalised, 1,975 cells x 6,998 genes; provenance in ../shared/data/README.md). Kept: 600 cells, drawn
per cell type and condition in proportion to the file (at least 15 of each pair, seed 0), in the file's order; the 300
genes with the largest variance of the log-normalised values over all cells (ties by gene order); obs cell_type and
condition. X stays as it is (log-normalised, CSR float32), so the flows meet the data as a user of scGen's file does.

    /usr/bin/python3 test-workflows/data/make_kang_subset.py   (needs Debian's python3-anndata)
"""
import os
import sys

import anndata as ad
import numpy as np
import scipy.sparse as sp

here = os.path.dirname(os.path.abspath(__file__))
source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "shared", "data", "kang_valid_scgen.h5ad")
target = os.path.join(here, "kang_subset.h5ad")
CELLS, GENES, MIN_PER_GROUP = 600, 300, 15

a = ad.read_h5ad(source)
rng = np.random.default_rng(0)
groups = a.obs.groupby(["cell_type", "condition"], observed=True).indices
share = CELLS / a.n_obs
take = {g: max(MIN_PER_GROUP, int(round(share * len(i)))) for g, i in groups.items()}
# rounding: trim or grow the largest groups until the total is exactly CELLS
while sum(take.values()) != CELLS:
    g = max(take, key=lambda k: take[k])
    take[g] += 1 if sum(take.values()) < CELLS else -1
keep = np.sort(np.concatenate([rng.choice(groups[g], take[g], replace=False) for g in sorted(groups)]))

x = a.X.tocsr() if sp.issparse(a.X) else sp.csr_matrix(a.X)
mean = np.asarray(x.mean(axis=0)).ravel()
var = np.asarray(x.multiply(x).mean(axis=0)).ravel() - mean ** 2
genes = np.sort(np.argsort(-var, kind="stable")[:GENES])
obs = a.obs.iloc[keep][["cell_type", "condition"]].copy()
out = ad.AnnData(X=x[keep][:, genes].astype(np.float32).tocsr(), obs=obs, var=a.var.iloc[genes][[]].copy())
out.write_h5ad(target, compression="gzip")
print(f"wrote {target}: {out.n_obs} cells x {out.n_vars} genes, {os.path.getsize(target)} bytes")
print(out.obs.groupby(["cell_type", "condition"], observed=True).size().to_string())
