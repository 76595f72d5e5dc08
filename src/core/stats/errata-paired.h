/* errata-paired.h: two systems on the same items, pass or fail each:
 * McNemar's exact test, a paired bootstrap interval of the difference of
 * pass rates, and Holm's correction for several comparisons.
 *
 * On paired items only the discordant ones tell the systems apart: b items
 * passed with the baseline and failed with the candidate, c the other way.
 * Under "no difference" each discordant item is a fair coin, so
 * b ~ Binomial(b + c, ½); the exact two-sided p-value is
 * min (1, 2 · P(X ≤ min (b, c))). The difference of pass rates is
 * (c − b) / n. The bootstrap resamples the n pairs with replacement (the
 * pairing kept), which is a multinomial draw of the four cells; only the
 * discordant counts move the difference, so a draw is D* ~ Bin(n, (b+c)/n)
 * and c* ~ Bin(D*, c/(b+c)): exact, in O(σ) per draw, not O(n).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-bootstrap.h"

G_BEGIN_DECLS

typedef struct
{
  guint both_pass;
  guint pass_to_fail;   /* b: baseline passed, candidate failed */
  guint fail_to_pass;   /* c: baseline failed, candidate passed */
  guint both_fail;
} ErrataPairedTable;

typedef struct
{
  guint          n;            /* pairs */
  double         baseline_rate;
  double         candidate_rate;
  double         difference;   /* candidate − baseline = (c − b) / n; NAN when n = 0 */
  double         p_value;      /* McNemar, exact, two-sided; 1 without discordant pairs */
  ErrataInterval interval;     /* percentile bootstrap of the difference; NAN when n = 0 */
  double         level;
  guint64        seed;
  guint          n_draws;
} ErrataPairedResult;

guint    errata_paired_table_n       (const ErrataPairedTable      *table);
/* The exact two-sided p-value of McNemar's test. */
double   errata_mcnemar_exact        (guint                         pass_to_fail,
                                      guint                         fail_to_pass);
/* The paired bootstrap interval of (c − b) / n; fails on bad options. */
gboolean errata_paired_bootstrap     (const ErrataPairedTable      *table,
                                      const ErrataBootstrapOptions *options,
                                      ErrataInterval               *out,
                                      GError                      **error);
/* Both, with the rates. */
gboolean errata_paired_compare       (const ErrataPairedTable      *table,
                                      const ErrataBootstrapOptions *options,
                                      ErrataPairedResult           *out,
                                      GError                      **error);
/* Holm's step-down adjusted p-values (family-wise error), in the order
 * given; NAN p-values are left out of the family and stay NAN. */
void     errata_holm_adjust          (const double                 *p_values,
                                      gsize                         n,
                                      double                       *adjusted);

G_END_DECLS
