/* errata-ppi.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-ppi.h"
#include "errata-quantile.h"
#include "errata-stats-error.h"

#include <math.h>

/* Y and f are 0 or 1, so every sum over the labelled traces is a sum over
 * the four cells of the matrix, each cell holding (Y, f) = (1,1) for tp,
 * (1,0) fn, (0,1) fp, (0,0) tn. */
typedef struct
{
  double count[4];
  double y[4];
  double f[4];
} Cells;

static Cells
cells_from_confusion (const ErrataConfusion *c)
{
  Cells cells = {
    .count = { c->tp, c->fn, c->fp, c->tn },
    .y = { 1, 1, 0, 0 },
    .f = { 1, 0, 1, 0 },
  };

  return cells;
}

/* Mean and variance (divisor n) of a_k · Y + b_k · f over the labelled traces. */
static void
labelled_moments (const Cells *cells,
                  double       a,
                  double       b,
                  double      *mean,
                  double      *variance)
{
  double n = 0, sum = 0, squares = 0;

  for (guint k = 0; k < 4; k++)
    {
      n += cells->count[k];
      sum += cells->count[k] * (a * cells->y[k] + b * cells->f[k]);
    }
  *mean = sum / n;
  for (guint k = 0; k < 4; k++)
    {
      double d = a * cells->y[k] + b * cells->f[k] - *mean;

      squares += cells->count[k] * d * d;
    }
  *variance = squares / n;
}

/* Cov (Y, f) with divisor n, as ppi_py's _calc_lam_glm computes it. */
static double
labelled_covariance (const Cells *cells)
{
  double mean_y, mean_f, variance, n = 0, sum = 0;

  labelled_moments (cells, 1, 0, &mean_y, &variance);
  labelled_moments (cells, 0, 1, &mean_f, &variance);
  for (guint k = 0; k < 4; k++)
    {
      n += cells->count[k];
      sum += cells->count[k] * (cells->y[k] - mean_y) * (cells->f[k] - mean_f);
    }
  return sum / n;
}

static double
tune_lambda (const Cells *cells,
             double       n,
             double       unlabelled_pass,
             double       n_unlabelled)
{
  double covariance = labelled_covariance (cells);
  double all = n + n_unlabelled, all_pass, variance_all, lambda;

  /* The sample variance (divisor n + N − 1) of 0/1 verdicts with s passes. */
  all_pass = cells->count[0] + cells->count[2] + unlabelled_pass;
  variance_all = all_pass * (all - all_pass) / (all * (all - 1.0));
  if (variance_all == 0.0)
    return 0.0;

  lambda = covariance / ((1.0 + n / n_unlabelled) * variance_all);
  return CLAMP (lambda, 0.0, 1.0);
}

static gboolean
check_inputs (guint    n,
              guint    n_unlabelled,
              double   level,
              GError **error)
{
  if (!(level > 0.0 && level < 1.0))
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID,
                   _("The confidence level must be between 0 and 1 (for example 0.95), not %g"),
                   level);
      return FALSE;
    }
  if (n < 2)
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA,
                   _("Prediction-powered inference needs at least 2 labelled traces with a "
                     "judge verdict (there are %u); label more traces"),
                   n);
      return FALSE;
    }
  if (n_unlabelled == 0)
    {
      g_set_error_literal (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA,
                           _("There is no judge verdict on unlabelled traces; "
                             "run the judge on them first"));
      return FALSE;
    }
  return TRUE;
}

/**
 * errata_estimate_ppi_mean:
 * @labelled: the judge's confusion matrix on the labelled traces
 * @unlabelled_pass: unlabelled traces the judge passed
 * @unlabelled_fail: unlabelled traces the judge failed (errors not counted)
 * @level: confidence level in (0, 1), e.g. %ERRATA_STATS_DEFAULT_LEVEL
 * @out: (out caller-allocates): the estimate
 * @error: return location for an %ERRATA_STATS_ERROR
 *
 * The PPI++ estimate of the pass rate; see #ErrataPpiMean for the method,
 * its assumption and what each number counts. Refused with fewer than 2
 * labelled traces or no unlabelled verdict.
 *
 * Returns: %TRUE and @out filled in, or %FALSE with @error set.
 */
gboolean
errata_estimate_ppi_mean (const ErrataConfusion  *labelled,
                          guint                   unlabelled_pass,
                          guint                   unlabelled_fail,
                          double                  level,
                          ErrataPpiMean          *out,
                          GError                **error)
{
  ErrataPpiMean result = { 0 };
  Cells cells;
  double n, big_n, mean_f, rectifier_mean, rectifier_var, imputed_var, theta, z;

  g_return_val_if_fail (labelled != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  result.n_labelled = errata_confusion_n_scored (labelled);
  result.n_unlabelled = unlabelled_pass + unlabelled_fail;
  if (!check_inputs (result.n_labelled, result.n_unlabelled, level, error))
    return FALSE;

  cells = cells_from_confusion (labelled);
  n = result.n_labelled;
  big_n = result.n_unlabelled;
  result.level = level;
  result.labelled_pass_rate = (labelled->tp + labelled->fn) / n;
  result.observed_pass_rate = mean_f = unlabelled_pass / big_n;
  result.lambda = tune_lambda (&cells, n, unlabelled_pass, big_n);

  labelled_moments (&cells, 1, -result.lambda, &rectifier_mean, &rectifier_var);
  imputed_var = result.lambda * result.lambda * mean_f * (1.0 - mean_f);
  theta = result.lambda * mean_f + rectifier_mean;
  result.standard_error = sqrt (imputed_var / big_n + rectifier_var / n);

  z = errata_normal_two_sided_z (level);
  result.pass_rate = CLAMP (theta, 0.0, 1.0);
  result.pass_interval.lower = CLAMP (theta - z * result.standard_error, 0.0, 1.0);
  result.pass_interval.upper = CLAMP (theta + z * result.standard_error, 0.0, 1.0);
  result.failure_rate = 1.0 - result.pass_rate;
  result.failure_interval.lower = 1.0 - result.pass_interval.upper;
  result.failure_interval.upper = 1.0 - result.pass_interval.lower;

  *out = result;
  return TRUE;
}
