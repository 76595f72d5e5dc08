/* errata-ppi.h: the pass rate by prediction-powered inference (PPI++).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-alignment.h"

G_BEGIN_DECLS

/* PPI++ for a mean (Angelopoulos, Duchi and Zrnic, "PPI++: Efficient
 * Prediction-Powered Inference", 2023), with Y the human label (1 = pass)
 * and f the judge's verdict (1 = pass) on n labelled traces, and f̃ the
 * judge's verdict on N unlabelled traces:
 *
 *   θ_λ = λ · mean (f̃) + mean (Y − λ f)
 *   λ   = Cov (Y, f) / ((1 + n/N) · Var (f over all n + N verdicts)), clipped to [0, 1]
 *   se² = Var (λ f̃) / N + Var (Y − λ f) / n
 *   interval θ_λ ± z · se, z the normal quantile of the level (a Wald interval)
 *
 * as ppi_py's ppi_mean_ci computes them (Cov and the variances of se² with
 * divisor n or N, the Var in λ with divisor n + N − 1). λ = 0 is the
 * classical estimate (mean of Y, the judge ignored); λ = 1 is plain PPI.
 * When the judge gave every trace the same verdict, Var (f) is 0 and λ is
 * taken as 0: the judge then carries no information.
 *
 * ASSUMPTION: the labelled traces are drawn like the unlabelled ones (the
 * same population, at random). The estimate and its interval are only
 * valid then. The corrected rate (errata-corrected-rate.h) does not assume
 * this; it assumes the judge's TPR and TNR are the same on both sets.
 *
 * Judge errors and traces with no human label are left out of n and N. */
typedef struct
{
  guint          n_labelled;          /* n: labelled traces with a judge pass or fail */
  guint          n_unlabelled;        /* N: unlabelled traces with a judge pass or fail */
  double         labelled_pass_rate;  /* mean (Y): the classical estimate */
  double         observed_pass_rate;  /* mean (f̃): the judge's raw rate on unlabelled traces */
  double         lambda;              /* the tuned λ, in [0, 1] */
  double         pass_rate;           /* θ_λ, clipped to [0, 1] */
  double         standard_error;      /* se */
  double         level;
  ErrataInterval pass_interval;       /* θ_λ ± z · se, clipped to [0, 1] */
  double         failure_rate;        /* 1 − pass_rate */
  ErrataInterval failure_interval;    /* [1 − upper, 1 − lower] */
} ErrataPpiMean;

gboolean errata_estimate_ppi_mean (const ErrataConfusion *labelled,
                                   guint                  unlabelled_pass,
                                   guint                  unlabelled_fail,
                                   double                 level,
                                   ErrataPpiMean         *out,
                                   GError               **error);

G_END_DECLS
