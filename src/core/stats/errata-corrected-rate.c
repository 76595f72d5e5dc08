/* errata-corrected-rate.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-corrected-rate.h"
#include "errata-binomial.h"
#include "errata-random.h"
#include "errata-stats-error.h"

#include <math.h>

/* θ for one TPR/TNR, before clipping. The operations are in judgy's order
 * ((p + tnr) − 1, (tpr + tnr) − 1) so that the point estimate is the same
 * double. */
static double
rogan_gladen (double observed,
              double tpr,
              double tnr)
{
  return (observed + tnr - 1.0) / (tpr + tnr - 1.0);
}

static gboolean
check_inputs (const ErrataConfusion  *test,
              guint                   unlabelled_pass,
              guint                   unlabelled_fail,
              GError                **error)
{
  if (test->tp + test->fn == 0 || test->fp + test->tn == 0)
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA,
                   _("The test set needs traces a human passed and traces a human failed "
                     "to measure the judge (it has %u passed and %u failed, not counting "
                     "judge errors); label more test traces"),
                   test->tp + test->fn, test->fp + test->tn);
      return FALSE;
    }
  if (unlabelled_pass + unlabelled_fail == 0)
    {
      g_set_error_literal (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA,
                           _("There is no judge verdict on unlabelled traces to correct; "
                             "run the judge on them first"));
      return FALSE;
    }
  return TRUE;
}

/* Resampling n pairs with replacement only matters through how many land
 * in each cell, so a draw picks a uniform index and finds its cell among
 * the cumulative counts (tp, then fn, fp, tn): the same distribution as
 * drawing the pairs themselves, without an array of pairs. The unlabelled
 * verdicts are resampled after the test pairs, and only in a draw that is
 * kept, so that with @unlabelled %NULL (held fixed) the generator's
 * sequence, and thus every interval, is judgy's method's as before. */
static gboolean
draw_theta (ErrataRandom          *rng,
            const ErrataConfusion *test,
            const ErrataBinomial  *unlabelled,
            double                 observed,
            double                *theta)
{
  guint n = errata_confusion_n_scored (test);
  guint tp_end = test->tp, fn_end = tp_end + test->fn, fp_end = fn_end + test->fp;
  guint cells[4] = { 0 };
  double tpr, tnr;

  for (guint i = 0; i < n; i++)
    {
      guint32 u = errata_random_below (rng, n);

      cells[(u >= tp_end) + (u >= fn_end) + (u >= fp_end)]++;
    }

  if (cells[0] + cells[1] == 0 || cells[2] + cells[3] == 0)
    return FALSE;
  tpr = (double) cells[0] / (cells[0] + cells[1]);
  tnr = (double) cells[3] / (cells[2] + cells[3]);
  if (tpr + tnr - 1.0 <= 0.0)
    return FALSE;

  if (unlabelled != NULL)
    observed = (double) errata_binomial_draw (unlabelled, rng) / unlabelled->n;
  *theta = CLAMP (rogan_gladen (observed, tpr, tnr), 0.0, 1.0);
  return TRUE;
}

static gboolean
bootstrap (const ErrataConfusion        *test,
           guint                         unlabelled_pass,
           const ErrataBootstrapOptions *options,
           ErrataCorrectedRate          *out,
           GError                      **error)
{
  g_autofree double *draws = g_new (double, options->n_draws);
  ErrataBinomial unlabelled;
  gboolean resample = out->unlabelled_sampling == ERRATA_UNLABELLED_RESAMPLED;
  ErrataRandom rng;

  if (resample)
    errata_binomial_init (&unlabelled, out->n_unlabelled, unlabelled_pass, ERRATA_BINOMIAL_AUTO);
  errata_random_init (&rng, options->seed);
  for (guint b = 0; b < options->n_draws; b++)
    {
      if (draw_theta (&rng, test, resample ? &unlabelled : NULL, out->observed_pass_rate,
                      &draws[out->n_draws_used]))
        out->n_draws_used++;
      else
        out->n_draws_skipped++;
    }

  if (out->n_draws_used == 0)
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NO_VALID_DRAWS,
                   _("None of the %u bootstrap resamples of the %u test traces could measure "
                     "the judge (each lacked a passed or a failed trace, or the judge did no "
                     "better than chance on it); label more test traces"),
                   options->n_draws, out->n_test);
      return FALSE;
    }

  out->pass_interval = errata_bootstrap_percentile_interval (draws, out->n_draws_used,
                                                             options->level);
  out->failure_interval.lower = 1.0 - out->pass_interval.upper;
  out->failure_interval.upper = 1.0 - out->pass_interval.lower;
  return TRUE;
}

/**
 * errata_estimate_corrected_rate:
 * @test: the confusion matrix of the judge on the labelled test traces
 * @unlabelled_pass: unlabelled traces the judge passed
 * @unlabelled_fail: unlabelled traces the judge failed (errors are not counted)
 * @options: (nullable): bootstrap settings; %NULL for
 *   errata_bootstrap_options_default()
 * @out: (out caller-allocates): the estimate
 * @error: return location for an %ERRATA_STATS_ERROR
 *
 * errata_estimate_corrected_rate_full() with %ERRATA_UNLABELLED_RESAMPLED:
 * the interval covers the judge's errors measured on test and the
 * sampling of the unlabelled traces.
 *
 * Returns: %TRUE and @out filled in, or %FALSE with @error set.
 */
gboolean
errata_estimate_corrected_rate (const ErrataConfusion         *test,
                                guint                          unlabelled_pass,
                                guint                          unlabelled_fail,
                                const ErrataBootstrapOptions  *options,
                                ErrataCorrectedRate           *out,
                                GError                       **error)
{
  return errata_estimate_corrected_rate_full (test, unlabelled_pass, unlabelled_fail,
                                              ERRATA_UNLABELLED_RESAMPLED, options, out, error);
}

/**
 * errata_estimate_corrected_rate_full:
 * @test: the confusion matrix of the judge on the labelled test traces
 * @unlabelled_pass: unlabelled traces the judge passed
 * @unlabelled_fail: unlabelled traces the judge failed (errors are not counted)
 * @sampling: whether a bootstrap draw resamples the unlabelled verdicts
 *   (%ERRATA_UNLABELLED_RESAMPLED) or holds their pass rate fixed, as
 *   judgy 0.1.0 does (%ERRATA_UNLABELLED_FIXED)
 * @options: (nullable): bootstrap settings; %NULL for
 *   errata_bootstrap_options_default()
 * @out: (out caller-allocates): the estimate
 * @error: return location for an %ERRATA_STATS_ERROR
 *
 * Estimates the share of unlabelled traces that truly pass, correcting the
 * judge's raw pass rate for its measured TPR and TNR; see
 * #ErrataCorrectedRate for the method and what each number counts.
 *
 * Refused when the test set lacks a human pass or a human fail, when there
 * is no unlabelled verdict, when TPR + TNR − 1 ≤ 0 (the judge is no better
 * than chance, so its verdicts carry no information to correct), or when
 * every bootstrap draw had to be skipped.
 *
 * Returns: %TRUE and @out filled in, or %FALSE with @error set.
 */
gboolean
errata_estimate_corrected_rate_full (const ErrataConfusion         *test,
                                     guint                          unlabelled_pass,
                                     guint                          unlabelled_fail,
                                     ErrataUnlabelledSampling       sampling,
                                     const ErrataBootstrapOptions  *options,
                                     ErrataCorrectedRate           *out,
                                     GError                       **error)
{
  ErrataBootstrapOptions defaults = errata_bootstrap_options_default ();
  ErrataCorrectedRate result = { 0 };
  double theta;

  g_return_val_if_fail (test != NULL, FALSE);
  g_return_val_if_fail (sampling == ERRATA_UNLABELLED_RESAMPLED ||
                        sampling == ERRATA_UNLABELLED_FIXED, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (!errata_bootstrap_options_check (options, FALSE, error) ||
      !check_inputs (test, unlabelled_pass, unlabelled_fail, error))
    return FALSE;

  result.n_test = errata_confusion_n_scored (test);
  result.n_test_left_out = test->errors_human_pass + test->errors_human_fail + test->unlabelled;
  result.n_unlabelled = unlabelled_pass + unlabelled_fail;
  result.tpr = (double) test->tp / (test->tp + test->fn);
  result.tnr = (double) test->tn / (test->fp + test->tn);
  result.observed_pass_rate = (double) unlabelled_pass / result.n_unlabelled;
  result.level = options->level;
  result.seed = options->seed;
  result.n_draws = options->n_draws;
  result.unlabelled_sampling = sampling;

  if (result.tpr + result.tnr - 1.0 <= 0.0)
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_JUDGE_NO_BETTER_THAN_CHANCE,
                   _("The judge is no better than chance on the test set (TPR %.3f + TNR %.3f "
                     "≤ 1), so its verdicts cannot be corrected into a pass rate; improve the "
                     "judge first"),
                   result.tpr, result.tnr);
      return FALSE;
    }

  theta = rogan_gladen (result.observed_pass_rate, result.tpr, result.tnr);
  result.pass_rate = CLAMP (theta, 0.0, 1.0);
  result.clipped = result.pass_rate != theta;
  result.failure_rate = 1.0 - result.pass_rate;

  if (!bootstrap (test, unlabelled_pass, options, &result, error))
    return FALSE;

  *out = result;
  return TRUE;
}
