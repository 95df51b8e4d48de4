"""Shared scoring of perturbation predictions, as scGen reports them.

R^2 = squared Pearson correlation of per-gene means (scGen's reg_mean_plot), real stimulated cells vs predicted
cells of the held-out type, in log-normalised units; "top-100 DEGs" = the 100 genes with the largest Wilcoxon
rank-sum z-score of real stimulated vs real control cells of that type (scanpy's rank_genes_groups(method=
'wilcoxon'), both directions by |z|, as scGen's diff_genes), restricted to the genes every predictor is scored on.
"""
import numpy as np
from scipy.stats import rankdata


def dense(x):
    return np.asarray(x.toarray() if hasattr(x, "toarray") else x, dtype=np.float64)


def r2(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1] ** 2)


def wilcoxon_z(group, reference):
    """scanpy's Wilcoxon rank-sum z-score of each gene (columns), group vs reference, ties averaged."""
    n1, n2 = group.shape[0], reference.shape[0]
    ranks = np.apply_along_axis(rankdata, 0, np.vstack([group, reference]))
    rank_sum = ranks[:n1].sum(axis=0)
    mean = n1 * (n1 + n2 + 1) / 2.0
    sd = np.sqrt(n1 * n2 * (n1 + n2 + 1) / 12.0)
    return (rank_sum - mean) / sd


def top_degs(stim, ctrl, n=100):
    z = wilcoxon_z(stim, ctrl)
    return np.argsort(-np.abs(z), kind="stable")[:n]


def score(real_stim_mean, pred_mean, degs):
    return r2(real_stim_mean, pred_mean), r2(real_stim_mean[degs], pred_mean[degs])
