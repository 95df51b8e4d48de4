"""An scVI-style peer on raw counts: the model of Lopez et al. (2018) with scvi-tools' documented defaults, written
here in PyTorch (scvi-tools itself is not installable on this machine), then k-means and a Gaussian mixture on its
latent space, next to the rows of celltypes.sh on the same file.

Model (scvi.model.SCVI defaults): encoder log1p(counts) -> 128 (batch norm, ReLU, dropout 0.1) -> q(z|x) with
n_latent = 10; decoder z -> 128 (batch norm, ReLU) -> softmax over genes times each cell's observed library size;
zero-inflated negative binomial with one dispersion per gene; KL to N(0, I) weighted up linearly over 400 epochs.
Training: 90% of the cells, batches of 128, Adam (lr 1e-3, eps 0.01, weight decay 1e-6),
min(round(20000 / cells * 400), 400) epochs, no early stopping. The latent is each cell's posterior mean.

Usage: [SCVI_EPOCHS=N] python3 scvi_peer.py FILE TYPE_COLUMN K[,K...] SEED[,SEED...] [LATENT_DIR]
Prints one line per seed and K (majority and one-to-one accuracy, ARI, NMI) and the mean over seeds; with LATENT_DIR,
writes each seed's latent as LATENT_DIR/scvi_latent_SEED.h5ad (X = the 10 latent means, obs = the type column), which
celltypes.sh clusters with the project's Leiden as scanpy users cluster X_scVI.
       python3 scvi_peer.py --means SEEDS LOG... prints the means over the per-seed lines of several such runs' logs.
"""
import os
import re
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import anndata as ad
import numpy as np
import torch
import torch.nn as nn
from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clustering_metrics import scores  # noqa: E402


class ScviStyle(nn.Module):
    def __init__(self, genes, hidden=128, latent=10, dropout=0.1):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(genes, hidden), nn.BatchNorm1d(hidden, momentum=0.01, eps=1e-3), nn.ReLU(),
                                     nn.Dropout(dropout))
        self.z_mean = nn.Linear(hidden, latent)
        self.z_logvar = nn.Linear(hidden, latent)
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.BatchNorm1d(hidden, momentum=0.01, eps=1e-3), nn.ReLU())
        self.scale = nn.Linear(hidden, genes)
        self.dropout_logits = nn.Linear(hidden, genes)
        self.log_theta = nn.Parameter(torch.randn(genes))

    def encode(self, counts):
        h = self.encoder(torch.log1p(counts))
        return self.z_mean(h), torch.exp(self.z_logvar(h)) + 1e-4

    def loss(self, counts, kl_weight):
        mean, var = self.encode(counts)
        z = mean + var.sqrt() * torch.randn_like(mean)
        h = self.decoder(z)
        rate = counts.sum(1, keepdim=True) * torch.softmax(self.scale(h), dim=-1)
        recon = -zinb_log_likelihood(counts, rate, torch.exp(self.log_theta), self.dropout_logits(h)).sum(-1)
        kl = 0.5 * (var + mean ** 2 - 1 - torch.log(var)).sum(-1)
        return (recon + kl_weight * kl).mean()


def zinb_log_likelihood(x, mu, theta, pi_logits, eps=1e-8):
    """log ZINB(x; mu, theta, pi) with the zero-inflation given as logits, written in the numerically stable form."""
    softplus_pi = nn.functional.softplus(-pi_logits)
    log_theta_eps = torch.log(theta + eps)
    log_theta_mu_eps = torch.log(theta + mu + eps)
    pi_theta_log = -pi_logits + theta * (log_theta_eps - log_theta_mu_eps)
    case_zero = nn.functional.softplus(pi_theta_log) - softplus_pi
    case_non_zero = (-softplus_pi + pi_theta_log + x * (torch.log(mu + eps) - log_theta_mu_eps) + torch.lgamma(x + theta)
                     - torch.lgamma(theta) - torch.lgamma(x + 1))
    zero = (x < eps).float()
    return zero * case_zero + (1 - zero) * case_non_zero


def latent(counts, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    n, g = counts.shape
    train = rng.permutation(n)[: int(round(0.9 * n))]
    epochs = int(os.environ.get("SCVI_EPOCHS", min(int(round(20000 / n * 400)), 400)))  # SCVI_EPOCHS: a short trial run
    model = ScviStyle(g)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=0.01, weight_decay=1e-6)
    x = torch.tensor(counts, dtype=torch.float32)
    for epoch in range(epochs):
        model.train()
        kl_weight = min(1.0, epoch / 400)
        for b in np.array_split(rng.permutation(train), max(1, len(train) // 128)):
            opt.zero_grad()
            model.loss(x[b], kl_weight).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        return np.concatenate([model.encode(x[i:i + 4096])[0].numpy() for i in range(0, n, 4096)]), epochs


LINE = re.compile(r"\+ (.+) K=(\d+) seed \d+: majority ([\d.]+) 1:1 ([\d.]+) ARI ([\d.]+) NMI ([\d.]+)")


def print_means(lines, seeds):
    """The mean over seeds of each method and K, from the per-seed lines this script (and celltypes.sh's Leiden) prints."""
    rows = {}
    for line in lines:
        m = LINE.search(line)
        if m:
            rows.setdefault((m.group(1), int(m.group(2))), []).append([float(v) for v in m.groups()[2:]])
    for (method, k), v in sorted(rows.items()):
        v = np.array(v)
        print(f"scVI-style latent + {method} K={k}, mean of seeds {seeds}: majority {v[:, 0].mean():.3f} 1:1 {v[:, 1].mean():.3f}"
              f" ARI {v[:, 2].mean():.3f} NMI {v[:, 3].mean():.3f}; 1:1 {v[:, 1].min():.3f}-{v[:, 1].max():.3f},"
              f" ARI {v[:, 2].min():.3f}-{v[:, 2].max():.3f}")


def main():
    if sys.argv[1] == "--means":  # celltypes.sh: one log per seed, each written by a run of its own
        lines = [line for log in sys.argv[3:] for line in open(log)]
        print_means(lines, sys.argv[2])
        return
    path, type_col = sys.argv[1], sys.argv[2]
    ks = [int(k) for k in sys.argv[3].split(",")]
    seeds = [int(s) for s in sys.argv[4].split(",")]
    torch.set_num_threads(1)
    a = ad.read_h5ad(path)
    counts = np.asarray(a.X.toarray() if hasattr(a.X, "toarray") else a.X, dtype=np.float32)
    if np.any(counts < 0) or np.any(np.abs(counts - np.round(counts)) > 1e-6):
        sys.exit(f"{path}: X does not hold raw counts; an scVI-style model needs them")
    truth = np.asarray(a.obs[type_col].astype(str))
    print(f"{path}: {counts.shape[0]} cells x {counts.shape[1]} genes, torch {torch.__version__} on one thread")
    lines = []
    for seed in seeds:
        t0 = time.time()
        z, epochs = latent(counts, seed)
        print(f"  seed {seed}: {epochs} epochs in {time.time() - t0:.0f} s")
        if len(sys.argv) > 5:
            out = ad.AnnData(X=z.astype(np.float32), obs=a.obs[[type_col]].copy())
            out.var_names = [f"scvi{j}" for j in range(z.shape[1])]
            out.write_h5ad(os.path.join(sys.argv[5], f"scvi_latent_{seed}.h5ad"))
        for k in ks:
            for method, pred in (("k-means", KMeans(k, n_init=10, random_state=seed).fit_predict(z)),
                                 ("Gaussian mixture", GaussianMixture(k, covariance_type="full", n_init=3, random_state=seed).fit(z).predict(z))):
                s = scores(truth, pred)
                lines.append(f"  scVI-style latent + {method} K={k} seed {seed}: majority {s[0]:.3f} 1:1 {s[1]:.3f} ARI {s[2]:.3f}"
                             f" NMI {s[3]:.3f}")
                print(lines[-1])
    if len(seeds) > 1:
        print_means(lines, sys.argv[4])


if __name__ == "__main__":
    main()
