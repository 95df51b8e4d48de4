"""Shared scoring of a clustering against known types: majority and one-to-one (Hungarian) accuracy, ARI, NMI."""
import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score


def contingency(truth, pred):
    """Cells of each cluster (rows, sorted) and type (columns, sorted)."""
    truth, pred = np.asarray(truth).astype(str), np.asarray(pred).astype(str)
    types, t = np.unique(truth, return_inverse=True)
    clusters, c = np.unique(pred, return_inverse=True)
    table = np.zeros((len(clusters), len(types)))
    np.add.at(table, (c, t), 1)
    return table, clusters, types


def scores(truth, pred):
    """(majority accuracy, one-to-one accuracy, ARI, NMI)."""
    table, _, _ = contingency(truth, pred)
    r, c = linear_sum_assignment(-table)
    n = table.sum()
    return (table.max(axis=1).sum() / n, table[r, c].sum() / n, adjusted_rand_score(truth, pred),
            normalized_mutual_info_score(truth, pred))
