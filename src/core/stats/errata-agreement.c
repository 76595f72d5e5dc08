/* errata-agreement.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "errata-agreement.h"
#include "errata-random.h"
#include "errata-stats-error.h"

#include <math.h>
#include <string.h>

enum
{
  PERCENT,
  COHEN,
  FLEISS,
  GWET,
  KRIPPENDORFF,
  N_COEFFICIENTS
};

/* The used items (rated at least twice) as category counts: every
 * coefficient is a function of these (and, for Cohen, of who said what). */
typedef struct
{
  guint  n_items;
  guint  n_categories;
  guint *counts;     /* n_items × n_categories: raters who chose k for item i */
  guint *totals;     /* n_items: ratings of item i */
  gint  *pairs;      /* n_items × 2 with two raters: rater 0's and rater 1's category */
  double *scratch;   /* 4 × n_categories */
} Table;

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->counts, g_free);
  g_clear_pointer (&table->totals, g_free);
  g_clear_pointer (&table->pairs, g_free);
  g_clear_pointer (&table->scratch, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

static gboolean
check_ratings (const gint  *ratings,
               gsize        n_items,
               guint        n_raters,
               guint        n_categories,
               GError     **error)
{
  for (gsize i = 0; i < n_items; i++)
    for (guint j = 0; j < n_raters; j++)
      {
        gint value = ratings[i * n_raters + j];

        if (value != ERRATA_RATING_MISSING && (value < 0 || (guint) value >= n_categories))
          {
            g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID,
                         _("Rating %d of item %zu by rater %u is neither a "
                           "category (0 to %u) nor missing"),
                         value, i, j, n_categories - 1);
            return FALSE;
          }
      }
  return TRUE;
}

static guint
count_ratings (const gint *row,
               guint       n_raters)
{
  guint n = 0;

  for (guint j = 0; j < n_raters; j++)
    n += row[j] != ERRATA_RATING_MISSING;
  return n;
}

static void
table_fill (Table      *table,
            const gint *ratings,
            gsize       n_items,
            guint       n_raters,
            guint       n_categories)
{
  guint used = 0;

  for (gsize i = 0; i < n_items; i++)
    used += count_ratings (&ratings[i * n_raters], n_raters) >= 2;

  table->n_items = used;
  table->n_categories = n_categories;
  table->counts = g_new0 (guint, (gsize) used * n_categories);
  table->totals = g_new0 (guint, used);
  table->pairs = n_raters == 2 ? g_new (gint, (gsize) used * 2) : NULL;
  table->scratch = g_new (double, 4 * (gsize) n_categories);

  used = 0;
  for (gsize i = 0; i < n_items; i++)
    {
      const gint *row = &ratings[i * n_raters];

      if (count_ratings (row, n_raters) < 2)
        continue;
      for (guint j = 0; j < n_raters; j++)
        if (row[j] != ERRATA_RATING_MISSING)
          {
            table->counts[(gsize) used * n_categories + row[j]]++;
            table->totals[used]++;
          }
      if (table->pairs != NULL)
        memcpy (&table->pairs[(gsize) used * 2], row, 2 * sizeof (gint));
      used++;
    }
}

/* Cohen's κ over the used items, each weighted by how often a bootstrap
 * draw picked it. */
static gboolean
cohen_kappa (const Table  *table,
             const guint  *weights,
             double        total_weight,
             double       *kappa)
{
  double *first = table->scratch, *second = table->scratch + table->n_categories;
  double agree = 0, expected = 0, observed;

  memset (table->scratch, 0, 2 * table->n_categories * sizeof (double));
  for (guint i = 0; i < table->n_items; i++)
    {
      double w = weights != NULL ? weights[i] : 1.0;
      gint a = table->pairs[2 * i], b = table->pairs[2 * i + 1];

      first[a] += w;
      second[b] += w;
      agree += a == b ? w : 0.0;
    }
  for (guint k = 0; k < table->n_categories; k++)
    expected += (first[k] / total_weight) * (second[k] / total_weight);
  observed = agree / total_weight;

  if (expected >= 1.0)
    return FALSE;
  *kappa = (observed - expected) / (1.0 - expected);
  return TRUE;
}

/* All the coefficients at once, from one pass over the items: p_a, the
 * per-item category shares (π_k) and Krippendorff's coincidences. */
static void
compute_coefficients (const Table *table,
                      const guint *weights,
                      double       values[N_COEFFICIENTS],
                      gboolean     defined[N_COEFFICIENTS])
{
  guint q = table->n_categories;
  double *share = table->scratch + 2 * q, *values_in = table->scratch + 3 * q;
  double total_weight = 0, agreement = 0, pairable = 0, coincident = 0;
  double fleiss_expected = 0, gwet_expected = 0, squares = 0, percent;

  memset (share, 0, 2 * q * sizeof (double));
  for (guint i = 0; i < table->n_items; i++)
    {
      double w = weights != NULL ? weights[i] : 1.0, r = table->totals[i], same = 0;

      if (w == 0.0)
        continue;
      for (guint k = 0; k < q; k++)
        {
          double c = table->counts[(gsize) i * q + k];

          same += c * (c - 1.0);
          share[k] += w * c / r;
          values_in[k] += w * c;
        }
      total_weight += w;
      agreement += w * same / (r * (r - 1.0));
      coincident += w * same / (r - 1.0);
      pairable += w * r;
    }

  for (guint k = 0; k < q; k++)
    {
      double pi = share[k] / total_weight;

      fleiss_expected += pi * pi;
      gwet_expected += pi * (1.0 - pi) / (q - 1.0);
      squares += values_in[k] * values_in[k];
    }

  percent = agreement / total_weight;
  values[PERCENT] = percent;
  defined[PERCENT] = TRUE;
  defined[FLEISS] = fleiss_expected < 1.0;
  values[FLEISS] = defined[FLEISS] ? (percent - fleiss_expected) / (1.0 - fleiss_expected) : NAN;
  values[GWET] = (percent - gwet_expected) / (1.0 - gwet_expected);
  defined[GWET] = TRUE;
  defined[KRIPPENDORFF] = pairable * pairable - squares > 0.0;
  values[KRIPPENDORFF] = defined[KRIPPENDORFF]
    ? 1.0 - (pairable - 1.0) * (pairable - coincident) / (pairable * pairable - squares)
    : NAN;
  defined[COHEN] = table->pairs != NULL &&
                   cohen_kappa (table, weights, total_weight, &values[COHEN]);
  if (!defined[COHEN])
    values[COHEN] = NAN;
}

static ErrataAgreementCoefficient *
coefficient_slot (ErrataAgreement *self,
                  guint            which)
{
  ErrataAgreementCoefficient *slots[N_COEFFICIENTS] = {
    [PERCENT] = &self->percent_agreement,
    [COHEN] = &self->cohen_kappa,
    [FLEISS] = &self->fleiss_kappa,
    [GWET] = &self->gwet_ac1,
    [KRIPPENDORFF] = &self->krippendorff_alpha,
  };

  return slots[which];
}

/* Resamples the used items with replacement (a draw is a vector of how
 * many times each item was picked) and keeps, per coefficient, the draws
 * where it is defined. */
static void
bootstrap (const Table                  *table,
           const ErrataBootstrapOptions *options,
           ErrataAgreement              *self)
{
  g_autofree guint *weights = g_new (guint, table->n_items);
  g_autofree double *draws = g_new (double, (gsize) N_COEFFICIENTS * options->n_draws);
  ErrataRandom rng;

  errata_random_init (&rng, options->seed);
  for (guint b = 0; b < options->n_draws; b++)
    {
      double values[N_COEFFICIENTS];
      gboolean defined[N_COEFFICIENTS];

      memset (weights, 0, table->n_items * sizeof (guint));
      for (guint i = 0; i < table->n_items; i++)
        weights[errata_random_below (&rng, table->n_items)]++;
      compute_coefficients (table, weights, values, defined);

      for (guint c = 0; c < N_COEFFICIENTS; c++)
        {
          ErrataAgreementCoefficient *slot = coefficient_slot (self, c);

          if (defined[c])
            draws[(gsize) c * options->n_draws + slot->n_draws_used++] = values[c];
          else
            slot->n_draws_skipped++;
        }
    }

  for (guint c = 0; c < N_COEFFICIENTS; c++)
    {
      ErrataAgreementCoefficient *slot = coefficient_slot (self, c);

      slot->interval = errata_bootstrap_percentile_interval (&draws[(gsize) c * options->n_draws],
                                                             slot->n_draws_used, options->level);
    }
}

static void
fill_point_estimates (const Table     *table,
                      ErrataAgreement *self)
{
  double values[N_COEFFICIENTS];
  gboolean defined[N_COEFFICIENTS];

  compute_coefficients (table, NULL, values, defined);
  for (guint c = 0; c < N_COEFFICIENTS; c++)
    {
      ErrataAgreementCoefficient *slot = coefficient_slot (self, c);

      slot->defined = defined[c];
      slot->value = values[c];
      slot->n_items = table->n_items;
      slot->interval.lower = slot->interval.upper = NAN;
    }
}

/**
 * errata_estimate_agreement:
 * @ratings: (array): n_items × n_raters ratings, row by row (item i's rating by
 *   rater j at `ratings[i * n_raters + j]`), each a category in
 *   [0, n_categories) or %ERRATA_RATING_MISSING
 * @n_items: items
 * @n_raters: raters, at least 2
 * @n_categories: categories, at least 2 (2 for pass/fail)
 * @options: (nullable): bootstrap settings; %NULL for
 *   errata_bootstrap_options_default(); 0 draws computes no interval
 * @out: (out caller-allocates): the coefficients
 * @error: return location for an %ERRATA_STATS_ERROR
 *
 * Measures how much the raters agree; see #ErrataAgreement for each
 * coefficient and what it counts. Refused when a rating is out of range or
 * no item was rated by two raters.
 *
 * Returns: %TRUE and @out filled in, or %FALSE with @error set.
 */
gboolean
errata_estimate_agreement (const gint                    *ratings,
                           gsize                          n_items,
                           guint                          n_raters,
                           guint                          n_categories,
                           const ErrataBootstrapOptions  *options,
                           ErrataAgreement               *out,
                           GError                       **error)
{
  ErrataBootstrapOptions defaults = errata_bootstrap_options_default ();
  ErrataAgreement result = { 0 };
  g_auto (Table) table = { 0 };

  g_return_val_if_fail (n_items == 0 || ratings != NULL, FALSE);
  /* Items are drawn with errata_random_below(), a 32-bit bound. */
  g_return_val_if_fail (n_items <= G_MAXUINT32, FALSE);
  g_return_val_if_fail (n_raters >= 2, FALSE);
  g_return_val_if_fail (n_categories >= 2 && n_categories <= G_MAXINT, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (!errata_bootstrap_options_check (options, TRUE, error) ||
      !check_ratings (ratings, n_items, n_raters, n_categories, error))
    return FALSE;

  table_fill (&table, ratings, n_items, n_raters, n_categories);
  if (table.n_items == 0)
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA,
                   _("No item was rated by at least two raters (of %zu"
                     " items), so there is no agreement to measure"),
                   n_items);
      return FALSE;
    }

  result.n_items = n_items;
  result.n_items_used = table.n_items;
  result.n_raters = n_raters;
  result.n_categories = n_categories;
  for (guint i = 0; i < table.n_items; i++)
    result.n_ratings += table.totals[i];
  result.level = options->level;
  result.seed = options->seed;
  result.n_draws = options->n_draws;

  fill_point_estimates (&table, &result);
  if (options->n_draws > 0)
    bootstrap (&table, options, &result);

  *out = result;
  return TRUE;
}
