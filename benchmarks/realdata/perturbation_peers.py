"""Perturbation prediction on scGen's Kang file, every cell type held out in turn: sc*GMVAE next to its peers.

For each type T the cGMVAE predictions come from org.scgmvae.bench.PerturbationBenchmark (OUT/T.h5ad: T's
control cells flipped to 'stimulated', log-normalised units, the model's genes; OUT/T_train_cells.txt: the cells it
was trained on). On the same training cells and the same genes this script fits and scores:
  - scGen-style VAE (written here after scGen's published architecture: encoder/decoder 800-800, z 100, leaky ReLU,
    batch norm, dropout 0.2, KL weight 5e-5, Adam 1e-3, batch 32) with scGen's latent arithmetic and balanced delta
    (every type and condition resampled to the largest group before the mean latent difference);
  - "mean shift": T's control cells plus the mean stimulated-minus-control difference of the other types;
  - "no change": T's control cells as they are.
Scores (perturbation_metrics.py): R^2 of per-gene means against T's real stimulated cells, all genes and top-100
Wilcoxon DEGs. Usage: python3 perturbation_peers.py DATA.h5ad OUT [VAE_EPOCHS]
"""
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import anndata as ad
import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from perturbation_metrics import dense, score, top_degs  # noqa: E402

data_file, out = sys.argv[1], sys.argv[2]
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 100
TYPE, COND, CTRL, STIM = "cell_type", "condition", "control", "stimulated"
torch.set_num_threads(max(1, os.cpu_count() or 1))


class ScGenVae(nn.Module):
    def __init__(self, genes, hidden=800, z=100, dropout=0.2):
        super().__init__()

        def block(i, o):
            return [nn.Linear(i, o), nn.BatchNorm1d(o), nn.LeakyReLU(), nn.Dropout(dropout)]

        self.enc = nn.Sequential(*block(genes, hidden), *block(hidden, hidden))
        self.mu = nn.Linear(hidden, z)
        self.logvar = nn.Linear(hidden, z)
        self.dec = nn.Sequential(*block(z, hidden), *block(hidden, hidden), nn.Linear(hidden, genes))

    def encode(self, x):
        h = self.enc(x)
        return self.mu(h), self.logvar(h)

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.dec(z), mu, logvar


def train_vae(x, seed, alpha=5e-5, batch=32):
    torch.manual_seed(seed)
    model = ScGenVae(x.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    xt = torch.tensor(x, dtype=torch.float32)
    g = torch.Generator().manual_seed(seed)
    model.train()
    for _ in range(epochs):
        perm = torch.randperm(xt.shape[0], generator=g)
        for i in range(0, xt.shape[0], batch):
            xb = xt[perm[i:i + batch]]
            if xb.shape[0] < 2:
                continue
            rec, mu, logvar = model(xb)
            kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp(), dim=1)
            loss = torch.mean(0.5 * torch.sum((rec - xb) ** 2, dim=1) + alpha * kl)
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    return model


def latent(model, x):
    with torch.no_grad():
        return model.encode(torch.tensor(x, dtype=torch.float32))[0].numpy()


def balanced_delta(model, x, types, conds, rng):
    """scGen's balancer: every type resampled to the largest type within each condition, then mean z(stim) - z(ctrl)."""
    means = {}
    for c in (CTRL, STIM):
        rows = np.where(conds == c)[0]
        present = np.unique(types[rows])
        size = max((types[rows] == t).sum() for t in present)
        picked = np.concatenate([rng.choice(rows[types[rows] == t], size, replace=True) for t in present])
        means[c] = latent(model, x[picked]).mean(axis=0)
    return means[STIM] - means[CTRL]


data = ad.read_h5ad(data_file)
names = np.asarray(data.obs_names)
types_all = np.asarray(data.obs[TYPE].astype(str))
conds_all = np.asarray(data.obs[COND].astype(str))
rows = []
for t in sorted(np.unique(types_all), key=lambda s: -(types_all == s).sum()):
    file = "".join(ch if ch.isalnum() or ch in "_.+-" else "_" for ch in t)
    pred_file = os.path.join(out, file + ".h5ad")
    if not os.path.exists(pred_file):
        continue
    ours = ad.read_h5ad(pred_file)
    genes = [data.var_names.get_loc(g) for g in ours.var_names]
    x = dense(data.X)[:, genes]
    train = np.isin(names, [l.strip() for l in open(os.path.join(out, file + "_train_cells.txt"))])
    ctrl = (types_all == t) & (conds_all == CTRL)
    stim = (types_all == t) & (conds_all == STIM)
    real_stim, real_ctrl = x[stim], x[ctrl]
    degs = top_degs(real_stim, real_ctrl)
    target = real_stim.mean(axis=0)
    preds = {"sc*GMVAE cGMVAE flip": dense(ours.X).mean(axis=0), "no change": real_ctrl.mean(axis=0)}
    others = [o for o in np.unique(types_all) if o != t]
    shifts = [x[(types_all == o) & (conds_all == STIM)].mean(0) - x[(types_all == o) & (conds_all == CTRL)].mean(0) for o in others]
    preds["control + mean shift of the other types"] = real_ctrl.mean(axis=0) + np.mean(shifts, axis=0)
    t0 = time.time()
    vae = train_vae(x[train], seed=42)
    delta = balanced_delta(vae, x[train], types_all[train], conds_all[train], np.random.default_rng(42))
    with torch.no_grad():
        z = torch.tensor(latent(vae, real_ctrl) + delta, dtype=torch.float32)
        preds["scGen-style VAE, balanced delta"] = vae.dec(z).numpy().mean(axis=0)
    vae_s = time.time() - t0
    for name, p in preds.items():
        a, d = score(target, p, degs)
        rows.append((t, name, a, d))
    print(f"{t}: {ctrl.sum()} ctrl -> {stim.sum()} stim, {len(genes)} genes; scGen-style VAE {vae_s:.0f} s", flush=True)

print()
print(f"| held-out type | predictor | R^2 all genes | R^2 top-100 DEGs |")
print("|---|---|---|---|")
for t, name, a, d in rows:
    print(f"| {t} | {name} | {a:.3f} | {d:.3f} |")
print()
print("| predictor | mean R^2 all genes | mean R^2 top-100 DEGs | types where it beats the scGen-style VAE (all / DEGs) |")
print("|---|---|---|---|")
by = {}
for t, name, a, d in rows:
    by.setdefault(name, {})[t] = (a, d)
vae = by.get("scGen-style VAE, balanced delta", {})
for name, per in by.items():
    a = np.mean([v[0] for v in per.values()])
    d = np.mean([v[1] for v in per.values()])
    wins = (sum(per[t][0] > vae[t][0] for t in per), sum(per[t][1] > vae[t][1] for t in per))
    print(f"| {name} | {a:.3f} | {d:.3f} | {wins[0]} / {wins[1]} of {len(per)} |")
