#!/usr/bin/python3
# Where the literal values of test-alt-test.c come from (not run by the
# tests). Needs mpmath (Debian: python3-mpmath) for the incomplete beta
# function; nothing else.
#
#   /usr/bin/python3 tests/core/stats/reference_alt_test.py
#
# The alternative annotator test written from the paper's description
# (Calderon, Reichart and Dror, ACL 2025) for ratings 0 (pass) and 1
# (fail): leave one reviewer out, score it and the judge by the share of
# the other reviewers they match on each shared item, d = W_reviewer -
# W_judge, one-sided t-test of mean d < epsilon, Benjamini-Yekutieli over
# the tested reviewers, pass at a winning rate of 0.5.

import mpmath as mp

P, F, N = 0, 1, None


def t_cdf(t, df):
    x = df / (df + t * t)
    tail = 0.5 * mp.betainc(df / 2, 0.5, 0, x, regularized=True)
    return tail if t < 0 else 1 - tail


def t_test_less(d, mu):
    n = len(d)
    mean = sum(d) / n
    s = mp.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1))
    if s < 1e-12:
        return (-mp.inf if mean < mu else mp.inf), (0.0 if mean < mu else 1.0)
    t = (mean - mu) / (s / mp.sqrt(n))
    return t, t_cdf(t, n - 1)


def benjamini_yekutieli(p, q):
    tested = [i for i in range(len(p)) if p[i] is not None]
    m = len(tested)
    h = sum(1 / k for k in range(1, m + 1))
    ranked = sorted(tested, key=lambda i: p[i])
    k = 0
    for rank, i in enumerate(ranked):
        if p[i] <= (rank + 1) * q / (m * h):
            k = rank + 1
    return set(ranked[:k])


def alt_test(ratings, judge, epsilon=0.1, q=0.05, min_items=30):
    n_reviewers = len(ratings[0])
    rows = []
    for j in range(n_reviewers):
        d, judge_scores, reviewer_scores, wins = [], [], [], []
        for row, f in zip(ratings, judge):
            if f is None or sum(x is not None for x in row) < 2 or row[j] is None:
                continue
            others = [row[k] for k in range(n_reviewers) if k != j and row[k] is not None]
            js = sum(f == o for o in others) / len(others)
            rs = sum(row[j] == o for o in others) / len(others)
            d.append((rs >= js) - (js >= rs))
            judge_scores.append(js)
            reviewer_scores.append(rs)
            wins.append(js >= rs)
        t, p = t_test_less(d, epsilon) if len(d) >= max(min_items, 2) else (None, None)
        rows.append(dict(n=len(d), d=d, t=t, p=p,
                         judge=sum(judge_scores) / len(d) if d else None,
                         reviewer=sum(reviewer_scores) / len(d) if d else None,
                         advantage=sum(wins) / len(d) if d else None))
    won = benjamini_yekutieli([r['p'] for r in rows], q)
    tested = [r for r in rows if r['p'] is not None]
    rate = len(won) / len(tested) if tested else None
    print('won', sorted(won), 'winning rate', rate, 'passed', rate is not None and rate >= 0.5)
    for r in rows:
        print('  ', r)


mp.mp.dps = 30
print('t-test of {0,0,1,1,0} < 0.1:', t_test_less([0, 0, 1, 1, 0], 0.1))
print('two reviewers (test_two_reviewers_by_hand):')
alt_test([[P, P], [P, P], [P, P], [F, F], [P, F], [P, F]], [P, P, F, F, P, F], min_items=4)
print('three reviewers (test_three_reviewers_by_hand):')
alt_test([[P, P, P], [P, P, P], [P, P, F], [F, F, F], [F, F, P], [P, F, F],
          [P, N, P], [F, F, N], [P, P, P], [F, F, F], [P, P, F], [N, P, P]],
         [P, P, P, F, F, F, P, F, P, F, P, N], min_items=5)
