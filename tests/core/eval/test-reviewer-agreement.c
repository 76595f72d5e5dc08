/* test-reviewer-agreement.c: the reviewers' agreement on a project's
 * targets, from reviews made here or merged (never imported labels),
 * against tables computed by hand; and the degenerate cases.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-reviewer-agreement.h"
#include "errata-ground-truth.h"

#include <math.h>
#include <string.h>

#include "eval-test-helpers.h"

#define HERE ERRATA_ORIGIN_HERE
#define IMPORTED ERRATA_ORIGIN_IMPORTED
#define MERGED ERRATA_ORIGIN_MERGED
#define PASS ERRATA_VERDICT_PASS
#define FAIL ERRATA_VERDICT_FAIL
#define UNSET ERRATA_VERDICT_UNSET
#define N_TRACES 26

typedef struct
{
  char          *dir;
  ErrataProject *project;
  gint64         t[N_TRACES + 1];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  for (guint i = 1; i <= N_TRACES; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);

      fixture->t[i] = eval_test_add_trace (fixture->project, "test", id);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
measure (Fixture                 *fixture,
         gint64                   target,
         ErrataReviewerAgreement *out)
{
  ErrataBootstrapOptions options = { .seed = 7, .n_draws = 2000, .level = 0.95 };
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_reviewer_agreement (fixture->project, target, &options, out, &error));
  g_assert_no_error (error);
}

static void
assert_coefficient (const ErrataAgreementCoefficient *c,
                    double                            expected)
{
  g_assert_true (c->defined);
  g_assert_cmpfloat_with_epsilon (c->value, expected, 1e-9);
  g_assert_cmpfloat (c->interval.lower, <=, c->value + 1e-9);
  g_assert_cmpfloat (c->interval.upper, >=, c->value - 1e-9);
}

/* Two reviewers, overall, ten shared traces:
 *
 *                 ben pass   ben fail
 *     ana pass        6          1
 *     ana fail        1          2
 *
 *   p_a   = 8/10 = 0.8
 *   Cohen: p_e = 0.7·0.7 + 0.3·0.3 = 0.58, κ = 0.22/0.42 = 0.523810
 *   Fleiss: π_pass = (6·1 + 2·½ + 2·0)/10 = 0.7, p_e = 0.58, κ = 0.523810
 *   AC1: p_e = 2·0.7·0.3 = 0.42, AC1 = 0.38/0.58 = 0.655172
 *   α: 20 pairable values, 14 pass, 6 fail, 4 disagreeing ordered pairs:
 *      α = 1 − (20 − 1)·4 / (2·14·6) = 1 − 76/168 = 0.547619
 *
 * Not counted: t11 (ana alone), t12 (ana, and an imported label that is
 * no reviewer), t13 (ben's note-only review has no overall vote). */
static void
test_two_reviewers_by_hand (Fixture       *fixture,
                            gconstpointer  data)
{
  static const ErrataVerdict ana[] = { PASS, PASS, PASS, PASS, PASS, PASS, PASS, FAIL, FAIL, FAIL };
  static const ErrataVerdict ben[] = { PASS, PASS, PASS, PASS, PASS, PASS, FAIL, PASS, FAIL, FAIL };
  g_auto(ErrataReviewerAgreement) out = { 0, };
  g_auto(GStrv) warnings = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ana); i++)
    {
      eval_test_annotate (fixture->project, fixture->t[i + 1], "ana", ana[i], NULL, HERE);
      eval_test_annotate (fixture->project, fixture->t[i + 1], "ben", ben[i], NULL, HERE);
    }
  eval_test_annotate (fixture->project, fixture->t[11], "ana", PASS, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[12], "ana", PASS, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[12], "file.csv", FAIL, NULL, IMPORTED);
  eval_test_annotate (fixture->project, fixture->t[13], "ana", PASS, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[13], "ben", UNSET, "slow", HERE);

  measure (fixture, ERRATA_TARGET_OVERALL, &out);
  g_assert_true (out.computed);
  g_assert_cmpuint (out.n_reviewers, ==, 2);
  g_assert_cmpuint (out.n_items, ==, 10);
  g_assert_cmpuint (out.n_single, ==, 3);
  g_assert_cmpuint (out.n_raters, ==, 2);
  g_assert_cmpstr (out.raters[0], ==, "ana");
  g_assert_cmpstr (out.raters[1], ==, "ben");
  g_assert_cmpuint (out.n_ratings, ==, 20);
  g_assert_cmpuint (out.n_fail_ratings, ==, 6);
  g_assert_cmpfloat_with_epsilon (out.chance_agreement, 0.58, 1e-9);
  assert_coefficient (&out.agreement.percent_agreement, 0.8);
  assert_coefficient (&out.agreement.cohen_kappa, 0.22 / 0.42);
  assert_coefficient (&out.agreement.fleiss_kappa, 0.22 / 0.42);
  assert_coefficient (&out.agreement.gwet_ac1, 0.38 / 0.58);
  assert_coefficient (&out.agreement.krippendorff_alpha, 1 - 76.0 / 168);
  g_assert_cmpuint (out.agreement.gwet_ac1.n_items, ==, 10);
  g_assert_cmpint (out.warnings, ==, ERRATA_AGREEMENT_WARNING_FEW_ITEMS);
  warnings = errata_reviewer_agreement_warnings (&out);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "10 traces"));
}

/* The same seed gives the same interval. */
static void
test_seeded (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(ErrataReviewerAgreement) first = { 0, };
  g_auto(ErrataReviewerAgreement) second = { 0, };

  for (guint i = 1; i <= 12; i++)
    {
      eval_test_annotate (fixture->project, fixture->t[i], "ana", i % 3 ? PASS : FAIL, NULL, HERE);
      eval_test_annotate (fixture->project, fixture->t[i], "ben", i % 4 ? PASS : FAIL, NULL, HERE);
    }
  measure (fixture, ERRATA_TARGET_OVERALL, &first);
  measure (fixture, ERRATA_TARGET_OVERALL, &second);
  g_assert_cmpfloat (first.agreement.gwet_ac1.interval.lower, ==,
                     second.agreement.gwet_ac1.interval.lower);
  g_assert_cmpfloat (first.agreement.gwet_ac1.interval.upper, ==,
                     second.agreement.gwet_ac1.interval.upper);
  g_assert_cmpfloat (first.agreement.gwet_ac1.interval.lower, <,
                     first.agreement.gwet_ac1.interval.upper);
}

/* A rare failure mode, 25 traces both reviewed; ana's note on t1 sits in
 * the mode, ben's on t1 and t2:
 *
 *   p_a = 24/25 = 0.96
 *   Cohen: ana fails 1/25 = 0.04, ben 2/25 = 0.08;
 *          p_e = 0.96·0.92 + 0.04·0.08 = 0.8864, κ = 0.0736/0.1136 = 0.647887
 *   Fleiss: π_fail = (1 + ½)/25 = 0.06, p_e = 0.94² + 0.06² = 0.8872 > 0.8: warned
 *   AC1: p_e = 2·0.94·0.06 = 0.1128, AC1 = 0.8472/0.8872 = 0.954914
 *
 * A fail verdict whose note sits in no mode passes the mode (t3 for ana:
 * reviewed, not in the mode). t26's imported note in the mode counts for
 * nobody. */
static void
test_rare_mode_by_hand (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 mode = eval_test_add_mode (fixture->project, "tone");
  g_auto(ErrataReviewerAgreement) out = { 0, };
  g_auto(GStrv) warnings = NULL;

  for (guint i = 1; i <= 25; i++)
    {
      eval_test_annotate (fixture->project, fixture->t[i], "ana", i <= 1 || i == 3 ? FAIL : PASS,
                          i <= 1 || i == 3 ? "rude" : NULL, HERE);
      eval_test_annotate (fixture->project, fixture->t[i], "ben", i <= 2 ? FAIL : PASS,
                          i <= 2 ? "curt" : NULL, MERGED);
    }
  eval_test_assign (fixture->project, fixture->t[1], "ana", mode);
  eval_test_assign (fixture->project, fixture->t[1], "ben", mode);
  eval_test_assign (fixture->project, fixture->t[2], "ben", mode);
  eval_test_annotate (fixture->project, fixture->t[26], "file.csv", FAIL, "rude", IMPORTED);
  eval_test_assign (fixture->project, fixture->t[26], "file.csv", mode);

  measure (fixture, mode, &out);
  g_assert_true (out.computed);
  g_assert_cmpuint (out.n_items, ==, 25);
  g_assert_cmpuint (out.n_single, ==, 0);
  g_assert_cmpuint (out.n_reviewers, ==, 2);
  g_assert_cmpuint (out.n_fail_ratings, ==, 3);
  g_assert_cmpfloat_with_epsilon (out.chance_agreement, 0.8872, 1e-9);
  assert_coefficient (&out.agreement.percent_agreement, 0.96);
  assert_coefficient (&out.agreement.cohen_kappa, 0.0736 / 0.1136);
  assert_coefficient (&out.agreement.gwet_ac1, 0.8472 / 0.8872);
  g_assert_cmpint (out.warnings, ==, ERRATA_AGREEMENT_WARNING_HIGH_CHANCE);
  warnings = errata_reviewer_agreement_warnings (&out);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "AC1"));
}

/* Three reviewers (cy's reviews merged), overall; cy did not review t4:
 *
 *            ana  ben  cy    agreeing pairs / pairs    share pass
 *     t1      P    P    P          6/6 = 1                 1
 *     t2      P    P    F          2/6 = ⅓                 ⅔
 *     t3      F    F    F          6/6 = 1                 0
 *     t4      P    F    —          0/2 = 0                 ½
 *
 *   p_a = (1 + ⅓ + 1 + 0)/4 = 0.583333
 *   Fleiss: π_pass = (1 + ⅔ + 0 + ½)/4 = 0.541667, p_e = π_pass² + π_fail² = 0.503472,
 *           κ = (0.583333 − 0.503472)/(1 − 0.503472) = 0.160839
 *   AC1: p_e = 2·0.541667·0.458333 = 0.496528, AC1 = 0.172414
 *   α: coincidences o_pp = 3 + 1 = 4, o_ff = 3, o_pf = o_fp = ½·2 + 1 = 2;
 *      n = 11 (6 pass, 5 fail); α = 1 − 10·4/(2·6·5) = 1/3
 *   Cohen's κ is for two raters: undefined. */
static void
test_three_reviewers_fleiss (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(ErrataReviewerAgreement) out = { 0, };
  double pa = (1 + 1.0 / 3 + 1 + 0) / 4;
  double pi = (1 + 2.0 / 3 + 0 + 0.5) / 4;
  double pe = pi * pi + (1 - pi) * (1 - pi);
  double pe_ac1 = 2 * pi * (1 - pi);

  eval_test_annotate (fixture->project, fixture->t[1], "ana", PASS, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[1], "ben", PASS, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[1], "cy", PASS, NULL, MERGED);
  eval_test_annotate (fixture->project, fixture->t[2], "ana", PASS, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[2], "ben", PASS, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[2], "cy", FAIL, NULL, MERGED);
  eval_test_annotate (fixture->project, fixture->t[3], "ana", FAIL, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[3], "ben", FAIL, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[3], "cy", FAIL, NULL, MERGED);
  eval_test_annotate (fixture->project, fixture->t[4], "ana", PASS, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[4], "ben", FAIL, NULL, HERE);

  measure (fixture, ERRATA_TARGET_OVERALL, &out);
  g_assert_true (out.computed);
  g_assert_cmpuint (out.n_items, ==, 4);
  g_assert_cmpuint (out.n_raters, ==, 3);
  g_assert_cmpstr (out.raters[2], ==, "cy");
  g_assert_cmpfloat_with_epsilon (out.chance_agreement, pe, 1e-9);
  assert_coefficient (&out.agreement.percent_agreement, pa);
  assert_coefficient (&out.agreement.fleiss_kappa, (pa - pe) / (1 - pe));
  g_assert_cmpfloat_with_epsilon ((pa - pe) / (1 - pe), 0.160839, 1e-6);
  assert_coefficient (&out.agreement.gwet_ac1, (pa - pe_ac1) / (1 - pe_ac1));
  assert_coefficient (&out.agreement.krippendorff_alpha, 1.0 / 3);
  g_assert_false (out.agreement.cohen_kappa.defined);
}

/* Everyone says pass: κ and α are 0/0, AC1 and raw agreement are 1. */
static void
test_one_class (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(ErrataReviewerAgreement) out = { 0, };
  g_auto(GStrv) warnings = NULL;

  for (guint i = 1; i <= 5; i++)
    {
      eval_test_annotate (fixture->project, fixture->t[i], "ana", PASS, NULL, HERE);
      eval_test_annotate (fixture->project, fixture->t[i], "ben", PASS, NULL, HERE);
    }
  measure (fixture, ERRATA_TARGET_OVERALL, &out);
  g_assert_true (out.computed);
  g_assert_cmpfloat_with_epsilon (out.chance_agreement, 1.0, 1e-12);
  assert_coefficient (&out.agreement.percent_agreement, 1.0);
  assert_coefficient (&out.agreement.gwet_ac1, 1.0);
  g_assert_false (out.agreement.cohen_kappa.defined);
  g_assert_false (out.agreement.fleiss_kappa.defined);
  g_assert_false (out.agreement.krippendorff_alpha.defined);
  g_assert_cmpint (out.warnings, ==,
                   ERRATA_AGREEMENT_WARNING_FEW_ITEMS | ERRATA_AGREEMENT_WARNING_ONE_CLASS);
  warnings = errata_reviewer_agreement_warnings (&out);
  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
}

/* Two pass, two fail, the same from both: every coefficient is 1. */
static void
test_perfect (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(ErrataReviewerAgreement) out = { 0, };

  for (guint i = 1; i <= 4; i++)
    {
      ErrataVerdict verdict = i <= 2 ? PASS : FAIL;

      eval_test_annotate (fixture->project, fixture->t[i], "ana", verdict, NULL, HERE);
      eval_test_annotate (fixture->project, fixture->t[i], "ben", verdict, NULL, HERE);
    }
  measure (fixture, ERRATA_TARGET_OVERALL, &out);
  assert_coefficient (&out.agreement.percent_agreement, 1.0);
  assert_coefficient (&out.agreement.cohen_kappa, 1.0);
  assert_coefficient (&out.agreement.fleiss_kappa, 1.0);
  assert_coefficient (&out.agreement.gwet_ac1, 1.0);
  assert_coefficient (&out.agreement.krippendorff_alpha, 1.0);
  g_assert_cmpfloat_with_epsilon (out.chance_agreement, 0.5, 1e-12);
}

/* Two reviewers, no trace in common; then one reviewer; then nobody. */
static void
test_no_overlap (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(ErrataReviewerAgreement) out = { 0, };
  g_auto(ErrataReviewerAgreement) alone = { 0, };
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GError) error = NULL;

  measure (fixture, ERRATA_TARGET_OVERALL, &alone);
  g_assert_false (alone.computed);
  g_assert_cmpint (alone.warnings, ==, ERRATA_AGREEMENT_WARNING_ONE_REVIEWER);
  errata_reviewer_agreement_clear (&alone);

  eval_test_annotate (fixture->project, fixture->t[1], "ana", PASS, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[2], "ana", FAIL, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[2], "file.csv", FAIL, NULL, IMPORTED);
  measure (fixture, ERRATA_TARGET_OVERALL, &alone);
  g_assert_cmpuint (alone.n_reviewers, ==, 1);
  g_assert_cmpint (alone.warnings, ==, ERRATA_AGREEMENT_WARNING_ONE_REVIEWER);

  eval_test_annotate (fixture->project, fixture->t[3], "ben", FAIL, NULL, HERE);
  measure (fixture, ERRATA_TARGET_OVERALL, &out);
  g_assert_false (out.computed);
  g_assert_cmpuint (out.n_reviewers, ==, 2);
  g_assert_cmpuint (out.n_items, ==, 0);
  g_assert_cmpuint (out.n_single, ==, 3);
  g_assert_cmpuint (out.n_raters, ==, 0);
  g_assert_true (isnan (out.chance_agreement));
  g_assert_cmpint (out.warnings, ==, ERRATA_AGREEMENT_WARNING_NO_OVERLAP);
  warnings = errata_reviewer_agreement_warnings (&out);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "No trace"));

  errata_reviewer_agreement_clear (&out);
  g_assert_false (errata_reviewer_agreement (fixture->project, 999, NULL, &out, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
}

/* An excluded source is not ground truth, so it is no reviewer here. */
static void
test_excluded_source (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(ErrataReviewerAgreement) out = { 0, };
  g_autoptr(GError) error = NULL;

  eval_test_annotate (fixture->project, fixture->t[1], "ana", PASS, NULL, HERE);
  eval_test_annotate (fixture->project, fixture->t[1], "bot", FAIL, NULL, MERGED);
  g_assert_true (errata_source_set_excluded (fixture->project, "bot", TRUE, &error));
  g_assert_no_error (error);
  measure (fixture, ERRATA_TARGET_OVERALL, &out);
  g_assert_cmpuint (out.n_reviewers, ==, 1);
  g_assert_false (out.computed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/reviewer-agreement/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("two-reviewers-by-hand", test_two_reviewers_by_hand);
  ADD ("seeded", test_seeded);
  ADD ("rare-mode-by-hand", test_rare_mode_by_hand);
  ADD ("three-reviewers-fleiss", test_three_reviewers_fleiss);
  ADD ("one-class", test_one_class);
  ADD ("perfect", test_perfect);
  ADD ("no-overlap", test_no_overlap);
  ADD ("excluded-source", test_excluded_source);
#undef ADD

  return g_test_run ();
}
