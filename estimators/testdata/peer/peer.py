"""Times the tools a researcher would otherwise use on the benchmark cases of
the estimators package, for a side-by-side comparison with

    go test -run x -bench 'FitDense/.*/m=1000|Voronoi$' ./estimators/...

Dense-Newton NumPy solve of the m = 1000 standard MLE (sufficient comparisons
of the 3-type linear population, lambda = 0.1, same stopping test), and
SciPy's cKDTree Monte Carlo Voronoi weights (N = 10^6, m = 1000, d = 8, all
cores). Run with the system Python: python3 peer.py
"""
import time

import numpy as np
from scipy.spatial import cKDTree


def sigmoid(t):
    return 1.0 / (1.0 + np.exp(-t))


def dense_newton(m=1000, lam=0.1, tol=1e-10, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.random((m, 2))
    coef = np.array([[2.0, 1.0], [-1.0, 2.0], [np.cos(0), np.cos(1)]])
    share = np.array([0.5, 0.3, 0.2])
    rk = x @ coef.T  # m x 3
    P = sum(share[k] * sigmoid(rk[:, k, None] - rk[None, :, k]) for k in range(3))
    np.fill_diagonal(P, 0.5)

    start = time.perf_counter()
    r = np.zeros(m)
    iters = 0
    while True:
        d = r[:, None] - r[None, :]
        s = sigmoid(d)
        g = (s - P).sum(axis=1) + lam * r
        if np.max(np.abs(g)) / (m - 1) <= tol:
            break
        w = s * (1 - s)
        np.fill_diagonal(w, 0)
        H = np.diag(w.sum(axis=1) + lam) - w
        r -= np.linalg.solve(H, g)
        iters += 1
    return time.perf_counter() - start, iters


def voronoi_kdtree(n=1_000_000, m=1000, d=8, seed=1):
    rng = np.random.default_rng(seed)
    sites = rng.random((m, d))
    start = time.perf_counter()
    q = rng.random((n, d))
    _, idx = cKDTree(sites).query(q, workers=-1)
    w = np.bincount(idx, minlength=m) / n
    return time.perf_counter() - start, w.sum()


if __name__ == "__main__":
    for _ in range(3):
        t, it = dense_newton()
        print(f"numpy dense Newton, m=1000: {t:.3f} s ({it} Newton steps)")
    for _ in range(3):
        t, s = voronoi_kdtree()
        print(f"scipy cKDTree Voronoi, N=1e6 m=1000 d=8: {t:.3f} s (weights sum {s:.6f})")
