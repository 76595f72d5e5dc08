/* errata-alt-test.c
 *
 * Follows the authors' reference implementation (github.com/nitaytech/
 * AltTest, alt_test()) step for step, for two categories: the same kept
 * items, the same indicators, scipy's one-sided t-test, their
 * Benjamini–Yekutieli procedure and the 0.5 winning rate.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-alt-test.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "errata-agreement.h"
#include "errata-hypothesis.h"
#include "errata-stats-error.h"

ErrataAltTestOptions
errata_alt_test_options_default (void)
{
  return (ErrataAltTestOptions) {
    .epsilon = ERRATA_ALT_TEST_DEFAULT_EPSILON,
    .q = ERRATA_ALT_TEST_DEFAULT_Q,
    .min_items = ERRATA_ALT_TEST_DEFAULT_MIN_ITEMS,
  };
}

static gboolean
check_options (const ErrataAltTestOptions  *options,
               GError                     **error)
{
  if (!(options->epsilon >= 0 && options->epsilon < 1))
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID,
                   _("The margin ε must be between 0 and 1, such as 0.1 (got %g)"),
                   options->epsilon);
      return FALSE;
    }
  if (!(options->q > 0 && options->q < 1))
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID,
                   _("The false discovery rate q must be between 0 and 1, such as 0.05 "
                     "(got %g)"), options->q);
      return FALSE;
    }
  return TRUE;
}

static guint
count_rated (const gint *row,
             guint       n_reviewers)
{
  guint n = 0;

  for (guint j = 0; j < n_reviewers; j++)
    n += row[j] != ERRATA_RATING_MISSING;
  return n;
}

/* The share of the reviewers other than @left_out on @row who rated
 * @value. */
static double
match_others (const gint *row,
              guint       n_reviewers,
              guint       left_out,
              gint        value)
{
  guint others = 0, same = 0;

  for (guint k = 0; k < n_reviewers; k++)
    if (k != left_out && row[k] != ERRATA_RATING_MISSING)
      {
        others++;
        same += row[k] == value;
      }
  return (double)same / others;
}

static gboolean
item_kept (const gint *row,
           guint       n_reviewers,
           gint        judge)
{
  return judge != ERRATA_RATING_MISSING && count_rated (row, n_reviewers) >= 2;
}

/* Reviewer j's indicators and means; the t-test when there are enough. */
static void
compare_reviewer (const gint             *ratings,
                  gsize                   n_items,
                  guint                   n_reviewers,
                  const gint             *judge,
                  guint                   j,
                  const ErrataAltTestOptions *options,
                  ErrataAltTestReviewer  *out)
{
  g_autoptr(GArray) d = g_array_new (FALSE, FALSE, sizeof (double));
  double judge_sum = 0, reviewer_sum = 0, wins = 0, d_sum = 0;

  memset (out, 0, sizeof *out);
  for (gsize i = 0; i < n_items; i++)
    {
      const gint *row = ratings + i * n_reviewers;
      double judge_score, reviewer_score, w_judge, w_reviewer, diff;

      if (!item_kept (row, n_reviewers, judge[i]) || row[j] == ERRATA_RATING_MISSING)
        continue;
      judge_score = match_others (row, n_reviewers, j, judge[i]);
      reviewer_score = match_others (row, n_reviewers, j, row[j]);
      w_judge = judge_score >= reviewer_score;
      w_reviewer = reviewer_score >= judge_score;
      diff = w_reviewer - w_judge;
      judge_sum += judge_score;
      reviewer_sum += reviewer_score;
      wins += w_judge;
      d_sum += diff;
      g_array_append_val (d, diff);
    }
  out->n_items = d->len;
  out->t = out->p_value = NAN;
  out->judge_agreement = out->reviewer_agreement = out->advantage = out->mean_difference = NAN;
  if (d->len == 0)
    return;
  out->judge_agreement = judge_sum / d->len;
  out->reviewer_agreement = reviewer_sum / d->len;
  out->advantage = wins / d->len;
  out->mean_difference = d_sum / d->len;
  out->tested = d->len >= MAX (options->min_items, 2);
  if (out->tested)
    out->p_value = errata_t_test_less ((double *)d->data, d->len, options->epsilon, &out->t);
}

static void
decide (ErrataAltTest *out)
{
  g_autofree double *p = g_new (double, MAX (out->n_reviewers, 1));
  g_autofree gboolean *rejected = g_new (gboolean, MAX (out->n_reviewers, 1));
  double advantage = 0;

  for (guint j = 0; j < out->n_reviewers; j++)
    {
      p[j] = out->reviewers[j].tested ? out->reviewers[j].p_value : NAN;
      if (out->reviewers[j].tested)
        {
          out->n_tested++;
          advantage += out->reviewers[j].advantage;
        }
    }
  out->n_won = errata_benjamini_yekutieli (p, out->n_reviewers, out->options.q, rejected);
  for (guint j = 0; j < out->n_reviewers; j++)
    out->reviewers[j].won = rejected[j];
  out->winning_rate = out->n_tested > 0 ? (double)out->n_won / out->n_tested : NAN;
  out->advantage_probability = out->n_tested > 0 ? advantage / out->n_tested : NAN;
  out->passed = out->n_tested > 0 && out->winning_rate >= 0.5;
}

/**
 * errata_alt_test:
 * @ratings: (array): n_items × n_reviewers ratings, 0 pass, 1 fail or
 *   %ERRATA_RATING_MISSING
 * @n_items: items
 * @n_reviewers: reviewers, at least 2
 * @judge: (array): the judge's rating of each item, or
 *   %ERRATA_RATING_MISSING where it gave none
 * @options: (nullable): ε, q and the fewest items a reviewer is tested
 *   on; %NULL for errata_alt_test_options_default()
 * @out: (out caller-allocates): the verdict and every reviewer's numbers;
 *   clear it with errata_alt_test_clear()
 * @error: return location for an %ERRATA_STATS_ERROR
 *
 * Runs the alternative annotator test (see #ErrataAltTest). No reviewer
 * with enough items is not an error: @out then says none was tested.
 *
 * Returns: %FALSE with @error set when @options are out of range.
 */
gboolean
errata_alt_test (const gint                  *ratings,
                 gsize                        n_items,
                 guint                        n_reviewers,
                 const gint                  *judge,
                 const ErrataAltTestOptions  *options,
                 ErrataAltTest               *out,
                 GError                     **error)
{
  ErrataAltTestOptions defaults = errata_alt_test_options_default ();

  g_return_val_if_fail (n_items == 0 || (ratings != NULL && judge != NULL), FALSE);
  g_return_val_if_fail (n_reviewers >= 2, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (options == NULL)
    options = &defaults;
  if (!check_options (options, error))
    return FALSE;
  out->options = *options;
  out->n_reviewers = n_reviewers;
  out->reviewers = g_new0 (ErrataAltTestReviewer, n_reviewers);
  for (gsize i = 0; i < n_items; i++)
    out->n_items += item_kept (ratings + i * n_reviewers, n_reviewers, judge[i]);
  for (guint j = 0; j < n_reviewers; j++)
    compare_reviewer (ratings, n_items, n_reviewers, judge, j, options, &out->reviewers[j]);
  decide (out);
  return TRUE;
}

void
errata_alt_test_clear (ErrataAltTest *test)
{
  g_return_if_fail (test != NULL);

  g_clear_pointer (&test->reviewers, g_free);
  test->n_reviewers = 0;
}
