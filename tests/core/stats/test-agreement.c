/* test-agreement.c: agreement between reviewers (percent agreement,
 * Cohen's κ, Fleiss' κ, Gwet's AC1, Krippendorff's α) and judge
 * flakiness, against hand computation; reference.py's agreement() gives
 * the same values by another route (Krippendorff's α from all ordered
 * pairs of values within each item).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "errata-agreement.h"
#include "errata-flakiness.h"
#include "errata-stats-error.h"

#define P 0
#define F 1
#define M ERRATA_RATING_MISSING

static ErrataAgreement
estimate (const gint *ratings,
          gsize       n_items,
          guint       n_raters,
          guint       n_categories,
          guint       n_draws)
{
  ErrataBootstrapOptions options = { .seed = 1, .n_draws = n_draws, .level = 0.95 };
  ErrataAgreement agreement;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_estimate_agreement (ratings, n_items, n_raters, n_categories,
                                            &options, &agreement, &error));
  g_assert_no_error (error);
  return agreement;
}

static void
assert_interval_around (const ErrataAgreementCoefficient *c)
{
  g_assert_true (c->defined);
  g_assert_cmpfloat (c->interval.lower, <=, c->value);
  g_assert_cmpfloat (c->interval.upper, >=, c->value);
}

/* Two raters, 10 items: both pass 6, rater 1 pass / rater 2 fail 2,
 * both fail 2.
 *   percent: 8/10 = 0.8
 *   Cohen: P1(pass) = 0.8, P2(pass) = 0.6, p_e = 0.8·0.6 + 0.2·0.4 = 0.56,
 *          κ = (0.8 − 0.56) / 0.44 = 0.545454…
 *   Fleiss: π_pass = (6 · 1 + 2 · 0.5) / 10 = 0.7, p_e = 0.49 + 0.09 = 0.58,
 *          κ = 0.22 / 0.42 = 0.523809…
 *   AC1: p_e = 2 · 0.7 · 0.3 / 1 = 0.42, (0.8 − 0.42) / 0.58 = 0.655172…
 *   α: 20 pairable values, 14 pass and 6 fail; 8 agreeing items give
 *      Σ o_cc = 8 · 2 = 16; α = 1 − 19 · (20 − 16) / (400 − 196 − 36) = 1 − 76/168
 *      = 0.547619…
 * reference.py: percent 0.8, cohen 0.5454545454545455, fleiss 0.523809523809524,
 * ac1 0.6551724137931035, alpha 0.5476190476190476. */
static void
test_two_raters (void)
{
  const gint ratings[] = { P, P, P, P, P, P, P, P, P, P, P, P, P, F, P, F, F, F, F, F };
  ErrataAgreement a = estimate (ratings, 10, 2, 2, 2000);

  g_assert_cmpuint (a.n_items, ==, 10);
  g_assert_cmpuint (a.n_items_used, ==, 10);
  g_assert_cmpuint (a.n_ratings, ==, 20);
  g_assert_cmpfloat_with_epsilon (a.percent_agreement.value, 0.8, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.cohen_kappa.value, 0.24 / 0.44, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.fleiss_kappa.value, 0.22 / 0.42, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.gwet_ac1.value, 0.38 / 0.58, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.krippendorff_alpha.value, 1.0 - 76.0 / 168.0, 1e-15);
  g_assert_cmpuint (a.cohen_kappa.n_items, ==, 10);
  g_assert_cmpuint (a.krippendorff_alpha.n_items, ==, 10);

  /* The bootstrap (2000 draws, seed 1) drops a draw for κ and α when all
   * its items are "both pass": (6/10)^10 = 0.006, 12 of 2000 expected. */
  g_assert_cmpuint (a.percent_agreement.n_draws_used, ==, 2000);
  g_assert_cmpuint (a.gwet_ac1.n_draws_skipped, ==, 0);
  g_assert_cmpuint (a.cohen_kappa.n_draws_skipped, ==, 13);
  g_assert_cmpuint (a.fleiss_kappa.n_draws_skipped, ==, 13);
  g_assert_cmpuint (a.krippendorff_alpha.n_draws_used, ==, 1987);
  /* Pinned for seed 1. With 10 items the bounds fall on a few discrete
   * values; numpy (reference.py, agreement_bootstrap(), mean of 5 seeds):
   * percent [0.5, 1], Cohen [0, 1], Fleiss [−0.222, 1], AC1 [0.153, 1],
   * α [−0.161, 1], κ and α using 1986.6 draws. AC1's lower bound is 0.0826
   * or 0.2 depending on the seed: over 200 seeds, 0.0826 in 66% of numpy's
   * runs (multinomial resampling of the three kinds of item) and in 65% of
   * Errata's (mean lower bound 0.1223 and 0.1235). */
  g_assert_cmpfloat (a.percent_agreement.interval.lower, ==, 0.5);
  g_assert_cmpfloat (a.percent_agreement.interval.upper, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (a.gwet_ac1.interval.lower, 0.082568807339449615, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.fleiss_kappa.interval.lower, -0.25, 1e-12);
  assert_interval_around (&a.percent_agreement);
  assert_interval_around (&a.cohen_kappa);
  assert_interval_around (&a.fleiss_kappa);
  assert_interval_around (&a.gwet_ac1);
  assert_interval_around (&a.krippendorff_alpha);
}

/* Three raters with missing ratings; item 5 has a single rating and is
 * left out, so 5 items count:
 *   (3 pass), (2 pass 1 fail), (2 fail), (1 pass 1 fail), (3 fail)
 *   percent: (1 + 1/3 + 1 + 0 + 1) / 5 = 2/3
 *   π_pass = (1 + 2/3 + 0 + 1/2 + 0) / 5 = 13/30; Fleiss p_e = (169 + 289)/900 = 229/450,
 *          κ = (300 − 229) / (450 − 229) = 71/221 = 0.3212670
 *   AC1: p_e = 2 · 13/30 · 17/30 = 221/450, (300 − 221) / (450 − 221) = 79/229 = 0.3449782
 *   α: 13 pairable values, 6 pass, 7 fail; Σ o_cc = 3 + 1 + 2 + 0 + 3 = 9;
 *      1 − 12 · (13 − 9) / (169 − 36 − 49) = 1 − 48/84 = 3/7
 *   Cohen: undefined with three raters.
 * reference.py: fleiss 0.3212669683257919, ac1 0.34497816593886466,
 * alpha 0.4285714285714285. */
static void
test_three_raters_missing (void)
{
  const gint ratings[] = {
    P, P, P,
    P, P, F,
    F, F, M,
    P, F, M,
    P, M, M,
    F, F, F,
  };
  ErrataAgreement a = estimate (ratings, 6, 3, 2, 500);

  g_assert_cmpuint (a.n_items, ==, 6);
  g_assert_cmpuint (a.n_items_used, ==, 5);
  g_assert_cmpuint (a.n_ratings, ==, 13);
  g_assert_cmpfloat_with_epsilon (a.percent_agreement.value, 2.0 / 3.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.fleiss_kappa.value, 71.0 / 221.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.gwet_ac1.value, 79.0 / 229.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.krippendorff_alpha.value, 3.0 / 7.0, 1e-15);
  g_assert_cmpuint (a.fleiss_kappa.n_items, ==, 5);

  g_assert_false (a.cohen_kappa.defined);
  g_assert_true (isnan (a.cohen_kappa.value));
  g_assert_true (isnan (a.cohen_kappa.interval.lower));
  g_assert_cmpuint (a.cohen_kappa.n_draws_used, ==, 0);
  g_assert_cmpuint (a.cohen_kappa.n_draws_skipped, ==, 500);
}

/* Three categories, two raters, the last item rated once (left out):
 *   (0,0) (1,1) (2,2) (0,1) (2,0) (1,1) (0,0)
 *   percent 5/7; Cohen: rater 1 uses 0,1,2 3,2,2 times, rater 2 3,3,1:
 *     p_e = (9 + 6 + 2)/49 = 17/49, κ = (35 − 17)/(49 − 17) = 18/32 = 0.5625
 *   π = (3, 2.5, 1.5)/7: Fleiss p_e = 17.5/49, κ = 17.5/31.5 = 0.5555…
 *   AC1 p_e = (12 + 11.25 + 8.25)/49/2 = 31.5/98, (70 − 31.5)/(98 − 31.5) = 38.5/66.5
 *   α: 14 values (6, 5, 3), Σ o_cc = 10: 1 − 13 · 4 / (196 − 36 − 25 − 9) = 74/126
 * reference.py: cohen 0.5625, fleiss 0.5555555555555556, ac1 0.5789473684210527,
 * alpha 0.5873015873015873. */
static void
test_nominal (void)
{
  const gint ratings[] = { 0, 0, 1, 1, 2, 2, 0, 1, 2, 0, 1, 1, 0, 0, 2, M };
  ErrataAgreement a = estimate (ratings, 8, 2, 3, 0);

  g_assert_cmpuint (a.n_items_used, ==, 7);
  g_assert_cmpfloat_with_epsilon (a.percent_agreement.value, 5.0 / 7.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.cohen_kappa.value, 0.5625, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.fleiss_kappa.value, 17.5 / 31.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.gwet_ac1.value, 38.5 / 66.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (a.krippendorff_alpha.value, 74.0 / 126.0, 1e-15);

  /* No draws asked: no interval, nothing counted. */
  g_assert_cmpuint (a.n_draws, ==, 0);
  g_assert_true (isnan (a.fleiss_kappa.interval.lower) && isnan (a.fleiss_kappa.interval.upper));
  g_assert_cmpuint (a.fleiss_kappa.n_draws_used + a.fleiss_kappa.n_draws_skipped, ==, 0);
}

/* Everyone said pass on everything: agreement is total, but κ and α are
 * 0/0 (chance agreement is total too); AC1 stays defined: p_e = 0, AC1 = 1. */
static void
test_one_category (void)
{
  const gint ratings[] = { P, P, P, P, P, P, P, P };
  ErrataAgreement a = estimate (ratings, 4, 2, 2, 100);

  g_assert_cmpfloat (a.percent_agreement.value, ==, 1.0);
  g_assert_false (a.cohen_kappa.defined);
  g_assert_false (a.fleiss_kappa.defined);
  g_assert_false (a.krippendorff_alpha.defined);
  g_assert_true (isnan (a.fleiss_kappa.value) && isnan (a.krippendorff_alpha.value));
  g_assert_true (isnan (a.fleiss_kappa.interval.lower));
  g_assert_cmpuint (a.fleiss_kappa.n_draws_skipped, ==, 100);
  g_assert_true (a.gwet_ac1.defined);
  g_assert_cmpfloat (a.gwet_ac1.value, ==, 1.0);
  g_assert_cmpfloat (a.gwet_ac1.interval.lower, ==, 1.0);
}

/* The same seed gives the same intervals; NULL options are the defaults. */
static void
test_reproducible (void)
{
  const gint ratings[] = { P, P, P, F, F, F, F, P, P, P, F, F, P, P, F, F };
  ErrataAgreement a = estimate (ratings, 8, 2, 2, 1000);
  ErrataAgreement b = estimate (ratings, 8, 2, 2, 1000);
  ErrataAgreement defaults;

  g_assert_cmpfloat (a.krippendorff_alpha.interval.lower, ==, b.krippendorff_alpha.interval.lower);
  g_assert_cmpfloat (a.gwet_ac1.interval.upper, ==, b.gwet_ac1.interval.upper);
  g_assert_true (errata_estimate_agreement (ratings, 8, 2, 2, NULL, &defaults, NULL));
  g_assert_cmpuint (defaults.n_draws, ==, 20000);
  g_assert_cmpuint (defaults.seed, ==, 0);
  g_assert_cmpfloat (defaults.level, ==, 0.95);
}

static void
test_refused (void)
{
  const gint out_of_range[] = { P, P, F, 2 };
  const gint lonely[] = { P, M, M, F, M, M };
  ErrataAgreement a;
  g_autoptr(GError) error = NULL;

  g_assert_false (errata_estimate_agreement (out_of_range, 2, 2, 2, NULL, &a, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Rating 2 of item 1 by rater 1"));
  g_clear_error (&error);

  g_assert_false (errata_estimate_agreement (lonely, 2, 3, 2, NULL, &a, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA);
  g_assert_nonnull (strstr (error->message, "at least two raters"));
}

/* Three runs over five traces (E = error):
 *   run 1: P P F F E     run 2: P F F E E     run 3: P P F F P
 * Trace 5 has one verdict and is not compared; of the other four only
 * trace 2 changed: 1/4. Errors: 3.
 * Fleiss' κ over the compared traces (3,0) (2,1) (0,3) (0,2):
 *   p_a = (1 + 1/3 + 1 + 1) / 4 = 5/6; π_pass = (1 + 2/3 + 0 + 0) / 4 = 5/12,
 *   p_e = (25 + 49)/144 = 37/72, κ = (60 − 37)/(72 − 37) = 23/35 = 0.657143
 * reference.py: fleiss 0.6571428571428571. */
static void
test_flakiness (void)
{
  const ErrataJudgeVerdict run1[] = { ERRATA_JUDGE_PASS, ERRATA_JUDGE_PASS, ERRATA_JUDGE_FAIL,
                                      ERRATA_JUDGE_FAIL, ERRATA_JUDGE_ERROR };
  const ErrataJudgeVerdict run2[] = { ERRATA_JUDGE_PASS, ERRATA_JUDGE_FAIL, ERRATA_JUDGE_FAIL,
                                      ERRATA_JUDGE_ERROR, ERRATA_JUDGE_ERROR };
  const ErrataJudgeVerdict run3[] = { ERRATA_JUDGE_PASS, ERRATA_JUDGE_PASS, ERRATA_JUDGE_FAIL,
                                      ERRATA_JUDGE_FAIL, ERRATA_JUDGE_PASS };
  const ErrataJudgeVerdict *runs[] = { run1, run2, run3 };
  ErrataBootstrapOptions options = { .seed = 1, .n_draws = 2000, .level = 0.95 };
  ErrataFlakiness flakiness;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_estimate_flakiness (runs, 3, 5, &options, &flakiness, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (flakiness.n_traces, ==, 5);
  g_assert_cmpuint (flakiness.n_runs, ==, 3);
  g_assert_cmpuint (flakiness.n_compared, ==, 4);
  g_assert_cmpuint (flakiness.n_changed, ==, 1);
  g_assert_cmpfloat (flakiness.changed_share, ==, 0.25);
  g_assert_cmpuint (flakiness.n_errors, ==, 3);
  g_assert_cmpfloat_with_epsilon (flakiness.fleiss_kappa.value, 23.0 / 35.0, 1e-15);
  g_assert_cmpuint (flakiness.fleiss_kappa.n_items, ==, 4);
  /* κ is undefined on a resample of only trace 1 ((1/4)^4) or only traces
   * 3 and 4 ((1/2)^4): 0.0664 of 2000 = 133 expected. */
  g_assert_cmpuint (flakiness.fleiss_kappa.n_draws_skipped, ==, 137);
  assert_interval_around (&flakiness.fleiss_kappa);
}

/* A stable judge: nothing changed and κ = 1. */
static void
test_stable_judge (void)
{
  const ErrataJudgeVerdict run[] = { ERRATA_JUDGE_PASS, ERRATA_JUDGE_FAIL, ERRATA_JUDGE_PASS };
  const ErrataJudgeVerdict *runs[] = { run, run };
  ErrataFlakiness flakiness;

  g_assert_true (errata_estimate_flakiness (runs, 2, 3, NULL, &flakiness, NULL));
  g_assert_cmpuint (flakiness.n_changed, ==, 0);
  g_assert_cmpfloat (flakiness.changed_share, ==, 0.0);
  g_assert_cmpfloat (flakiness.fleiss_kappa.value, ==, 1.0);
}

static void
test_flakiness_refused (void)
{
  const ErrataJudgeVerdict run1[] = { ERRATA_JUDGE_PASS, ERRATA_JUDGE_ERROR };
  const ErrataJudgeVerdict run2[] = { ERRATA_JUDGE_ERROR, ERRATA_JUDGE_FAIL };
  const ErrataJudgeVerdict *runs[] = { run1, run2 };
  ErrataFlakiness flakiness;
  g_autoptr(GError) error = NULL;

  g_assert_false (errata_estimate_flakiness (runs, 2, 2, NULL, &flakiness, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA);
  g_assert_nonnull (strstr (error->message, "2 verdicts were errors"));
}

/* Published worked examples, each with its source, so that the
 * definitions are the ones the literature uses, not only ours.
 *
 * Cohen's κ: Wikipedia, "Cohen's kappa", the grant-proposal example
 * (50 proposals; both yes 20, A yes B no 5, A no B yes 10, both no 15):
 * p_o = 0.7, p_e = 0.5, κ = 0.4.
 *
 * Fleiss' κ: Fleiss (1971) as worked in Wikipedia, "Fleiss' kappa"
 * (10 subjects, 14 raters, 5 categories): P̄ = 0.378, P̄_e = 0.213,
 * κ = 0.210. Raters are interchangeable in Fleiss' κ, so each subject's
 * counts are handed to raters 1..14 in category order.
 *
 * Krippendorff's α: Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability", section A (binary data, two observers, no missing
 * data, 10 units): α = 0.095. */
static void
test_published_examples (void)
{
  static const guint cohen_cells[4][3] = {
    { P, P, 20 }, { P, F, 5 }, { F, P, 10 }, { F, F, 15 },
  };
  static const guint fleiss_counts[10][5] = {
    { 0, 0, 0, 0, 14 }, { 0, 2, 6, 4, 2 }, { 0, 0, 3, 5, 6 }, { 0, 3, 9, 2, 0 },
    { 2, 2, 8, 1, 1 }, { 7, 7, 0, 0, 0 }, { 3, 2, 6, 3, 0 }, { 2, 5, 3, 2, 2 },
    { 6, 5, 2, 1, 0 }, { 0, 2, 2, 3, 7 },
  };
  static const gint krippendorff[10 * 2] = {
    0, 1,  1, 1,  0, 1,  0, 0,  0, 0,  0, 1,  0, 0,  0, 0,  1, 0,  0, 0,
  };
  gint cohen[50 * 2];
  gint fleiss[10 * 14];
  guint n = 0;
  ErrataAgreement a;

  for (guint c = 0; c < G_N_ELEMENTS (cohen_cells); c++)
    for (guint i = 0; i < cohen_cells[c][2]; i++, n++)
      {
        cohen[n * 2] = (gint)cohen_cells[c][0];
        cohen[n * 2 + 1] = (gint)cohen_cells[c][1];
      }
  g_assert_cmpuint (n, ==, 50);
  a = estimate (cohen, 50, 2, 2, 200);
  g_assert_cmpfloat_with_epsilon (a.percent_agreement.value, 0.7, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.cohen_kappa.value, 0.4, 1e-12);

  for (guint item = 0; item < 10; item++)
    {
      guint rater = 0;

      for (guint k = 0; k < 5; k++)
        for (guint j = 0; j < fleiss_counts[item][k]; j++)
          fleiss[item * 14 + rater++] = (gint)k;
      g_assert_cmpuint (rater, ==, 14);
    }
  a = estimate (fleiss, 10, 14, 5, 200);
  g_assert_cmpfloat_with_epsilon (a.percent_agreement.value, 0.378, 0.0005);
  g_assert_cmpfloat_with_epsilon (a.fleiss_kappa.value, 0.210, 0.0005);

  /* The observers are the columns: A 0100000010, B 1110010000. */
  a = estimate (krippendorff, 10, 2, 2, 200);
  g_assert_cmpfloat_with_epsilon (a.krippendorff_alpha.value, 0.095, 0.0005);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/agreement/two-raters", test_two_raters);
  g_test_add_func ("/stats/agreement/three-raters-missing", test_three_raters_missing);
  g_test_add_func ("/stats/agreement/nominal", test_nominal);
  g_test_add_func ("/stats/agreement/one-category", test_one_category);
  g_test_add_func ("/stats/agreement/reproducible", test_reproducible);
  g_test_add_func ("/stats/agreement/refused", test_refused);
  g_test_add_func ("/stats/agreement/published-examples", test_published_examples);
  g_test_add_func ("/stats/flakiness/counts-and-kappa", test_flakiness);
  g_test_add_func ("/stats/flakiness/stable-judge", test_stable_judge);
  g_test_add_func ("/stats/flakiness/refused", test_flakiness_refused);

  return g_test_run ();
}
