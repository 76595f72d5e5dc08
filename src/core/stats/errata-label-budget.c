/* errata-label-budget.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-label-budget.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "errata-ppi.h"
#include "errata-quantile.h"
#include "errata-stats-error.h"

static gboolean
check_target (double   level,
              double   target_half_width,
              guint    n_unlabelled,
              GError **error)
{
  if (!(level > 0.0 && level < 1.0))
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID,
                   _("The confidence level must be between 0 and 1 (for example 0.95), not %g"),
                   level);
      return FALSE;
    }
  if (!(target_half_width > 0.0 && target_half_width < 1.0))
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID,
                   _("The half-width to reach must be between 0 and 1 (for example 0.03 for "
                     "±3 points), not %g"), target_half_width);
      return FALSE;
    }
  if (n_unlabelled == 0)
    {
      g_set_error_literal (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA,
                           _("There is no judge verdict on unlabeled traces; run the judge on "
                             "them first"));
      return FALSE;
    }
  return TRUE;
}

/* se(n)² = a / n + b_over_n: see the header. */
static void
solve (double             a,
       double             b_over_n,
       guint              n_labelled,
       double             level,
       double             target_half_width,
       ErrataLabelBudget *out)
{
  double z = errata_normal_two_sided_z (level);
  double room = (target_half_width / z) * (target_half_width / z) - b_over_n;

  out->target_half_width = target_half_width;
  out->level = level;
  out->n_labelled = n_labelled;
  out->half_width_now = z * sqrt (a / n_labelled + b_over_n);
  out->half_width_floor = z * sqrt (b_over_n);
  out->reachable = room > 0;
  out->n_needed = 0;
  out->n_more = 0;
  if (!out->reachable)
    return;
  out->n_needed = (guint)MIN (ceil (a / room), (double)G_MAXUINT);
  out->n_more = out->n_needed > n_labelled ? out->n_needed - n_labelled : 0;
}

/**
 * errata_label_budget_rogan_gladen:
 * @test: the judge's confusion matrix on the labelled test traces
 * @unlabelled_pass: unlabelled traces the judge passed
 * @unlabelled_fail: unlabelled traces the judge failed
 * @level: confidence level, e.g. 0.95
 * @target_half_width: the half-width to reach, e.g. 0.03
 * @out: (out caller-allocates): the budget
 * @error: return location for an %ERRATA_STATS_ERROR
 *
 * See #ErrataLabelBudget. Refused as the corrected rate is: no human pass
 * or no human fail on test, a judge no better than chance, no unlabelled
 * verdict.
 */
gboolean
errata_label_budget_rogan_gladen (const ErrataConfusion  *test,
                                  guint                   unlabelled_pass,
                                  guint                   unlabelled_fail,
                                  double                  level,
                                  double                  target_half_width,
                                  ErrataLabelBudget      *out,
                                  GError                **error)
{
  guint n_pos, n_neg, n_unlabelled = unlabelled_pass + unlabelled_fail;
  double tpr, tnr, j, p, theta, pi, tpr_s, tnr_s, a;

  g_return_val_if_fail (test != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!check_target (level, target_half_width, n_unlabelled, error))
    return FALSE;
  n_pos = test->tp + test->fn;
  n_neg = test->tn + test->fp;
  if (n_pos == 0 || n_neg == 0)
    {
      g_set_error_literal (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA,
                           _("The test labels need at least one pass and one fail"));
      return FALSE;
    }
  tpr = (double)test->tp / n_pos;
  tnr = (double)test->tn / n_neg;
  j = tpr + tnr - 1;
  if (j <= 0)
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_JUDGE_NO_BETTER_THAN_CHANCE,
                   _("The judge is no better than chance on the test traces (TPR + TNR − 1 = "
                     "%.3f): more labels cannot correct its rate"), j);
      return FALSE;
    }
  p = (double)unlabelled_pass / n_unlabelled;
  theta = CLAMP ((p + tnr - 1) / j, 0.0, 1.0);
  pi = (double)n_pos / (n_pos + n_neg);
  tpr_s = (test->tp + 1.0) / (n_pos + 2.0);
  tnr_s = (test->tn + 1.0) / (n_neg + 2.0);
  a = (theta * theta * tpr_s * (1 - tpr_s) / pi +
       (1 - theta) * (1 - theta) * tnr_s * (1 - tnr_s) / (1 - pi)) / (j * j);
  solve (a, p * (1 - p) / (j * j) / n_unlabelled, n_pos + n_neg, level, target_half_width, out);
  return TRUE;
}

/**
 * errata_label_budget_ppi:
 * @labelled: the judge's confusion matrix on the labelled traces
 * @unlabelled_pass: unlabelled traces the judge passed
 * @unlabelled_fail: unlabelled traces the judge failed
 * @level: confidence level, e.g. 0.95
 * @target_half_width: the half-width to reach, e.g. 0.03
 * @out: (out caller-allocates): the budget
 * @error: return location for an %ERRATA_STATS_ERROR
 *
 * See #ErrataLabelBudget. Refused as errata_estimate_ppi_mean() is.
 */
gboolean
errata_label_budget_ppi (const ErrataConfusion  *labelled,
                         guint                   unlabelled_pass,
                         guint                   unlabelled_fail,
                         double                  level,
                         double                  target_half_width,
                         ErrataLabelBudget      *out,
                         GError                **error)
{
  guint n_unlabelled = unlabelled_pass + unlabelled_fail;
  ErrataPpiMean ppi;
  double n, mean_y, mean_f, mean_yf, lambda, rectifier_mean, rectifier_square, p;

  g_return_val_if_fail (labelled != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!check_target (level, target_half_width, n_unlabelled, error) ||
      !errata_estimate_ppi_mean (labelled, unlabelled_pass, unlabelled_fail, level, &ppi, error))
    return FALSE;
  n = ppi.n_labelled;
  mean_y = (labelled->tp + labelled->fn) / n;
  mean_f = (labelled->tp + labelled->fp) / n;
  mean_yf = labelled->tp / n;
  lambda = ppi.lambda;
  /* Y and f are 0 or 1, so Y² = Y and f² = f. */
  rectifier_mean = mean_y - lambda * mean_f;
  rectifier_square = mean_y - 2 * lambda * mean_yf + lambda * lambda * mean_f;
  p = (double)unlabelled_pass / n_unlabelled;
  solve (rectifier_square - rectifier_mean * rectifier_mean,
         lambda * lambda * p * (1 - p) / n_unlabelled, ppi.n_labelled, level,
         target_half_width, out);
  return TRUE;
}
