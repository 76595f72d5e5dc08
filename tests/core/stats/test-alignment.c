/* test-alignment.c: the confusion matrix (pass = positive) and its rates,
 * Wilson intervals and Cohen's κ, with every degenerate case.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "errata-alignment.h"

static GArray *
make_pairs (guint tp,
            guint fn,
            guint fp,
            guint tn)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (ErrataLabelPair));
  const struct { guint count; ErrataLabelPair pair; } cells[] = {
    { tp, { ERRATA_VERDICT_PASS, ERRATA_JUDGE_PASS } },
    { fn, { ERRATA_VERDICT_PASS, ERRATA_JUDGE_FAIL } },
    { fp, { ERRATA_VERDICT_FAIL, ERRATA_JUDGE_PASS } },
    { tn, { ERRATA_VERDICT_FAIL, ERRATA_JUDGE_FAIL } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
    for (guint i = 0; i < cells[c].count; i++)
      g_array_append_val (pairs, cells[c].pair);
  return pairs;
}

static void
append_pair (GArray             *pairs,
             ErrataVerdict       human,
             ErrataJudgeVerdict  judge)
{
  ErrataLabelPair pair = { human, judge };

  g_array_append_val (pairs, pair);
}

/* 40 tp, 10 fn, 5 fp, 45 tn, plus 2 errors on human passes, 1 on a human
 * fail and 3 pairs with no human label (whatever the judge said). */
static void
test_rates (void)
{
  g_autoptr(GArray) pairs = make_pairs (40, 10, 5, 45);
  ErrataConfusion confusion;
  ErrataAlignment alignment;

  append_pair (pairs, ERRATA_VERDICT_PASS, ERRATA_JUDGE_ERROR);
  append_pair (pairs, ERRATA_VERDICT_FAIL, ERRATA_JUDGE_ERROR);
  append_pair (pairs, ERRATA_VERDICT_PASS, ERRATA_JUDGE_ERROR);
  append_pair (pairs, ERRATA_VERDICT_UNSET, ERRATA_JUDGE_PASS);
  append_pair (pairs, ERRATA_VERDICT_UNSET, ERRATA_JUDGE_FAIL);
  append_pair (pairs, ERRATA_VERDICT_UNSET, ERRATA_JUDGE_ERROR);

  confusion = errata_confusion_from_pairs ((ErrataLabelPair *) pairs->data, pairs->len);
  g_assert_cmpuint (confusion.tp, ==, 40);
  g_assert_cmpuint (confusion.fn, ==, 10);
  g_assert_cmpuint (confusion.fp, ==, 5);
  g_assert_cmpuint (confusion.tn, ==, 45);
  g_assert_cmpuint (confusion.errors_human_pass, ==, 2);
  g_assert_cmpuint (confusion.errors_human_fail, ==, 1);
  g_assert_cmpuint (confusion.unlabelled, ==, 3);
  g_assert_cmpuint (errata_confusion_n_scored (&confusion), ==, 100);

  alignment = errata_alignment_from_confusion (&confusion, ERRATA_STATS_DEFAULT_LEVEL);
  g_assert_cmpuint (alignment.undefined, ==, 0);
  g_assert_cmpuint (alignment.n, ==, 100);
  g_assert_cmpuint (alignment.confusion.errors_human_pass, ==, 2);
  g_assert_cmpfloat (alignment.tpr, ==, 0.8);                 /* 40 / 50 */
  g_assert_cmpfloat (alignment.tnr, ==, 0.9);                 /* 45 / 50 */
  g_assert_cmpfloat (alignment.accuracy, ==, 0.85);           /* 85 / 100 */
  g_assert_cmpfloat_with_epsilon (alignment.balanced_accuracy, 0.85, 1e-15); /* (0.8 + 0.9) / 2 */
  /* P(human pass) = 0.5, P(judge pass) = 45/100:
   * 0.5 · 0.45 + 0.5 · 0.55 = 0.5 */
  g_assert_cmpfloat_with_epsilon (alignment.expected_agreement, 0.5, 1e-15);
  /* (0.85 − 0.5) / (1 − 0.5) = 0.7; closed form 2(40·45 − 10·5) / (50·55 + 50·45)
   * = 3500 / 5000 */
  g_assert_cmpfloat_with_epsilon (alignment.kappa, 0.7, 1e-15);

  /* Wilson 40/50, z = 1.959963984540054, z² = 3.841459:
   *   denominator 1 + z²/50 = 1.076829; centre (0.8 + z²/100) / 1.076829 = 0.778595;
   *   half z · √(0.16/50 + z²/10000) / 1.076829 = 0.108967 → [0.669628, 0.887562].
   * reference.py wilson(40, 50): (0.6696289406777459, 0.887562499842239). */
  g_assert_cmpfloat_with_epsilon (alignment.tpr_interval.lower, 0.6696289406777459, 1e-14);
  g_assert_cmpfloat_with_epsilon (alignment.tpr_interval.upper, 0.887562499842239, 1e-14);
  /* wilson(45, 50): (0.7863976856252035, 0.9565242350681096) */
  g_assert_cmpfloat_with_epsilon (alignment.tnr_interval.lower, 0.7863976856252035, 1e-14);
  g_assert_cmpfloat_with_epsilon (alignment.tnr_interval.upper, 0.9565242350681096, 1e-14);
}

/* Wilson at the edges: k = 0 gives [0, z²/(n + z²)] and k = n gives
 * [n/(n + z²), 1]; for n = 7: z²/(7 + z²) = 3.841459/10.841459 = 0.354330.
 * reference.py: wilson(0, 7) = (5.6e-17, 0.35433043506668743),
 * wilson(7, 7) = (0.6456695649333126, 1.0). */
static void
test_wilson_edges (void)
{
  ErrataInterval interval;

  interval = errata_wilson_interval (0, 7, ERRATA_STATS_Z95);
  g_assert_cmpfloat_with_epsilon (interval.lower, 0.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (interval.upper, 0.35433043506668743, 1e-14);

  interval = errata_wilson_interval (7, 7, ERRATA_STATS_Z95);
  g_assert_cmpfloat_with_epsilon (interval.lower, 0.6456695649333126, 1e-14);
  g_assert_cmpfloat (interval.upper, <=, 1.0);
  g_assert_cmpfloat_with_epsilon (interval.upper, 1.0, 1e-15);

  interval = errata_wilson_interval (0, 0, ERRATA_STATS_Z95);
  g_assert_true (isnan (interval.lower) && isnan (interval.upper));
}

/* A level other than 0.95 changes the z: at 0.90, z = 1.6448536; Wilson
 * 40/50 with it is narrower than at 0.95 and equals the direct call. */
static void
test_level (void)
{
  ErrataConfusion confusion = { .tp = 40, .fn = 10, .fp = 5, .tn = 45 };
  ErrataAlignment alignment = errata_alignment_from_confusion (&confusion, 0.90);
  ErrataInterval direct = errata_wilson_interval (40, 50, 1.6448536269514715);

  g_assert_cmpfloat (alignment.level, ==, 0.90);
  g_assert_cmpfloat_with_epsilon (alignment.tpr_interval.lower, direct.lower, 1e-14);
  g_assert_cmpfloat_with_epsilon (alignment.tpr_interval.upper, direct.upper, 1e-14);
  g_assert_cmpfloat (alignment.tpr_interval.lower, >, 0.6696289406777459);
  g_assert_cmpfloat (alignment.tpr_interval.upper, <, 0.887562499842239);
}

/* The human passed everything: TNR is 0/0, so NAN with its flag; TPR
 * stays defined; balanced accuracy needs both. κ is defined and 0 (the
 * human is constant, so no agreement beyond chance): 2(3·0 − 1·0) /
 * (4·1 + 0·3) = 0. */
static void
test_no_human_fail (void)
{
  ErrataConfusion confusion = { .tp = 3, .fn = 1 };
  ErrataAlignment alignment = errata_alignment_from_confusion (&confusion, 0.95);

  g_assert_cmpuint (alignment.undefined, ==, ERRATA_ALIGNMENT_NO_HUMAN_FAIL);
  g_assert_cmpfloat (alignment.tpr, ==, 0.75);
  g_assert_false (isnan (alignment.tpr_interval.lower));
  g_assert_true (isnan (alignment.tnr));
  g_assert_true (isnan (alignment.tnr_interval.lower) && isnan (alignment.tnr_interval.upper));
  g_assert_true (isnan (alignment.balanced_accuracy));
  g_assert_cmpfloat (alignment.accuracy, ==, 0.75);
  g_assert_cmpfloat (alignment.kappa, ==, 0.0);
  /* P(human pass) = 1, P(judge pass) = 3/4: expected agreement 0.75 */
  g_assert_cmpfloat (alignment.expected_agreement, ==, 0.75);
}

/* Human and judge both said pass on every trace: the agreement is
 * perfect but so is the chance agreement, and κ = 0/0. */
static void
test_chance_agreement_one (void)
{
  ErrataConfusion confusion = { .tp = 5 };
  ErrataAlignment alignment = errata_alignment_from_confusion (&confusion, 0.95);

  g_assert_cmpuint (alignment.undefined, ==,
                    ERRATA_ALIGNMENT_NO_HUMAN_FAIL | ERRATA_ALIGNMENT_CHANCE_AGREEMENT_ONE);
  g_assert_cmpfloat (alignment.accuracy, ==, 1.0);
  g_assert_cmpfloat (alignment.tpr, ==, 1.0);
  g_assert_cmpfloat (alignment.expected_agreement, ==, 1.0);
  g_assert_true (isnan (alignment.kappa));
}

/* Every judge verdict was an error: nothing is in the matrix, the errors
 * are counted beside it, and every rate is NAN. An empty input is the
 * same with zero counts. */
static void
test_all_errors_and_empty (void)
{
  g_autoptr(GArray) pairs = make_pairs (0, 0, 0, 0);
  ErrataConfusion confusion;
  ErrataAlignment alignment;
  const ErrataAlignmentFlags nothing = ERRATA_ALIGNMENT_NO_PAIRS |
                                       ERRATA_ALIGNMENT_NO_HUMAN_PASS |
                                       ERRATA_ALIGNMENT_NO_HUMAN_FAIL;

  append_pair (pairs, ERRATA_VERDICT_PASS, ERRATA_JUDGE_ERROR);
  append_pair (pairs, ERRATA_VERDICT_FAIL, ERRATA_JUDGE_ERROR);
  append_pair (pairs, ERRATA_VERDICT_FAIL, ERRATA_JUDGE_ERROR);
  confusion = errata_confusion_from_pairs ((ErrataLabelPair *) pairs->data, pairs->len);
  g_assert_cmpuint (confusion.errors_human_pass, ==, 1);
  g_assert_cmpuint (confusion.errors_human_fail, ==, 2);
  g_assert_cmpuint (errata_confusion_n_scored (&confusion), ==, 0);

  alignment = errata_alignment_from_confusion (&confusion, 0.95);
  g_assert_cmpuint (alignment.undefined, ==, nothing);
  g_assert_cmpuint (alignment.n, ==, 0);
  g_assert_true (isnan (alignment.tpr) && isnan (alignment.tnr));
  g_assert_true (isnan (alignment.accuracy) && isnan (alignment.balanced_accuracy));
  g_assert_true (isnan (alignment.kappa) && isnan (alignment.expected_agreement));

  confusion = errata_confusion_from_pairs (NULL, 0);
  g_assert_cmpuint (confusion.errors_human_pass + confusion.unlabelled, ==, 0);
  alignment = errata_alignment_from_confusion (&confusion, 0.95);
  g_assert_cmpuint (alignment.undefined, ==, nothing);
  g_assert_true (isnan (alignment.kappa));
}

/* A judge that always says the opposite: TPR = TNR = 0 and κ < 0 (not −1:
 * the human and the judge have different margins). */
static void
test_contrary_judge (void)
{
  ErrataConfusion confusion = { .fn = 6, .fp = 4 };
  ErrataAlignment alignment = errata_alignment_from_confusion (&confusion, 0.95);

  g_assert_cmpuint (alignment.undefined, ==, 0);
  g_assert_cmpfloat (alignment.tpr, ==, 0.0);
  g_assert_cmpfloat (alignment.tnr, ==, 0.0);
  /* 2(0 − 6·4) / (6·6 + 4·4) = −48 / 52 */
  g_assert_cmpfloat_with_epsilon (alignment.kappa, -48.0 / 52.0, 1e-15);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/alignment/rates", test_rates);
  g_test_add_func ("/stats/alignment/wilson-edges", test_wilson_edges);
  g_test_add_func ("/stats/alignment/level", test_level);
  g_test_add_func ("/stats/alignment/no-human-fail", test_no_human_fail);
  g_test_add_func ("/stats/alignment/chance-agreement-one", test_chance_agreement_one);
  g_test_add_func ("/stats/alignment/all-errors-and-empty", test_all_errors_and_empty);
  g_test_add_func ("/stats/alignment/contrary-judge", test_contrary_judge);

  return g_test_run ();
}
