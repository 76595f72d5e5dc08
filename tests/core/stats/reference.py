#!/usr/bin/python3
# Independent reference computations for tests/core/stats (not run by the
# tests: the tests hold literal values, and this script shows where they
# come from). Needs numpy (Debian: python3-numpy).
#
#   /usr/bin/python3 tests/core/stats/reference.py
#
# - corrected_rate(): judgy 0.1.0's estimate_success_rate, the method
#   re-implemented with numpy (Rogan-Gladen point estimate, percentile
#   bootstrap over the test pairs with p_obs fixed, numpy's default
#   percentile), so that Errata's point estimates can be checked to the
#   last bit and its intervals within Monte-Carlo noise;
# - ppi_mean(): ppi_py's ppi_mean_ci with lam=None (PPI++ with the tuned,
#   clipped lambda and a normal interval), re-implemented with numpy;
# - agreement coefficients written from their definitions (Krippendorff's
#   alpha by enumerating the pairs of values within each item), a different
#   route from the C code's per-category sums;
# - xoshiro256** seeded by splitmix64, to pin errata-random's first outputs.

import numpy as np
from statistics import NormalDist

Z95 = 1.959963984540054
MASK = (1 << 64) - 1


def expand(tp, fn, fp, tn):
    labels = np.array([1] * tp + [1] * fn + [0] * fp + [0] * tn)
    preds = np.array([1] * tp + [0] * fn + [1] * fp + [0] * tn)
    return labels, preds


def corrected_rate(labels, preds, unlabeled, draws=20000, level=0.95, rng=None):
    labels = np.asarray(labels, dtype=int)
    preds = np.asarray(preds, dtype=int)
    unlabeled = np.asarray(unlabeled, dtype=int)
    pos = labels.sum()
    neg = len(labels) - pos
    tpr = ((labels == 1) & (preds == 1)).sum() / pos
    tnr = ((labels == 0) & (preds == 0)).sum() / neg
    p_obs = unlabeled.sum() / len(unlabeled)
    denom = tpr + tnr - 1
    if denom <= 0:
        raise ValueError("TPR + TNR <= 1")
    theta = np.clip((p_obs + tnr - 1) / denom, 0, 1)
    rng = rng or np.random.default_rng(0)
    n = len(labels)
    samples = []
    skipped = 0
    for _ in range(draws):
        idx = rng.integers(0, n, size=n)
        bl, bp = labels[idx], preds[idx]
        bpos = bl.sum()
        bneg = n - bpos
        if bpos == 0 or bneg == 0:
            skipped += 1
            continue
        btpr = ((bl == 1) & (bp == 1)).sum() / bpos
        btnr = ((bl == 0) & (bp == 0)).sum() / bneg
        bden = btpr + btnr - 1
        if bden <= 0:
            skipped += 1
            continue
        samples.append(np.clip((p_obs + btnr - 1) / bden, 0, 1))
    alpha = 1 - level
    lo = float(np.percentile(samples, (alpha / 2) * 100))
    hi = float(np.percentile(samples, (1 - alpha / 2) * 100))
    return float(theta), lo, hi, len(samples), skipped


def ppi_mean(Y, f, f_unl, level=0.95):
    Y, f, f_unl = (np.asarray(a, dtype=float) for a in (Y, f, f_unl))
    n, N = len(Y), len(f_unl)
    # ppi_py computes the gradients around the lam=1 estimate; the centering
    # makes that point irrelevant for the mean.
    gy = Y - Y.mean()
    gf = f - f.mean()
    cov = (1 / n) * (gy @ gf + gf @ gy)
    var = np.cov(np.concatenate([f, f_unl]))
    lam = float(np.clip(cov / (2 * (1 + n / N) * var), 0, 1))
    est = (lam * f_unl).mean() + (Y - lam * f).mean()
    se = np.sqrt(((lam * f_unl).std() / np.sqrt(N)) ** 2 + ((Y - lam * f).std() / np.sqrt(n)) ** 2)
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    return lam, est, se, est - z * se, est + z * se


def wilson(k, n, z=Z95):
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return c - h, c + h


def agreement(rows, q):
    """rows: list of items, each a list of ratings (None = missing)."""
    items = [[r for r in row if r is not None] for row in rows]
    items = [it for it in items if len(it) >= 2]
    # percent agreement: agreeing ordered pairs of raters per item
    pa = np.mean([sum(a == b for i, a in enumerate(it) for j, b in enumerate(it) if i != j)
                  / (len(it) * (len(it) - 1)) for it in items])
    pi = np.array([np.mean([it.count(k) / len(it) for it in items]) for k in range(q)])
    fleiss_pe = (pi ** 2).sum()
    fleiss = (pa - fleiss_pe) / (1 - fleiss_pe) if fleiss_pe < 1 else float("nan")
    gwet_pe = (pi * (1 - pi)).sum() / (q - 1)
    ac1 = (pa - gwet_pe) / (1 - gwet_pe)
    # Krippendorff: coincidence matrix from all ordered pairs within items
    o = np.zeros((q, q))
    for it in items:
        for i, a in enumerate(it):
            for j, b in enumerate(it):
                if i != j:
                    o[a, b] += 1 / (len(it) - 1)
    nc = o.sum(axis=1)
    nn = nc.sum()
    do = (o.sum() - np.trace(o)) / nn
    de = (nn * nn - (nc ** 2).sum()) / (nn * (nn - 1))
    alpha = 1 - do / de if de > 0 else float("nan")
    cohen = float("nan")
    if all(len(row) == 2 for row in rows):
        pairs = [(row[0], row[1]) for row in rows if None not in row]
        m = np.zeros((q, q))
        for a, b in pairs:
            m[a, b] += 1
        m /= m.sum()
        po = np.trace(m)
        pe = (m.sum(axis=1) * m.sum(axis=0)).sum()
        cohen = (po - pe) / (1 - pe) if pe < 1 else float("nan")
    return dict(percent=pa, cohen=cohen, fleiss=fleiss, ac1=ac1, alpha=alpha, n_items=len(items))


def agreement_bootstrap(rows, q, draws=2000, seeds=5):
    """Percentile bootstrap over the items rated at least twice, for each
    coefficient: the mean bounds over a few numpy seeds."""
    used = [row for row in rows if sum(r is not None for r in row) >= 2]
    names = ("percent", "cohen", "fleiss", "ac1", "alpha")
    bounds = {name: [] for name in names}
    for s in range(seeds):
        rng = np.random.default_rng(s)
        values = {name: [] for name in names}
        for _ in range(draws):
            sample = [used[i] for i in rng.integers(0, len(used), size=len(used))]
            with np.errstate(all="ignore"):
                a = agreement(sample, q)
            for name in names:
                if np.isfinite(a[name]):
                    values[name].append(a[name])
        for name in names:
            if values[name]:
                bounds[name].append((np.percentile(values[name], 2.5),
                                     np.percentile(values[name], 97.5), len(values[name])))
    return {name: np.mean(b, axis=0).round(4).tolist() for name, b in bounds.items() if b}


def xoshiro(seed, count):
    out = []

    def splitmix(state):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return state, z ^ (z >> 31)

    s = []
    st = seed
    for _ in range(4):
        st, v = splitmix(st)
        s.append(v)
    rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
    for _ in range(count):
        out.append((rotl((s[1] * 5) & MASK, 7) * 9) & MASK)
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
    return out


def skip_probability(tp, fn, fp, tn):
    """Exact probability that a bootstrap draw of the corrected rate is
    skipped (a class absent, or TPR* + TNR* - 1 <= 0), by enumerating the
    multinomial counts of a resample of the n test pairs."""
    from math import factorial
    n = tp + fn + fp + tn
    p = [tp / n, fn / n, fp / n, tn / n]
    total = 0.0
    for a in range(n + 1):
        for b in range(n + 1 - a):
            for c in range(n + 1 - a - b):
                d = n - a - b - c
                pr = (factorial(n) / (factorial(a) * factorial(b) * factorial(c) * factorial(d))
                      * p[0] ** a * p[1] ** b * p[2] ** c * p[3] ** d)
                if a + b == 0 or c + d == 0 or a / (a + b) + d / (c + d) - 1 <= 0:
                    total += pr
    return total


def spread_c(seeds=40):
    """The spread of dataset C's interval over many seeds, resampling by
    multinomial counts (the same distribution as resampling the pairs,
    and fast enough for 40 x 20,000 draws)."""
    tp, fn, fp, tn, up, uf = CORRECTED["C"]
    n = tp + fn + fp + tn
    p_obs = up / (up + uf)
    los, his = [], []
    for s in range(seeds):
        rng = np.random.default_rng(1000 + s)
        c = rng.multinomial(n, [tp / n, fn / n, fp / n, tn / n], size=20000)
        tpr = c[:, 0] / (c[:, 0] + c[:, 1])
        tnr = c[:, 3] / (c[:, 2] + c[:, 3])
        th = np.clip((p_obs + tnr - 1) / (tpr + tnr - 1), 0, 1)
        los.append(np.percentile(th, 2.5))
        his.append(np.percentile(th, 97.5))
    return np.mean(los), np.std(los, ddof=1), np.mean(his), np.std(his, ddof=1)


CORRECTED = {
    # name: (tp, fn, fp, tn, unlabelled pass, unlabelled fail)
    "A": (40, 10, 5, 45, 600, 400),
    "B": (8, 2, 3, 7, 30, 20),
    "C": (450, 50, 100, 400, 750, 250),
    "D": (9, 1, 1, 9, 95, 5),
    "F": (2, 1, 1, 2, 3, 2),   # judgy's docstring example
}


def main():
    print("xoshiro256** seed 0:", xoshiro(0, 4))
    print("xoshiro256** seed 42:", xoshiro(42, 4))
    print("percentile", np.percentile([0.1, 0.4, 0.2, 0.9, 0.5], [2.5, 97.5, 50, 0, 100, 37.5]))
    print("normal quantiles", [NormalDist().inv_cdf(p) for p in (0.975, 0.95, 0.995, 1e-10)])
    print("wilson 40/50", wilson(40, 50), "45/50", wilson(45, 50), "0/7", wilson(0, 7), "7/7", wilson(7, 7))
    for name, (tp, fn, fp, tn, up, uf) in CORRECTED.items():
        labels, preds = expand(tp, fn, fp, tn)
        unl = [1] * up + [0] * uf
        runs = [corrected_rate(labels, preds, unl, rng=np.random.default_rng(s)) for s in range(5)]
        theta = runs[0][0]
        lo = np.array([r[1] for r in runs])
        hi = np.array([r[2] for r in runs])
        used = np.array([r[3] for r in runs])
        print(f"corrected {name}: theta={theta!r} lower mean {lo.mean():.5f} sd {lo.std(ddof=1):.5f}"
              f" upper mean {hi.mean():.5f} sd {hi.std(ddof=1):.5f} used {used.mean():.0f}"
              f" (lower {lo.round(5)}, upper {hi.round(5)})")
        Y, f = expand(tp, fn, fp, tn)
        print(f"ppi {name}:", ppi_mean(Y, f, unl))
    print("dataset C over 40 seeds: lower mean, sd, upper mean, sd", spread_c())
    for name in ("B", "F"):
        tp, fn, fp, tn = CORRECTED[name][:4]
        print(f"P(skip) {name}:", skip_probability(tp, fn, fp, tn))
    print("P(skip) perfect judge 2+2:", skip_probability(2, 0, 0, 2))
    P, F = 0, 1
    two = [[P, P]] * 6 + [[P, F]] * 2 + [[F, F]] * 2
    print("agreement two raters", agreement(two, 2))
    print("  bootstrap (lower, upper, draws used), mean of 5 seeds:", agreement_bootstrap(two, 2))
    three = [[P, P, P], [P, P, F], [F, F, None], [P, F, None], [P, None, None], [F, F, F]]
    print("agreement three raters", agreement(three, 2))
    flaky = [[P, P, P], [P, F, P], [F, F, F], [F, None, F], [None, None, P]]
    print("flakiness fleiss", agreement(flaky, 2))
    print("  bootstrap (lower, upper, draws used), mean of 5 seeds:", agreement_bootstrap(flaky, 2))
    nominal = [[0, 0], [1, 1], [2, 2], [0, 1], [2, 0], [1, 1], [0, 0], [2, None]]
    print("agreement nominal 3 categories", agreement(nominal, 3))


if __name__ == "__main__":
    main()
