/* test-quantile.c: percentiles as numpy computes them, normal quantiles,
 * and the bootstrap's percentile interval and options.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "errata-bootstrap.h"
#include "errata-quantile.h"
#include "errata-stats-error.h"

/* numpy.percentile ([0.1, 0.4, 0.2, 0.9, 0.5], [2.5, 97.5, 50, 0, 100, 37.5])
 * printed 0.11 0.86 0.4 0.1 0.9 0.3 (reference.py). By hand, sorted
 * 0.1 0.2 0.4 0.5 0.9 and h = 4 · q:
 *   2.5%: h = 0.1, 0.1 + 0.1 · (0.2 − 0.1) = 0.11
 *   97.5%: h = 3.9, t ≥ 0.5 so 0.9 − (0.9 − 0.5) · 0.1 = 0.86
 *   50%: h = 2, 0.4;   37.5%: h = 1.5, 0.4 − 0.2 · 0.5 = 0.3
 * While developing, 900 random samples (1 to 30,000 values, the bounds
 * of 80%, 90% and 95% intervals) gave bit-identical results to numpy. */
static void
test_percentile (void)
{
  double values[] = { 0.1, 0.4, 0.2, 0.9, 0.5 };
  double one[] = { 0.25 };

  g_assert_cmpfloat_with_epsilon (errata_percentile (values, 5, 2.5), 0.11, 1e-15);
  /* values is sorted now */
  g_assert_cmpfloat (values[0], ==, 0.1);
  g_assert_cmpfloat (values[4], ==, 0.9);
  g_assert_cmpfloat_with_epsilon (errata_percentile_sorted (values, 5, 97.5), 0.86, 1e-15);
  g_assert_cmpfloat (errata_percentile_sorted (values, 5, 50), ==, 0.4);
  g_assert_cmpfloat (errata_percentile_sorted (values, 5, 0), ==, 0.1);
  g_assert_cmpfloat (errata_percentile_sorted (values, 5, 100), ==, 0.9);
  g_assert_cmpfloat_with_epsilon (errata_percentile_sorted (values, 5, 37.5), 0.3, 1e-15);

  g_assert_cmpfloat (errata_percentile_sorted (one, 1, 2.5), ==, 0.25);
  g_assert_true (isnan (errata_percentile_sorted (NULL, 0, 50)));
}

/* Against Python's statistics.NormalDist().inv_cdf (reference.py):
 * 0.975 → 1.9599639845400536, 0.95 → 1.6448536269514715,
 * 0.995 → 2.5758293035489, 1e-10 → −6.361340902404056. */
static void
test_normal_quantile (void)
{
  g_assert_cmpfloat_with_epsilon (errata_normal_quantile (0.975), 1.9599639845400536, 1e-14);
  g_assert_cmpfloat_with_epsilon (errata_normal_quantile (0.95), 1.6448536269514715, 1e-14);
  g_assert_cmpfloat_with_epsilon (errata_normal_quantile (0.995), 2.5758293035489, 1e-14);
  g_assert_cmpfloat_with_epsilon (errata_normal_quantile (1e-10), -6.361340902404056, 1e-13);
  g_assert_cmpfloat_with_epsilon (errata_normal_quantile (0.5), 0.0, 1e-15);
  g_assert_cmpfloat (errata_normal_quantile (0.0), ==, -INFINITY);
  g_assert_cmpfloat (errata_normal_quantile (1.0), ==, INFINITY);

  g_assert_cmpfloat_with_epsilon (errata_normal_two_sided_z (0.95), ERRATA_STATS_Z95, 1e-14);
  g_assert_cmpfloat_with_epsilon (errata_normal_two_sided_z (0.90), 1.6448536269514715, 1e-14);
  g_assert_cmpfloat_with_epsilon (errata_normal_cdf (ERRATA_STATS_Z95), 0.975, 1e-15);
}

/* 40 draws 0.00, 0.025, …, 0.975 at level 0.95: the 2.5th percentile is at
 * h = 39 · 0.025 = 0.975, so 0 + 0.975 · 0.025 = 0.024375; the 97.5th at
 * h = 38.025, 0.95 + 0.025 · 0.025 = 0.950625. */
static void
test_percentile_interval (void)
{
  double draws[40];
  ErrataInterval interval;

  for (guint i = 0; i < 40; i++)
    draws[39 - i] = i * 0.025;

  interval = errata_bootstrap_percentile_interval (draws, 40, 0.95);
  g_assert_cmpfloat_with_epsilon (interval.lower, 0.024375, 1e-15);
  g_assert_cmpfloat_with_epsilon (interval.upper, 0.950625, 1e-15);

  interval = errata_bootstrap_percentile_interval (NULL, 0, 0.95);
  g_assert_true (isnan (interval.lower) && isnan (interval.upper));
}

static void
test_options (void)
{
  ErrataBootstrapOptions options = errata_bootstrap_options_default ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (options.n_draws, ==, 20000);
  g_assert_cmpfloat (options.level, ==, 0.95);
  g_assert_true (errata_bootstrap_options_check (&options, FALSE, &error));
  g_assert_no_error (error);

  options.level = 1.0;
  g_assert_false (errata_bootstrap_options_check (&options, FALSE, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "between 0 and 1"));
  g_clear_error (&error);

  options.level = NAN;
  g_assert_false (errata_bootstrap_options_check (&options, FALSE, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID);
  g_clear_error (&error);

  options.level = 0.9;
  options.n_draws = 0;
  g_assert_false (errata_bootstrap_options_check (&options, FALSE, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (errata_bootstrap_options_check (&options, TRUE, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/quantile/percentile", test_percentile);
  g_test_add_func ("/stats/quantile/normal", test_normal_quantile);
  g_test_add_func ("/stats/quantile/bootstrap-interval", test_percentile_interval);
  g_test_add_func ("/stats/quantile/bootstrap-options", test_options);

  return g_test_run ();
}
