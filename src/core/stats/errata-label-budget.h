/* errata-label-budget.h: how many labelled traces would narrow an
 * estimate's interval to a chosen half-width.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-alignment.h"

G_BEGIN_DECLS

/* Both budgets hold today's rates fixed (the judge's TPR and TNR, the
 * labelled pass share, the judge's rate on the unlabelled traces, PPI's λ)
 * and ask how large n, the number of labelled traces, must be for
 * z · se(n) ≤ the target half-width, se(n) written as
 *
 *   se(n)² = A / n + B / N
 *
 * with B / N the part the unlabelled traces leave (no label removes it).
 * Then n ≥ A / ((w / z)² − B / N), and no n is enough when (w / z)² ≤ B / N.
 *
 * Rogan–Gladen (delta method on θ = (p + TNR − 1) / J, J = TPR + TNR − 1,
 * ∂θ/∂p = 1/J, ∂θ/∂TPR = −θ/J, ∂θ/∂TNR = (1 − θ)/J; new labels keep the
 * labelled pass share π, so TPR counts π n traces and TNR (1 − π) n):
 *
 *   A = [θ² TPR (1 − TPR) / π + (1 − θ)² TNR (1 − TNR) / (1 − π)] / J²
 *   B = p (1 − p) / J²
 *
 * where TPR and TNR in A are smoothed, (tp + 1) / (tp + fn + 2) and
 * (tn + 1) / (tn + fp + 2), so that a judge perfect on a few traces is not
 * taken as known exactly; θ is the unclipped-then-clipped point estimate.
 * This approximates the bootstrap interval errata-corrected-rate.c
 * reports; half_width_now gives the approximation at today's n to compare.
 *
 * PPI++ (errata-ppi.h; its standard error exactly, λ held fixed):
 *
 *   A = Var (Y − λ f) over the labelled traces (divisor n)
 *   B = λ² p (1 − p) */
typedef struct
{
  double   target_half_width;
  double   level;
  guint    n_labelled;        /* labelled traces now */
  double   half_width_now;    /* z · se(n_labelled) */
  double   half_width_floor;  /* z · √(B / N): what infinitely many labels would leave */
  gboolean reachable;         /* half_width_floor < target_half_width */
  guint    n_needed;          /* labelled traces in all, when reachable */
  guint    n_more;            /* n_needed − n_labelled, or 0 */
} ErrataLabelBudget;

gboolean errata_label_budget_rogan_gladen (const ErrataConfusion  *test,
                                           guint                   unlabelled_pass,
                                           guint                   unlabelled_fail,
                                           double                  level,
                                           double                  target_half_width,
                                           ErrataLabelBudget      *out,
                                           GError                **error);
gboolean errata_label_budget_ppi          (const ErrataConfusion  *labelled,
                                           guint                   unlabelled_pass,
                                           guint                   unlabelled_fail,
                                           double                  level,
                                           double                  target_half_width,
                                           ErrataLabelBudget      *out,
                                           GError                **error);

G_END_DECLS
