"""Cell types on real files: sc*GMVAE next to standard peers on the same preprocessed cells, in one run.

Reads OUT/NAME.h5ad from org.scgmvae.bench.CellTypeBenchmark (X = the cells after the CLI's route; obs: the
truth, gmvae_k<K>, leiden, split, gmvae_supervised, gmvae_10pct) and adds, on 50 principal components of that X:
k-means (10 inits) and a Gaussian mixture (full covariance, 3 inits) at each K; logistic regression and 15-NN trained
on the training split (all labels, and the same 10% labelled cells are not known here, so the 10% peers draw their own
10% per type with seed 0). Prints markdown tables: clustering (majority and one-to-one accuracy, ARI, NMI, recall of
the rarest types) and annotation (test accuracy, balanced accuracy, rarest types' recall).
Usage: python3 celltypes_peers.py OUT NAME TYPE_COLUMN K[,K...]
"""
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import anndata as ad
import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.mixture import GaussianMixture
from sklearn.neighbors import KNeighborsClassifier

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clustering_metrics import contingency, scores  # noqa: E402

out, name, type_col, ks = sys.argv[1], sys.argv[2], sys.argv[3], [int(k) for k in sys.argv[4].split(",")]
a = ad.read_h5ad(os.path.join(out, name + ".h5ad"))
x = np.asarray(a.X.toarray() if hasattr(a.X, "toarray") else a.X, dtype=np.float64)
truth = np.asarray(a.obs[type_col].astype(str))
types, counts = np.unique(truth, return_counts=True)
rare = list(types[np.argsort(counts)][:3])
pcs = PCA(50, svd_solver="arpack", random_state=0).fit_transform(x)


def clustering_row(method, setting, pred, seconds):
    pred = np.asarray(pred).astype(str)
    table, cl, _ = contingency(truth, pred)
    majority, one_to_one, ari, nmi = scores(truth, pred)
    mapped = {cl[i]: types[table[i].argmax()] for i in range(len(cl))}
    named = np.array([mapped[p] for p in pred])
    recall = [np.mean(named[truth == t] == t) for t in rare]
    return (f"| {method} | {setting} | {len(cl)} | {majority:.3f} | {one_to_one:.3f} | {ari:.3f} | "
            f"{nmi:.3f} | " + " | ".join(f"{v:.2f}" for v in recall) + f" | {seconds} |")


rows = []
for k in ks:
    if f"gmvae_k{k}" in a.obs:  # not with -Dscgmvae.annotationOnly=true
        rows.append(clustering_row("sc*GMVAE plain (--guided none)", f"K={k}, seed 42", a.obs[f"gmvae_k{k}"], "see Java"))
    if f"gmvae_guided_k{k}" in a.obs:
        rows.append(clustering_row("sc*GMVAE Leiden-guided (default)", f"K={k}, seed 42", a.obs[f"gmvae_guided_k{k}"], "see Java"))
    t0 = time.time()
    km = KMeans(k, n_init=10, random_state=0).fit_predict(pcs)
    rows.append(clustering_row("k-means, 50 PCs", f"K={k}, 10 inits", km, f"{time.time() - t0:.0f} s"))
    t0 = time.time()
    gm = GaussianMixture(k, covariance_type="full", n_init=3, random_state=0).fit(pcs).predict(pcs)
    rows.append(clustering_row("Gaussian mixture, 50 PCs", f"K={k}, full, 3 inits", gm, f"{time.time() - t0:.0f} s"))
rows.append(clustering_row("sc*GMVAE `leiden`", "PCA 50, 15-NN, res 1", a.obs["leiden"], "see Java"))
print(f"\n{name}: clustering ({len(truth)} cells, {len(types)} types; rarest {rare})\n")
print("| method | setting | clusters | majority | 1:1 | ARI | NMI | " + " | ".join(rare) + " | wall |")
print("|---|---|---|---|---|---|---|" + "---|" * len(rare) + "---|")
print("\n".join(rows))

# the same seeds question as the GMVAE's (the Java runner prints its mean over three training seeds): k-means and the
# Gaussian mixture with random_state 0, 1, 2
for k in ks:
    for label, fit in (("k-means", lambda r: KMeans(k, n_init=10, random_state=r).fit_predict(pcs)),
                       ("Gaussian mixture", lambda r: GaussianMixture(k, covariance_type="full", n_init=3, random_state=r).fit(pcs).predict(pcs))):
        f = []
        for r in (0, 1, 2):
            f.append(scores(truth, fit(r)))
        f = np.array(f)
        print(f"{label} K={k} mean of random_state 0, 1, 2: majority {f[:, 0].mean():.3f} 1:1 {f[:, 1].mean():.3f} "
              f"ARI {f[:, 2].mean():.3f} NMI {f[:, 3].mean():.3f}; 1:1 {f[:, 1].min():.3f}-{f[:, 1].max():.3f}, "
              f"ARI {f[:, 2].min():.3f}-{f[:, 2].max():.3f}")

train = np.asarray(a.obs["split"].astype(str)) == "train"
test = ~train
pca = PCA(50, svd_solver="arpack", random_state=0).fit(x[train])
ztr, zte = pca.transform(x[train]), pca.transform(x[test])
rng = np.random.default_rng(0)
some = np.zeros(train.sum(), dtype=bool)
tr_truth = truth[train]
for t in types:
    idx = np.where(tr_truth == t)[0]
    some[rng.choice(idx, max(1, round(0.1 * len(idx))), replace=False)] = True


def annotation_row(method, labels, pred):
    te = truth[test]
    rec = {t: np.mean(pred[te == t] == t) for t in types}
    return (f"| {method} | {labels} | {np.mean(pred == te):.3f} | {np.mean(list(rec.values())):.3f} | "
            + " | ".join(f"{rec[t]:.2f}" for t in rare) + " |")


rows = [annotation_row("sc*GMVAE", "100%", np.asarray(a.obs["gmvae_supervised"].astype(str))[test]),
        annotation_row("sc*GMVAE", "10%", np.asarray(a.obs["gmvae_10pct"].astype(str))[test])]
for frac, mask in (("100%", np.ones_like(some)), ("10%", some)):
    lr = LogisticRegression(max_iter=2000).fit(ztr[mask], tr_truth[mask]).predict(zte)
    rows.append(annotation_row("logistic regression, 50 PCs", frac, lr))
    knn = KNeighborsClassifier(15).fit(ztr[mask], tr_truth[mask]).predict(zte)
    rows.append(annotation_row("15-NN, 50 PCs", frac, knn))
print(f"\n{name}: annotation of the stratified 20% test split ({test.sum()} cells)\n")
print("| method | labels | test accuracy | balanced accuracy | " + " | ".join(rare) + " |")
print("|---|---|---|---|" + "---|" * len(rare))
print("\n".join(rows))

if "transfer_split" in a.obs:
    # labels of the first half of the donors, predictions for the others (the same cells as the GMVAE's transfer run)
    split = np.asarray(a.obs["transfer_split"].astype(str))
    known, unknown = split == "train", split == "test"
    tpca = PCA(50, svd_solver="arpack", random_state=0).fit(x[known])
    zk, zu = tpca.transform(x[known]), tpca.transform(x[unknown])

    def transfer_row(method, pred):
        tu = truth[unknown]
        rec = {t: np.mean(pred[tu == t] == t) for t in types}
        return (f"| {method} | {np.mean(pred == tu):.3f} | {np.mean(list(rec.values())):.3f} | "
                + " | ".join(f"{rec[t]:.2f}" for t in rare) + " |")

    rows = [transfer_row("sc*GMVAE", np.asarray(a.obs["gmvae_transfer"].astype(str))[unknown]),
            transfer_row("logistic regression, 50 PCs", LogisticRegression(max_iter=2000).fit(zk, truth[known]).predict(zu)),
            transfer_row("15-NN, 50 PCs", KNeighborsClassifier(15).fit(zk, truth[known]).predict(zu))]
    print(f"\n{name}: transfer, labels on {known.sum()} cells of some donors, predicting {unknown.sum()} cells of the others\n")
    print("| method | accuracy | balanced accuracy | " + " | ".join(rare) + " |")
    print("|---|---|---|" + "---|" * len(rare))
    print("\n".join(rows))

# Generated cells: does a 15-NN classifier trained on the real training cells (50 PCs of the model's units) give each
# generated cell its intended type? (issue 18 aim: >= 95%)
real = ad.read_h5ad(os.path.join(out, name + "_real.h5ad"))
gen = ad.read_h5ad(os.path.join(out, name + "_generated.h5ad"))
dense = lambda m: np.asarray(m.toarray() if hasattr(m, "toarray") else m, dtype=np.float64)
gpca = PCA(50, svd_solver="arpack", random_state=0).fit(dense(real.X))
knn = KNeighborsClassifier(15).fit(gpca.transform(dense(real.X)), np.asarray(real.obs[type_col].astype(str)))
intended = np.asarray(gen.obs["label"].astype(str))
got = knn.predict(gpca.transform(dense(gen.X)))
print(f"\n{name}: {len(intended)} generated cells ({len(np.unique(intended))} types x {len(intended) // len(np.unique(intended))}), "
      f"15-NN on {real.n_obs} real training cells gives the intended type to {np.mean(got == intended):.3f}\n")
print("| type | " + " | ".join(np.unique(intended)) + " |")
print("|---|" + "---|" * len(np.unique(intended)))
print("| share intended | " + " | ".join(f"{np.mean(got[intended == t] == t):.2f}" for t in np.unique(intended)) + " |")
# What "looks like its type" can reach: the same 15-NN on the real held-out cells of each type. Generated cells come
# in equal numbers per type, so their share compares with the mean of the per-type recalls (balanced accuracy).
test_path = os.path.join(out, name + "_real_test.h5ad")
if os.path.exists(test_path):
    held = ad.read_h5ad(test_path)
    held_truth = np.asarray(held.obs[type_col].astype(str))
    held_got = knn.predict(gpca.transform(dense(held.X)))
    recall = {t: np.mean(held_got[held_truth == t] == t) for t in np.unique(intended) if np.any(held_truth == t)}
    print("| real held-out cells, same 15-NN | " + " | ".join(f"{recall[t]:.2f}" if t in recall else "-" for t in np.unique(intended))
          + " |")
    print(f"\n{name}: the same 15-NN names the type of {np.mean(held_got == held_truth):.3f} of {held.n_obs} real held-out cells,"
          f" mean over types {np.mean(list(recall.values())):.3f} (generated cells: {np.mean(got == intended):.3f})")
