"""Reference PyTorch implementation of the cGMVAE trained by sc*GMVAE (same architecture, loss,
batch size and optimiser as org.scgmvae.core.model.GmvaeModule with its defaults), used only to
compare training speed. Usage: python3 gmvae_reference.py DATA.h5ad EPOCHS THREADS

Architecture: encoder ELU MLP 256-128 on [x, c] -> mu_z, logvar_z, mu_w, logvar_w (bounded by
b*tanh(./b), b = 10 for means, 5 for log-variances); q(y|z,c): ELU MLP 64 -> K logits;
q(d|z,c): ELU MLP 64 -> softplus + 1e-3; p(z|w,y,c): ELU MLP 64 -> K*Dz means and log-variances;
decoder ELU MLP 128-256 on [z, c] -> G (Gaussian, unit variance). Loss: -ELBO with the closed-form
Gaussian KLs, the Dirichlet KL and E[log d] = digamma(g) - digamma(sum g); Adam, lr 2e-3.
Encode throughput: posterior means of z and w for all cells in batches of 1,024: the first pass, and the median pass
after a second of warm-up over at least two seconds of passes (as the Java side).
"""
import math
import sys
import time

import anndata
import numpy as np
import torch
from torch import nn

K, DZ, DW, BATCH, LR, BOUND = 20, 16, 2, 128, 2e-3, 10.0
ENCODE_PASSES = 5  # encode throughput: at least five passes over all cells (one pass takes tens of ms)


def mlp(sizes):
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), nn.ELU()]
    return nn.Sequential(*layers)


def bounded(x, b):
    return b * torch.tanh(x / b)


class CGmvae(nn.Module):
    def __init__(self, g, nc):
        super().__init__()
        self.enc = mlp([g + nc, 256, 128])
        self.mu_z, self.lv_z = nn.Linear(128, DZ), nn.Linear(128, DZ)
        self.mu_w, self.lv_w = nn.Linear(128, DW), nn.Linear(128, DW)
        self.qy = nn.Sequential(mlp([DZ + nc, 64]), nn.Linear(64, K))
        self.qd = nn.Sequential(mlp([DZ + nc, 64]), nn.Linear(64, K))
        self.pz = mlp([DW + nc, 64])
        self.pz_mu, self.pz_lv = nn.Linear(64, K * DZ), nn.Linear(64, K * DZ)
        self.dec = nn.Sequential(mlp([DZ + nc, 128, 256]), nn.Linear(256, g))
        self.alpha = 1.0

    def loss(self, x, c, beta=1.0):
        h = self.enc(torch.cat([x, c], 1))
        mu_z, lv_z = bounded(self.mu_z(h), BOUND), bounded(self.lv_z(h), BOUND / 2)
        mu_w, lv_w = bounded(self.mu_w(h), BOUND), bounded(self.lv_w(h), BOUND / 2)
        z = mu_z + torch.exp(0.5 * lv_z) * torch.randn_like(mu_z)
        w = mu_w + torch.exp(0.5 * lv_w) * torch.randn_like(mu_w)
        zc = torch.cat([z, c], 1)
        log_q = torch.log_softmax(self.qy(zc), 1)
        q = log_q.exp()
        g = nn.functional.softplus(self.qd(zc)) + 1e-3
        g0 = g.sum(1, keepdim=True)
        e_log_d = torch.digamma(g) - torch.digamma(g0)
        hp = self.pz(torch.cat([w, c], 1))
        p_mu = bounded(self.pz_mu(hp), BOUND).view(-1, K, DZ)
        p_lv = bounded(self.pz_lv(hp), BOUND / 2).view(-1, K, DZ)
        d = mu_z.unsqueeze(1) - p_mu
        kl_k = 0.5 * (p_lv - lv_z.unsqueeze(1) + (lv_z.exp().unsqueeze(1) + d * d) * torch.exp(-p_lv) - 1).sum(2)
        kl_z = (q * kl_k).sum(1)
        kl_w = 0.5 * (mu_w * mu_w + lv_w.exp() - lv_w - 1).sum(1)
        kl_y = (q * (log_q - e_log_d)).sum(1)
        kl_d = (torch.lgamma(g0).squeeze(1) - torch.lgamma(g).sum(1) + ((g - self.alpha) * e_log_d).sum(1)
                - math.lgamma(K * self.alpha) + K * math.lgamma(self.alpha))
        out = self.dec(zc)
        recon = (0.5 * (x - out) ** 2 + 0.5 * math.log(2 * math.pi)).sum(1)
        return (recon + beta * (kl_z + kl_w + kl_y + kl_d)).mean()


def main():
    path, epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    a = anndata.read_h5ad(path)
    x = torch.tensor(np.asarray(a.X, dtype=np.float32))
    codes = a.obs['condition'].cat.codes.to_numpy()
    c = torch.nn.functional.one_hot(torch.tensor(codes, dtype=torch.long), int(codes.max()) + 1).float()
    model = CGmvae(x.shape[1], c.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    times = []
    for epoch in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(x.shape[0])
        for i in range(0, x.shape[0], BATCH):
            idx = perm[i:i + BATCH]
            if len(idx) < 2:
                continue
            loss = model.loss(x[idx], c[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t0)
    def encode(i):
        # posterior means of z and w, as the Java side's LatentEncoder returns them
        h = model.enc(torch.cat([x[i:i + 1024], c[i:i + 1024]], 1))
        return bounded(model.mu_z(h), BOUND), bounded(model.mu_w(h), BOUND)

    def encode_all():
        t0 = time.perf_counter()
        for i in range(0, x.shape[0], 1024):
            encode(i)
        return time.perf_counter() - t0

    with torch.no_grad():
        # as on the Java side: the first pass on its own, then the median pass after a second of warm-up, over passes
        # for at least two seconds
        first = x.shape[0] / encode_all()
        warm = time.perf_counter() + 1.0
        while time.perf_counter() < warm:
            encode_all()
        passes = []
        end = time.perf_counter() + 2.0
        while time.perf_counter() < end or len(passes) < ENCODE_PASSES:
            passes.append(encode_all())
        enc = x.shape[0] / np.median(passes)
    # mean and median over the epochs after the first (the median is robust to a busy machine's outliers)
    print(f"pytorch threads={threads} s/epoch={np.mean(times[1:]):.3f} median_s/epoch={np.median(times[1:]):.3f} "
          f"encode_cells_per_s={enc:.0f} encode_first_pass_cells_per_s={first:.0f} last_loss={loss.item():.3f}")


if __name__ == '__main__':
    main()
