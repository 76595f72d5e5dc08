/* test-alt-test.c: Student's t law, the one-sided t-test, Benjamini–
 * Yekutieli and the alternative annotator test, against values computed
 * by hand (closed forms of the t law for 1 and 2 degrees of freedom, the
 * indicators of each table) and, for the p-values, with mpmath's
 * incomplete beta: reference_alt_test.py beside this file prints them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "errata-agreement.h"
#include "errata-alt-test.h"
#include "errata-hypothesis.h"
#include "errata-stats-error.h"

#define P 0
#define F 1
#define N ERRATA_RATING_MISSING

static void
test_incomplete_beta (void)
{
  /* I_x(1, 1) = x, I_x(2, 1) = x², I_½(a, a) = ½ by symmetry. */
  g_assert_cmpfloat_with_epsilon (errata_incomplete_beta (0.3, 1, 1), 0.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (errata_incomplete_beta (0.3, 2, 1), 0.09, 1e-12);
  g_assert_cmpfloat_with_epsilon (errata_incomplete_beta (0.5, 7.5, 7.5), 0.5, 1e-12);
  /* mpmath.betainc (2.5, 0.5, 0, 0.3, regularized=True) */
  g_assert_cmpfloat_with_epsilon (errata_incomplete_beta (0.3, 2.5, 0.5), 0.0189271240719457, 1e-12);
  g_assert_cmpfloat (errata_incomplete_beta (0, 2, 3), ==, 0);
  g_assert_cmpfloat (errata_incomplete_beta (1, 2, 3), ==, 1);
  g_assert_true (isnan (errata_incomplete_beta (1.5, 2, 3)));
}

static void
test_student_t (void)
{
  /* df 1 is Cauchy: F(−1) = ¼. df 2: F(t) = ½ + t / (2 √(2 + t²)). */
  g_assert_cmpfloat_with_epsilon (errata_student_t_cdf (-1, 1), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (errata_student_t_cdf (-1, 2), 0.5 - 1 / (2 * sqrt (3)), 1e-12);
  g_assert_cmpfloat_with_epsilon (errata_student_t_cdf (2, 2), 0.5 + 2 / (2 * sqrt (6)), 1e-12);
  g_assert_cmpfloat_with_epsilon (errata_student_t_cdf (0, 7), 0.5, 1e-12);
  /* Many degrees of freedom: the normal law, F(−1.96) ≈ 0.025. */
  g_assert_cmpfloat_with_epsilon (errata_student_t_cdf (-1.959963984540054, 1e6),
                                  0.0250001386474355, 1e-9);
  g_assert_cmpfloat (errata_student_t_cdf (-INFINITY, 3), ==, 0);
  g_assert_cmpfloat (errata_student_t_cdf (INFINITY, 3), ==, 1);
}

static void
test_t_test_less (void)
{
  /* {0, 0, 1, 1, 0} against 0.1: mean 0.4, s² = 1.2 / 4 = 0.3,
   * t = 0.3 / √(0.3 / 5) = √1.5; p = F_4 (√1.5) = 0.856067932636655. */
  static const double values[] = { 0, 0, 1, 1, 0 };
  static const double constant_below[] = { 0, 0, 0 };
  static const double constant_above[] = { 1, 1, 1 };
  double t;

  g_assert_cmpfloat_with_epsilon (errata_t_test_less (values, 5, 0.1, &t), 0.856067932636655, 1e-12);
  g_assert_cmpfloat_with_epsilon (t, sqrt (1.5), 1e-12);
  /* A constant sample: t is ±∞ and p its limit. */
  g_assert_cmpfloat (errata_t_test_less (constant_below, 3, 0.1, &t), ==, 0);
  g_assert_true (isinf (t) && t < 0);
  g_assert_cmpfloat (errata_t_test_less (constant_above, 3, 0.1, &t), ==, 1);
  g_assert_true (isinf (t) && t > 0);
  g_assert_true (isnan (errata_t_test_less (values, 1, 0.1, &t)));
}

static void
test_benjamini_yekutieli (void)
{
  /* m = 3, H_3 = 11/6: thresholds k · 0.05 / 5.5 = 0.00909, 0.01818, 0.02727. */
  static const double strict[] = { 0.01, 0.02, 0.5 };    /* BH would reject two; BY none */
  static const double two[] = { 0.5, 0.015, 0.001 };      /* ranks 1 and 2 pass */
  static const double untested[] = { NAN, 0.001, NAN };   /* m = 1: 0.001 ≤ 0.05 */
  gboolean rejected[3];

  g_assert_cmpuint (errata_benjamini_yekutieli (strict, 3, 0.05, rejected), ==, 0);
  g_assert_false (rejected[0] || rejected[1] || rejected[2]);
  g_assert_cmpuint (errata_benjamini_yekutieli (two, 3, 0.05, rejected), ==, 2);
  g_assert_false (rejected[0]);
  g_assert_true (rejected[1] && rejected[2]);
  g_assert_cmpuint (errata_benjamini_yekutieli (untested, 3, 0.05, rejected), ==, 1);
  g_assert_true (rejected[1]);
  g_assert_false (rejected[0] || rejected[2]);
}

static ErrataAltTestOptions
options_with_min (guint min_items)
{
  ErrataAltTestOptions options = errata_alt_test_options_default ();

  options.min_items = min_items;
  return options;
}

/* Two reviewers, A and B, and a judge J, on six traces:
 *
 *   trace  A  B  J   leave A out (others: B)     leave B out (others: A)
 *     1    P  P  P   J 1, A 1: tie, d = 0        tie, d = 0
 *     2    P  P  P   d = 0                       d = 0
 *     3    P  P  F   J 0, A 1: d = 1             J 0, B 1: d = 1
 *     4    F  F  F   d = 0                       d = 0
 *     5    P  F  P   J 0, A 0: tie, d = 0        J 1, B 0: d = −1
 *     6    P  F  F   J 1, A 0: d = −1            J 0, B 0: tie, d = 0
 *
 * Each d has mean 0, s² = 2/5, t = (0 − 0.1) / √(0.4 / 6) = −0.1 √15,
 * p = F_5 (−0.3873) = 0.357236288592505: neither H0 is rejected, the
 * judge wins against no one (winning rate 0) and fails. The judge's
 * agreement with the other is 4/6 both ways, as is each reviewer's; it
 * ties or wins on 5 of 6 traces (advantage 5/6). */
static void
test_two_reviewers_by_hand (void)
{
  static const gint ratings[] = { P, P,  P, P,  P, P,  F, F,  P, F,  P, F };
  static const gint judge[] = { P, P, F, F, P, F };
  ErrataAltTestOptions options = options_with_min (4);
  g_auto(ErrataAltTest) out = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_alt_test (ratings, 6, 2, judge, &options, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out.n_items, ==, 6);
  g_assert_cmpuint (out.n_tested, ==, 2);
  for (guint j = 0; j < 2; j++)
    {
      const ErrataAltTestReviewer *r = &out.reviewers[j];

      g_assert_cmpuint (r->n_items, ==, 6);
      g_assert_true (r->tested);
      g_assert_cmpfloat_with_epsilon (r->judge_agreement, 4.0 / 6, 1e-12);
      g_assert_cmpfloat_with_epsilon (r->reviewer_agreement, 4.0 / 6, 1e-12);
      g_assert_cmpfloat_with_epsilon (r->advantage, 5.0 / 6, 1e-12);
      g_assert_cmpfloat_with_epsilon (r->mean_difference, 0, 1e-12);
      g_assert_cmpfloat_with_epsilon (r->t, -0.1 * sqrt (15), 1e-12);
      g_assert_cmpfloat_with_epsilon (r->p_value, 0.357236288592505, 1e-12);
      g_assert_false (r->won);
    }
  g_assert_cmpuint (out.n_won, ==, 0);
  g_assert_cmpfloat (out.winning_rate, ==, 0);
  g_assert_cmpfloat_with_epsilon (out.advantage_probability, 5.0 / 6, 1e-12);
  g_assert_false (out.passed);
}

/* Three reviewers; the judge's verdict on the last trace is missing (left
 * out), traces 7 and 8 have two ratings. Leaving a reviewer out, its
 * score and the judge's are the share of the other one or two they match.
 *
 *   A: 11 traces, d = 0 but trace 6 (A P, B F, C F, J F: d = −1):
 *      mean −1/11, t = −2.1, p = F_10 (−2.1) = 0.0310386221011093
 *   B: 10 traces, d = 0 throughout: t = −∞, p = 0
 *   C: 10 traces, d = −1 on traces 3, 5, 11 (C alone against A and B, the
 *      judge with them): t = −2.61861468283191, p = F_9 (t) = 0.0139370930886704
 *
 * Benjamini–Yekutieli, m = 3: thresholds 0.00909, 0.01818, 0.02727;
 * sorted p 0 ✓, 0.0139 ✓, 0.0310 ✗: the judge wins against B and C
 * (winning rate 2/3 ≥ 0.5) and passes, though A alone (p 0.031 < 0.05)
 * would have been a win without the correction. */
static void
test_three_reviewers_by_hand (void)
{
  static const gint ratings[] = {
    P, P, P,  P, P, P,  P, P, F,  F, F, F,  F, F, P,  P, F, F,
    P, N, P,  F, F, N,  P, P, P,  F, F, F,  P, P, F,  N, P, P,
  };
  static const gint judge[] = { P, P, P, F, F, F, P, F, P, F, P, N };
  ErrataAltTestOptions options = options_with_min (5);
  g_auto(ErrataAltTest) out = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_alt_test (ratings, 12, 3, judge, &options, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out.n_items, ==, 11);
  g_assert_cmpuint (out.reviewers[0].n_items, ==, 11);
  g_assert_cmpuint (out.reviewers[1].n_items, ==, 10);
  g_assert_cmpuint (out.reviewers[2].n_items, ==, 10);
  g_assert_cmpfloat_with_epsilon (out.reviewers[0].judge_agreement, 0.8636363636363636, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.reviewers[0].reviewer_agreement, 0.7727272727272727, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.reviewers[0].t, -2.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.reviewers[0].p_value, 0.0310386221011093, 1e-12);
  g_assert_cmpfloat (out.reviewers[1].p_value, ==, 0);
  g_assert_cmpfloat_with_epsilon (out.reviewers[2].judge_agreement, 0.95, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.reviewers[2].reviewer_agreement, 0.65, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.reviewers[2].p_value, 0.0139370930886704, 1e-12);
  g_assert_false (out.reviewers[0].won);
  g_assert_true (out.reviewers[1].won);
  g_assert_true (out.reviewers[2].won);
  g_assert_cmpuint (out.n_won, ==, 2);
  g_assert_cmpfloat_with_epsilon (out.winning_rate, 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.advantage_probability, 1.0, 1e-12);
  g_assert_true (out.passed);
}

/* Everyone agrees on every trace: every d is 0 < ε, p = 0 for each
 * reviewer, the judge wins against all. */
static void
test_perfect_agreement (void)
{
  static const gint ratings[] = { P, P,  F, F,  P, P,  P, P };
  static const gint judge[] = { P, F, P, P };
  ErrataAltTestOptions options = options_with_min (4);
  g_auto(ErrataAltTest) out = { 0, };

  g_assert_true (errata_alt_test (ratings, 4, 2, judge, &options, &out, NULL));
  g_assert_cmpuint (out.n_won, ==, 2);
  g_assert_cmpfloat (out.winning_rate, ==, 1);
  g_assert_true (out.passed);
}

/* No trace with two ratings and a verdict, or too few per reviewer: no
 * one is tested, and the test neither passes nor fails. */
static void
test_no_overlap_and_too_few (void)
{
  static const gint ratings[] = { P, N,  N, F,  P, P };
  static const gint judge[] = { P, F, N };
  g_auto(ErrataAltTest) out = { 0, };
  g_auto(ErrataAltTest) few = { 0, };
  g_auto(ErrataAltTest) refused = { 0, };
  ErrataAltTestOptions options = errata_alt_test_options_default ();
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_alt_test (ratings, 3, 2, judge, NULL, &out, NULL));
  g_assert_cmpuint (out.n_items, ==, 0);
  g_assert_cmpuint (out.n_tested, ==, 0);
  g_assert_cmpuint (out.reviewers[0].n_items, ==, 0);
  g_assert_true (isnan (out.winning_rate));
  g_assert_false (out.passed);

  /* The default floor is 30 traces per reviewer. */
  g_assert_true (errata_alt_test (ratings, 2, 2, (const gint[]) { P, F }, NULL, &few, NULL));
  g_assert_cmpuint (few.n_tested, ==, 0);

  options.epsilon = 1.5;
  g_assert_false (errata_alt_test (ratings, 3, 2, judge, &options, &refused, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/hypothesis/incomplete-beta", test_incomplete_beta);
  g_test_add_func ("/stats/hypothesis/student-t", test_student_t);
  g_test_add_func ("/stats/hypothesis/t-test-less", test_t_test_less);
  g_test_add_func ("/stats/hypothesis/benjamini-yekutieli", test_benjamini_yekutieli);
  g_test_add_func ("/stats/alt-test/two-reviewers", test_two_reviewers_by_hand);
  g_test_add_func ("/stats/alt-test/three-reviewers", test_three_reviewers_by_hand);
  g_test_add_func ("/stats/alt-test/perfect-agreement", test_perfect_agreement);
  g_test_add_func ("/stats/alt-test/no-overlap", test_no_overlap_and_too_few);

  return g_test_run ();
}
