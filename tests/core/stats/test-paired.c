/* test-paired.c: McNemar's exact test, the paired bootstrap and Holm's
 * correction against tables computed by hand.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "errata-paired.h"
#include "errata-random.h"
#include "errata-stats-error.h"

static ErrataBootstrapOptions
options (guint64 seed)
{
  return (ErrataBootstrapOptions) { seed, 20000, 0.95 };
}

/* McNemar ------------------------------------------------------------------- */

static void
test_mcnemar_no_discordant (void)
{
  /* Nothing tells the two apart: p = 1. */
  g_assert_cmpfloat (errata_mcnemar_exact (0, 0), ==, 1.0);
  /* b = c: 2 · P(X ≤ b) ≥ 1, clipped. */
  g_assert_cmpfloat (errata_mcnemar_exact (4, 4), ==, 1.0);
}

static void
test_mcnemar_one_way (void)
{
  /* b = 0, c = 5: 2 · C(5,0) / 2^5 = 2/32. */
  g_assert_cmpfloat_with_epsilon (errata_mcnemar_exact (0, 5), 0.0625, 1e-12);
  /* b = 10, c = 0: 2 / 1024. */
  g_assert_cmpfloat_with_epsilon (errata_mcnemar_exact (10, 0), 0.001953125, 1e-12);
  /* b = 0, c = 1: 2 · 1/2 = 1. */
  g_assert_cmpfloat_with_epsilon (errata_mcnemar_exact (0, 1), 1.0, 1e-12);
}

static void
test_mcnemar_tables (void)
{
  /* b = 1, c = 9: 2 · (C(10,0) + C(10,1)) / 1024 = 22/1024. */
  g_assert_cmpfloat_with_epsilon (errata_mcnemar_exact (1, 9), 22.0 / 1024, 1e-12);
  g_assert_cmpfloat_with_epsilon (errata_mcnemar_exact (9, 1), 22.0 / 1024, 1e-12);
  /* b = 3, c = 7: 2 · (1 + 10 + 45 + 120) / 1024 = 352/1024. */
  g_assert_cmpfloat_with_epsilon (errata_mcnemar_exact (3, 7), 0.34375, 1e-12);
  /* b = 2, c = 8: 2 · (1 + 10 + 45) / 1024 = 112/1024. */
  g_assert_cmpfloat_with_epsilon (errata_mcnemar_exact (2, 8), 0.109375, 1e-12);
}

static void
test_mcnemar_large (void)
{
  /* 2000 discordant pairs: 2^-2000 underflows; summed in logarithms.
   * b = 1000 − 60, c = 1000 + 60: z = 120 / √2000 ≈ 2.683, the normal
   * approximation with continuity correction gives 2 · Φ(−(119)/√2000)
   * = 2 · Φ(−2.661) ≈ 0.00779. */
  double p = errata_mcnemar_exact (940, 1060);

  g_assert_cmpfloat (p, >, 0.0070);
  g_assert_cmpfloat (p, <, 0.0086);
  g_assert_cmpfloat_with_epsilon (p, errata_mcnemar_exact (1060, 940), 1e-15);
  /* All 3000 one way: 2 · 2^-3000, below any double: 0, not NAN. */
  g_assert_cmpfloat (errata_mcnemar_exact (0, 3000), ==, 0.0);
}

/* Bootstrap ----------------------------------------------------------------- */

static void
test_bootstrap_no_discordant (void)
{
  ErrataPairedTable table = { .both_pass = 30, .both_fail = 10 };
  ErrataBootstrapOptions o = options (1);
  ErrataPairedResult result;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_paired_compare (&table, &o, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n, ==, 40);
  g_assert_cmpfloat (result.difference, ==, 0.0);
  g_assert_cmpfloat (result.interval.lower, ==, 0.0);
  g_assert_cmpfloat (result.interval.upper, ==, 0.0);
  g_assert_cmpfloat (result.p_value, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (result.baseline_rate, 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.candidate_rate, 0.75, 1e-12);
}

static void
test_bootstrap_all_one_way (void)
{
  /* Every pair went fail → pass: every resample does too. */
  ErrataPairedTable table = { .fail_to_pass = 10 };
  ErrataBootstrapOptions o = options (7);
  ErrataPairedResult result;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_paired_compare (&table, &o, &result, &error));
  g_assert_cmpfloat (result.difference, ==, 1.0);
  g_assert_cmpfloat (result.interval.lower, ==, 1.0);
  g_assert_cmpfloat (result.interval.upper, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (result.p_value, 2.0 / 1024, 1e-12);
}

static void
test_bootstrap_empty (void)
{
  ErrataPairedTable table = { 0, };
  ErrataBootstrapOptions o = options (7);
  ErrataPairedResult result;

  g_assert_true (errata_paired_compare (&table, &o, &result, NULL));
  g_assert_true (isnan (result.difference));
  g_assert_true (isnan (result.interval.lower));
}

/* n = 100, b = 10, c = 30: the difference is 0.2; its standard error is
 * √((b + c)/n − ((c − b)/n)²) / √n = √(0.4 − 0.04) / 10 = 0.06, so the
 * 95% interval is about 0.2 ± 1.96 · 0.06 = [0.082, 0.318]. */
static void
test_bootstrap_table (void)
{
  ErrataPairedTable table = { .both_pass = 40, .pass_to_fail = 10, .fail_to_pass = 30,
                              .both_fail = 20 };
  ErrataBootstrapOptions o = options (20260420);
  ErrataInterval first, again, other;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_paired_bootstrap (&table, &o, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (first.lower, 0.082, 0.02);
  g_assert_cmpfloat_with_epsilon (first.upper, 0.318, 0.02);
  /* Seeded: the same seed, the same interval, to the bit. */
  g_assert_true (errata_paired_bootstrap (&table, &o, &again, NULL));
  g_assert_cmpfloat (first.lower, ==, again.lower);
  g_assert_cmpfloat (first.upper, ==, again.upper);
  o.seed = 99;
  g_assert_true (errata_paired_bootstrap (&table, &o, &other, NULL));
  g_assert_cmpfloat_with_epsilon (other.lower, first.lower, 0.02);
}

/* The draw by two binomials has the law of resampling the pairs one by
 * one: the same interval, within the bootstrap's own noise. */
static void
test_bootstrap_matches_naive (void)
{
  ErrataPairedTable table = { .both_pass = 120, .pass_to_fail = 25, .fail_to_pass = 9,
                              .both_fail = 46 };
  guint n = errata_paired_table_n (&table);
  ErrataBootstrapOptions o = options (3);
  g_autofree double *draws = g_new (double, o.n_draws);
  ErrataInterval fast, naive;
  ErrataRandom rng;

  g_assert_true (errata_paired_bootstrap (&table, &o, &fast, NULL));
  errata_random_init (&rng, 11);
  for (guint i = 0; i < o.n_draws; i++)
    {
      int sum = 0;

      for (guint j = 0; j < n; j++)
        {
          guint pick = errata_random_below (&rng, n);

          if (pick < table.pass_to_fail)
            sum--;
          else if (pick < table.pass_to_fail + table.fail_to_pass)
            sum++;
        }
      draws[i] = (double) sum / n;
    }
  naive = errata_bootstrap_percentile_interval (draws, o.n_draws, o.level);
  g_assert_cmpfloat_with_epsilon (fast.lower, naive.lower, 0.012);
  g_assert_cmpfloat_with_epsilon (fast.upper, naive.upper, 0.012);
  g_assert_cmpfloat (fast.upper, <, 0.0);
}

static void
test_bootstrap_bad_options (void)
{
  ErrataPairedTable table = { .pass_to_fail = 1 };
  ErrataBootstrapOptions o = { 1, 0, 0.95 };
  ErrataInterval interval;
  g_autoptr(GError) error = NULL;

  g_assert_false (errata_paired_bootstrap (&table, &o, &interval, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID);
}

/* Holm ------------------------------------------------------------------------ */

static void
test_holm (void)
{
  /* Sorted: 0.01 (×3 = 0.03), 0.03 (×2 = 0.06), 0.04 (×1 = 0.04, but never
   * below the step before: 0.06). */
  const double p[] = { 0.01, 0.04, 0.03 };
  const double with_nan[] = { 0.02, NAN, 0.5 };
  double adjusted[3];

  errata_holm_adjust (p, 3, adjusted);
  g_assert_cmpfloat_with_epsilon (adjusted[0], 0.03, 1e-12);
  g_assert_cmpfloat_with_epsilon (adjusted[1], 0.06, 1e-12);
  g_assert_cmpfloat_with_epsilon (adjusted[2], 0.06, 1e-12);
  /* A NAN is not in the family: two comparisons. */
  errata_holm_adjust (with_nan, 3, adjusted);
  g_assert_cmpfloat_with_epsilon (adjusted[0], 0.04, 1e-12);
  g_assert_true (isnan (adjusted[1]));
  g_assert_cmpfloat_with_epsilon (adjusted[2], 0.5, 1e-12);
  /* Capped at 1. */
  errata_holm_adjust ((const double[]) { 0.6, 0.7 }, 2, adjusted);
  g_assert_cmpfloat (adjusted[0], ==, 1.0);
  g_assert_cmpfloat (adjusted[1], ==, 1.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paired/mcnemar/no-discordant", test_mcnemar_no_discordant);
  g_test_add_func ("/paired/mcnemar/one-way", test_mcnemar_one_way);
  g_test_add_func ("/paired/mcnemar/tables", test_mcnemar_tables);
  g_test_add_func ("/paired/mcnemar/large", test_mcnemar_large);
  g_test_add_func ("/paired/bootstrap/no-discordant", test_bootstrap_no_discordant);
  g_test_add_func ("/paired/bootstrap/all-one-way", test_bootstrap_all_one_way);
  g_test_add_func ("/paired/bootstrap/empty", test_bootstrap_empty);
  g_test_add_func ("/paired/bootstrap/table", test_bootstrap_table);
  g_test_add_func ("/paired/bootstrap/matches-naive", test_bootstrap_matches_naive);
  g_test_add_func ("/paired/bootstrap/bad-options", test_bootstrap_bad_options);
  g_test_add_func ("/paired/holm", test_holm);
  return g_test_run ();
}
