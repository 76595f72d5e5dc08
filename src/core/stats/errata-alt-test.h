/* errata-alt-test.h: can a judge stand in for a reviewer? The alternative
 * annotator test of Calderon, Reichart and Dror, "The Alternative Annotator
 * Test for LLM-as-a-Judge" (ACL 2025), for pass/fail ratings.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ε, the paper's cost-benefit margin: how much worse than a reviewer the
 * judge may align with the others and still win. The authors suggest 0.2
 * for expert reviewers, 0.15 for skilled ones, 0.1 for crowd-workers, and
 * a smaller ε when reviewers agree little; 0.1 asks the most of a judge. */
#define ERRATA_ALT_TEST_DEFAULT_EPSILON 0.1
/* q of the Benjamini–Yekutieli procedure over the reviewers' tests. */
#define ERRATA_ALT_TEST_DEFAULT_Q 0.05
/* The paper's floor for the t-test's normality: a reviewer with fewer
 * shared traces is left out of the test (not counted as lost). */
#define ERRATA_ALT_TEST_DEFAULT_MIN_ITEMS 30

typedef struct
{
  double epsilon;
  double q;
  guint  min_items;
} ErrataAltTestOptions;

/* Leave reviewer j out. On each trace j rated, that at least one other
 * reviewer rated and the judge judged, score j and the judge by their
 * agreement with the other reviewers there (the share of the others they
 * match: the paper's "accuracy" scoring):
 *
 *   W_judge = 1 when judge_score ≥ reviewer_score, W_reviewer = 1 when
 *   reviewer_score ≥ judge_score (a tie counts for both)
 *   d = W_reviewer − W_judge, and the one-sided t-test of
 *   H0: mean d ≥ ε against H1: mean d < ε (errata_t_test_less)
 *
 * Rejecting H0 means the judge "wins" against j: it represents the others
 * at least as well as j does, give or take ε. The p-values of the reviewers
 * tested (those with min_items traces or more) go through
 * Benjamini–Yekutieli at q; the winning rate is the share of tested
 * reviewers the judge wins against, and the judge passes when it is 0.5 or
 * more. The advantage probability, the mean over tested reviewers of
 * mean W_judge, compares judges (higher is better). */
typedef struct
{
  guint    n_items;            /* traces of the comparison for this reviewer */
  gboolean tested;             /* n_items ≥ min_items */
  double   judge_agreement;    /* mean judge_score: how often the judge matches the others */
  double   reviewer_agreement; /* mean reviewer_score */
  double   advantage;          /* mean W_judge (ρ_j) */
  double   mean_difference;    /* mean d */
  double   t;                  /* ±INFINITY when d is constant; NAN untested */
  double   p_value;            /* NAN untested */
  gboolean won;                /* H0 rejected after Benjamini–Yekutieli */
} ErrataAltTestReviewer;

typedef struct
{
  ErrataAltTestOptions   options;
  guint                  n_items;        /* traces with two or more ratings and a judge verdict */
  guint                  n_reviewers;
  ErrataAltTestReviewer *reviewers;      /* n_reviewers, in the order of the ratings' columns */
  guint                  n_tested;
  guint                  n_won;
  double                 winning_rate;   /* n_won / n_tested; NAN when none was tested */
  double                 advantage_probability; /* NAN when none was tested */
  gboolean               passed;         /* n_tested > 0 and winning_rate ≥ 0.5 */
} ErrataAltTest;

ErrataAltTestOptions errata_alt_test_options_default (void);

/* @ratings: n_items × n_reviewers, row by row, 0 pass, 1 fail or
 * ERRATA_RATING_MISSING; @judge: n_items, the same codes. Items with fewer
 * than two ratings or no judge verdict are left out. */
gboolean errata_alt_test       (const gint                 *ratings,
                                gsize                       n_items,
                                guint                       n_reviewers,
                                const gint                 *judge,
                                const ErrataAltTestOptions *options,
                                ErrataAltTest              *out,
                                GError                    **error);
void     errata_alt_test_clear (ErrataAltTest              *test);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ErrataAltTest, errata_alt_test_clear)

G_END_DECLS
