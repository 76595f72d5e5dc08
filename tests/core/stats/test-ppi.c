/* test-ppi.c: the PPI++ pass rate, against hand computation and against
 * ppi_py's ppi_mean_ci (lam=None) re-implemented with numpy in
 * tests/core/stats/reference.py, ppi_mean().
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "errata-ppi.h"
#include "errata-stats-error.h"

static ErrataPpiMean
estimate (ErrataConfusion labelled,
          guint           unlabelled_pass,
          guint           unlabelled_fail)
{
  ErrataPpiMean ppi;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_estimate_ppi_mean (&labelled, unlabelled_pass, unlabelled_fail,
                                           0.95, &ppi, &error));
  g_assert_no_error (error);
  return ppi;
}

/* Dataset A: tp 40, fn 10, fp 5, tn 45 (n = 100); 600 passed, 400 failed (N = 1000).
 *   mean Y = 0.5, mean f = 0.45, Cov (Y, f) = 40/100 − 0.5 · 0.45 = 0.175
 *   Var (f over 1100 verdicts, 645 passes) = 645 · 455 / (1100 · 1099) = 0.2427620
 *   λ = 0.175 / ((1 + 100/1000) · 0.2427620) = 0.6553369
 *   θ = λ · 0.6 + 0.5 − λ · 0.45 = 0.5 + 0.15 λ = 0.5983005
 * reference.py ppi_mean: λ 0.6553369111508579, θ 0.5983005366726286,
 * se 0.03704486832469467, interval [0.5256939289441984, 0.6709071444010588]. */
static void
test_dataset_a (void)
{
  ErrataConfusion labelled = { .tp = 40, .fn = 10, .fp = 5, .tn = 45 };
  ErrataPpiMean ppi = estimate (labelled, 600, 400);

  g_assert_cmpuint (ppi.n_labelled, ==, 100);
  g_assert_cmpuint (ppi.n_unlabelled, ==, 1000);
  g_assert_cmpfloat (ppi.labelled_pass_rate, ==, 0.5);
  g_assert_cmpfloat (ppi.observed_pass_rate, ==, 0.6);
  g_assert_cmpfloat_with_epsilon (ppi.lambda, 0.175 / (1.1 * 645.0 * 455.0 / (1100.0 * 1099.0)),
                                  1e-14);
  g_assert_cmpfloat_with_epsilon (ppi.lambda, 0.6553369111508579, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.pass_rate, 0.5 + 0.15 * ppi.lambda, 1e-15);
  g_assert_cmpfloat_with_epsilon (ppi.pass_rate, 0.5983005366726286, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.standard_error, 0.03704486832469467, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.pass_interval.lower, 0.5256939289441984, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.pass_interval.upper, 0.6709071444010588, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.failure_rate, 1 - 0.5983005366726286, 1e-13);
  g_assert_cmpfloat (ppi.failure_interval.lower, ==, 1.0 - ppi.pass_interval.upper);
  g_assert_cmpfloat (ppi.failure_interval.upper, ==, 1.0 - ppi.pass_interval.lower);
}

/* Datasets B and C of reference.py (tp fn fp tn, unlabelled pass/fail):
 *   B 8 2 3 7, 30/20:  λ 0.3626997476871318, θ 0.5181349873843566,
 *                      se 0.1011219235188901, [0.3199396592399182, 0.716330315528795]
 *   C 450 50 100 400, 750/250: λ 0.3844230769230729, θ 0.5768846153846146,
 *                      se 0.01340659175472315, [0.5506081783899255, 0.6031610523793036] */
static void
test_reference (void)
{
  ErrataConfusion b = { .tp = 8, .fn = 2, .fp = 3, .tn = 7 };
  ErrataConfusion c = { .tp = 450, .fn = 50, .fp = 100, .tn = 400 };
  ErrataPpiMean ppi;

  ppi = estimate (b, 30, 20);
  g_assert_cmpfloat_with_epsilon (ppi.lambda, 0.3626997476871318, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.pass_rate, 0.5181349873843566, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.standard_error, 0.1011219235188901, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.pass_interval.lower, 0.3199396592399182, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.pass_interval.upper, 0.716330315528795, 1e-13);

  ppi = estimate (c, 750, 250);
  g_assert_cmpfloat_with_epsilon (ppi.lambda, 0.3844230769230729, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.pass_rate, 0.5768846153846146, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.standard_error, 0.01340659175472315, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.pass_interval.lower, 0.5506081783899255, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.pass_interval.upper, 0.6031610523793036, 1e-13);
}

/* Dataset D: tp 9, fn 1, fp 1, tn 9; 95 passed, 5 failed.
 *   Cov = 0.45 − 0.25 = 0.2; Var (f, 105 passes of 120) = 105 · 15 / (120 · 119) = 0.1102941
 *   λ = 0.2 / (1.2 · 0.1102941) = 1.511 → clipped to 1
 *   θ = 0.95 + 0.5 − 0.5 = 0.95; reference se 0.07399324293474371, upper end
 *   1.0950 → clipped to 1. */
static void
test_clipping (void)
{
  ErrataConfusion d = { .tp = 9, .fn = 1, .fp = 1, .tn = 9 };
  ErrataPpiMean ppi = estimate (d, 95, 5);

  g_assert_cmpfloat (ppi.lambda, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (ppi.pass_rate, 0.95, 1e-15);
  g_assert_cmpfloat_with_epsilon (ppi.standard_error, 0.07399324293474371, 1e-13);
  g_assert_cmpfloat_with_epsilon (ppi.pass_interval.lower, 0.8049759087485795, 1e-13);
  g_assert_cmpfloat (ppi.pass_interval.upper, ==, 1.0);
  g_assert_cmpfloat (ppi.failure_interval.lower, ==, 0.0);
}

/* A judge that passes everything carries no information: Var (f) = 0, so
 * λ = 0 and PPI++ is the classical estimate from the labels alone:
 *   θ = 6/10 = 0.6, se = √(0.6 · 0.4 / 10) = 0.1549193,
 *   0.6 ± 1.959964 · 0.1549193 = [0.2963637, 0.9036363]. */
static void
test_constant_judge (void)
{
  ErrataConfusion labelled = { .tp = 6, .fp = 4 };
  ErrataPpiMean ppi = estimate (labelled, 10, 0);

  g_assert_cmpfloat (ppi.lambda, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (ppi.pass_rate, 0.6, 1e-15);
  g_assert_cmpfloat_with_epsilon (ppi.standard_error, sqrt (0.024), 1e-15);
  g_assert_cmpfloat_with_epsilon (ppi.pass_interval.lower, 0.6 - 1.959963984540054 * sqrt (0.024),
                                  1e-14);
  g_assert_cmpfloat_with_epsilon (ppi.pass_interval.upper, 0.6 + 1.959963984540054 * sqrt (0.024),
                                  1e-14);
}

/* A judge whose verdicts run against the labels (Cov < 0) gets λ = 0. */
static void
test_negative_covariance (void)
{
  ErrataConfusion labelled = { .fn = 5, .fp = 5 };
  ErrataPpiMean ppi = estimate (labelled, 40, 60);

  g_assert_cmpfloat (ppi.lambda, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (ppi.pass_rate, 0.5, 1e-15);
}

/* Errors and unset labels are not among the n labelled traces. */
static void
test_left_out (void)
{
  ErrataConfusion labelled = { .tp = 40, .fn = 10, .fp = 5, .tn = 45,
                               .errors_human_pass = 7, .unlabelled = 2 };
  ErrataPpiMean ppi = estimate (labelled, 600, 400);

  g_assert_cmpuint (ppi.n_labelled, ==, 100);
  g_assert_cmpfloat_with_epsilon (ppi.pass_rate, 0.5983005366726286, 1e-13);
}

static void
test_refused (void)
{
  ErrataConfusion one = { .tp = 1, .errors_human_fail = 4 };
  ErrataConfusion fine = { .tp = 4, .tn = 4 };
  ErrataPpiMean ppi;
  g_autoptr(GError) error = NULL;

  g_assert_false (errata_estimate_ppi_mean (&one, 10, 10, 0.95, &ppi, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA);
  g_assert_nonnull (strstr (error->message, "at least 2 labelled traces"));
  g_clear_error (&error);

  g_assert_false (errata_estimate_ppi_mean (&fine, 0, 0, 0.95, &ppi, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA);
  g_clear_error (&error);

  g_assert_false (errata_estimate_ppi_mean (&fine, 5, 5, 0.0, &ppi, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/ppi/dataset-a", test_dataset_a);
  g_test_add_func ("/stats/ppi/reference", test_reference);
  g_test_add_func ("/stats/ppi/clipping", test_clipping);
  g_test_add_func ("/stats/ppi/constant-judge", test_constant_judge);
  g_test_add_func ("/stats/ppi/negative-covariance", test_negative_covariance);
  g_test_add_func ("/stats/ppi/left-out", test_left_out);
  g_test_add_func ("/stats/ppi/refused", test_refused);

  return g_test_run ();
}
