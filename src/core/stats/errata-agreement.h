/* errata-agreement.h: agreement between reviewers who rated the same items.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-bootstrap.h"

G_BEGIN_DECLS

/* A rater who did not rate an item. */
#define ERRATA_RATING_MISSING (-1)

/* One agreement coefficient. @value is NAN and @defined FALSE when the
 * coefficient cannot be computed on these ratings (see each below); the
 * interval is NAN when no bootstrap draw could compute it either. */
typedef struct
{
  gboolean       defined;
  double         value;
  ErrataInterval interval;        /* percentile bootstrap interval over items */
  guint          n_items;         /* items the coefficient counts */
  guint          n_draws_used;    /* bootstrap draws where it was defined */
  guint          n_draws_skipped; /* draws where it was not */
} ErrataAgreementCoefficient;

/* Agreement on nominal categories (pass/fail is the two-category case)
 * between n_raters reviewers over n_items items, some ratings missing.
 *
 * An item counts when at least two raters rated it: one rating alone
 * cannot agree or disagree with anything. Every coefficient below counts
 * exactly those items (n_items_used), and the bootstrap resamples them.
 * Writing r_i for the ratings of item i, r_ik for those in category k,
 * and q for the number of categories:
 *
 *   percent_agreement  p_a = mean over items of Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1)):
 *                      the share of pairs of raters on an item who agree
 *                      (with two raters: the share of items they agree on)
 *   cohen_kappa        Cohen's κ (1960), two raters only (undefined with more):
 *                      (p_a − p_e) / (1 − p_e), p_e = Σ_k P(rater 1 says k) P(rater 2 says k);
 *                      undefined when p_e = 1 (both gave one and the same category throughout)
 *   fleiss_kappa       Fleiss' κ (1971) for any number of raters, missing ratings
 *                      allowed as in Gwet (2014): p_e = Σ_k π_k², π_k = mean over items
 *                      of r_ik / r_i; undefined when p_e = 1 (one category throughout)
 *   gwet_ac1           Gwet's AC1 (2008): p_e = Σ_k π_k (1 − π_k) / (q − 1), which stays
 *                      sensible when nearly every rating is in one category (where κ
 *                      collapses); always defined
 *   krippendorff_alpha Krippendorff's α for nominal data: 1 − D_o / D_e from the
 *                      coincidence matrix of the pairable values; undefined when
 *                      every pairable value is in one category */
typedef struct
{
  gsize                      n_items;       /* items given */
  guint                      n_items_used;  /* items rated by at least two raters */
  guint                      n_raters;
  guint                      n_categories;
  guint                      n_ratings;     /* ratings on the used items */
  double                     level;
  guint64                    seed;
  guint                      n_draws;
  ErrataAgreementCoefficient percent_agreement;
  ErrataAgreementCoefficient cohen_kappa;
  ErrataAgreementCoefficient fleiss_kappa;
  ErrataAgreementCoefficient gwet_ac1;
  ErrataAgreementCoefficient krippendorff_alpha;
} ErrataAgreement;

gboolean errata_estimate_agreement (const gint                   *ratings,
                                    gsize                         n_items,
                                    guint                         n_raters,
                                    guint                         n_categories,
                                    const ErrataBootstrapOptions *options,
                                    ErrataAgreement              *out,
                                    GError                      **error);

G_END_DECLS
