/* errata-flakiness.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-flakiness.h"
#include "errata-stats-error.h"

#include <math.h>

enum
{
  CATEGORY_PASS,
  CATEGORY_FAIL,
};

/* The runs as a traces × runs rating table for errata-agreement. */
static gint *
ratings_from_runs (const ErrataJudgeVerdict * const *runs,
                   guint                             n_runs,
                   gsize                             n_traces,
                   guint                            *n_errors)
{
  gint *ratings = g_new (gint, n_traces * n_runs);

  *n_errors = 0;
  for (gsize t = 0; t < n_traces; t++)
    for (guint k = 0; k < n_runs; k++)
      {
        ErrataJudgeVerdict verdict = runs[k][t];
        gint *rating = &ratings[t * n_runs + k];

        if (verdict == ERRATA_JUDGE_PASS)
          *rating = CATEGORY_PASS;
        else if (verdict == ERRATA_JUDGE_FAIL)
          *rating = CATEGORY_FAIL;
        else
          {
            *rating = ERRATA_RATING_MISSING;
            (*n_errors)++;
          }
      }
  return ratings;
}

static void
count_changes (const gint      *ratings,
               ErrataFlakiness *self)
{
  for (gsize t = 0; t < self->n_traces; t++)
    {
      const gint *row = &ratings[t * self->n_runs];
      guint seen[2] = { 0, 0 };

      for (guint k = 0; k < self->n_runs; k++)
        if (row[k] != ERRATA_RATING_MISSING)
          seen[row[k]]++;
      if (seen[0] + seen[1] < 2)
        continue;
      self->n_compared++;
      self->n_changed += seen[0] > 0 && seen[1] > 0;
    }
  self->changed_share = self->n_compared > 0
    ? (double) self->n_changed / self->n_compared
    : NAN;
}

/**
 * errata_estimate_flakiness:
 * @runs: (array length=n_runs): the runs, each an array of @n_traces verdicts
 * @n_runs: K, at least 2
 * @n_traces: traces in each run
 * @options: (nullable): bootstrap settings for κ's interval; %NULL for
 *   errata_bootstrap_options_default(); 0 draws computes no interval
 * @out: (out caller-allocates): the figures
 * @error: return location for an %ERRATA_STATS_ERROR
 *
 * Measures how stable a judge is across repeated runs; see
 * #ErrataFlakiness. Refused when no trace got a verdict in two runs.
 *
 * Returns: %TRUE and @out filled in, or %FALSE with @error set.
 */
gboolean
errata_estimate_flakiness (const ErrataJudgeVerdict * const  *runs,
                           guint                              n_runs,
                           gsize                              n_traces,
                           const ErrataBootstrapOptions      *options,
                           ErrataFlakiness                   *out,
                           GError                           **error)
{
  ErrataFlakiness result = { 0 };
  ErrataAgreement agreement;
  g_autofree gint *ratings = NULL;

  g_return_val_if_fail (runs != NULL, FALSE);
  g_return_val_if_fail (n_runs >= 2, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  result.n_traces = n_traces;
  result.n_runs = n_runs;
  ratings = ratings_from_runs (runs, n_runs, n_traces, &result.n_errors);
  count_changes (ratings, &result);

  if (result.n_compared == 0)
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA,
                   _("No trace got a pass or fail verdict in two of the %u runs "
                     "(%u verdicts were errors), so there is nothing to compare"),
                   n_runs, result.n_errors);
      return FALSE;
    }

  if (!errata_estimate_agreement (ratings, n_traces, n_runs, 2, options, &agreement, error))
    return FALSE;
  result.fleiss_kappa = agreement.fleiss_kappa;

  *out = result;
  return TRUE;
}
