/* errata-corrected-rate.h: the true pass rate of unlabelled traces, corrected
 * for the judge's errors (Rogan–Gladen), with a bootstrap interval.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-alignment.h"
#include "errata-bootstrap.h"

G_BEGIN_DECLS

/* The point estimate is exactly that of judgy 0.1.0 (the ai-evals-course
 * package, `estimate_success_rate`):
 *
 *   TPR, TNR from the labelled test pairs (errors and unset labels left out);
 *   p_obs = share of the unlabelled traces the judge passed (errors left out);
 *   θ = clip ((p_obs + TNR − 1) / (TPR + TNR − 1), 0, 1)   (Rogan and Gladen, 1978)
 *
 * and the interval is a percentile bootstrap: n_draws times, draw as many
 * test pairs as there are, with replacement, recompute TPR* and TNR*, and
 * (ERRATA_UNLABELLED_RESAMPLED, the default) draw as many unlabelled
 * verdicts as there are, with replacement, for p_obs*; then θ* (clipped).
 * A draw is skipped when it holds no human pass or no human fail, or when
 * TPR* + TNR* − 1 ≤ 0. The interval so covers both what the test pairs
 * leave unknown about the judge and the sampling error of the unlabelled
 * traces: with a perfect judge on test and 20 unlabelled verdicts it is
 * about as wide as the binomial interval of those 20, and with millions
 * it is the test pairs' alone. The passes of a resample of the unlabelled
 * verdicts are drawn from their binomial law (errata-binomial.h), so a
 * draw costs the same for 20 or a million of them.
 *
 * ERRATA_UNLABELLED_FIXED holds p_obs fixed in every draw, as judgy 0.1.0
 * does: the interval is then only as wide as the uncertainty about the
 * judge (a point for a perfect judge, however few the unlabelled traces).
 * It is kept to compare with judgy, not to report.
 *
 * Unlike PPI (errata-ppi.h), this does not need the labelled traces to be
 * drawn like the unlabelled ones: it needs the judge's TPR and TNR to be
 * the same on both.
 *
 * Counts are numbers of traces; rates are shares in [0, 1]. */
typedef enum
{
  ERRATA_UNLABELLED_RESAMPLED,  /* p_obs* resampled in each draw: the default */
  ERRATA_UNLABELLED_FIXED,      /* p_obs held fixed, as judgy 0.1.0 does */
} ErrataUnlabelledSampling;

typedef struct
{
  guint          n_test;              /* test pairs in the matrix (tp + fn + fp + tn) */
  guint          n_test_left_out;     /* test pairs with a judge error or no human label */
  guint          n_unlabelled;        /* unlabelled traces the judge passed or failed */
  double         tpr;                 /* on the test pairs */
  double         tnr;
  double         observed_pass_rate;  /* p_obs, the raw rate: unlabelled_pass / n_unlabelled */
  double         pass_rate;           /* θ, corrected, clipped to [0, 1] */
  gboolean       clipped;             /* θ fell outside [0, 1] before clipping: p_obs is
                                       * outside what this TPR and TNR can produce */
  double         failure_rate;        /* 1 − θ */
  ErrataInterval pass_interval;       /* percentile bootstrap interval for θ: the judge's
                                       * errors on test and, unless FIXED, the sampling of
                                       * the unlabelled traces */
  ErrataInterval failure_interval;    /* the same for 1 − θ: [1 − upper, 1 − lower] */
  double         level;
  guint64        seed;
  guint          n_draws;             /* asked for */
  guint          n_draws_used;        /* draws in the interval */
  guint          n_draws_skipped;     /* a class absent, or TPR* + TNR* − 1 ≤ 0 */
  ErrataUnlabelledSampling unlabelled_sampling; /* what the interval covers (see above) */
} ErrataCorrectedRate;

gboolean errata_estimate_corrected_rate (const ErrataConfusion        *test,
                                         guint                         unlabelled_pass,
                                         guint                         unlabelled_fail,
                                         const ErrataBootstrapOptions *options,
                                         ErrataCorrectedRate          *out,
                                         GError                      **error);
gboolean errata_estimate_corrected_rate_full (const ErrataConfusion        *test,
                                              guint                         unlabelled_pass,
                                              guint                         unlabelled_fail,
                                              ErrataUnlabelledSampling      sampling,
                                              const ErrataBootstrapOptions *options,
                                              ErrataCorrectedRate          *out,
                                              GError                      **error);

G_END_DECLS
